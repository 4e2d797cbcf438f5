--TEST--
Tasks run after a fatal error ended the main script
--FILE--
<?php
defer(function () {
    echo "task runs after the fatal error\n";
});
trigger_error('main script fatal', E_USER_ERROR);
echo "never printed\n";
?>
--EXPECTF--
%r(Deprecated: Passing E_USER_ERROR to trigger_error\(\) is deprecated since 8\.4[^\n]* on line 5\n\n)?%rFatal error: main script fatal in %s026_main_fatal_error_runs_tasks.php on line 5
task runs after the fatal error
