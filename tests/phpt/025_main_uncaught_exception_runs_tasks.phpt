--TEST--
Tasks run after an uncaught exception ended the main script
--FILE--
<?php
defer(function () {
    echo "task runs after the uncaught exception\n";
    echo "ran so far: ", defer_status()['ran'], "\n";
});
register_shutdown_function(function () {
    echo "shutdown function\n";
});
throw new LogicException('main script failed');
?>
--EXPECTF--
Fatal error: Uncaught LogicException: main script failed in %s025_main_uncaught_exception_runs_tasks.php:9
Stack trace:
#0 {main}
  thrown in %s025_main_uncaught_exception_runs_tasks.php on line 9
shutdown function
task runs after the uncaught exception
ran so far: 0
