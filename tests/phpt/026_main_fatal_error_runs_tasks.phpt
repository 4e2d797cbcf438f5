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
Fatal error: main script fatal in %s026_main_fatal_error_runs_tasks.php on line 5
task runs after the fatal error
