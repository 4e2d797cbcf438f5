--TEST--
A task stopped by max_execution_time is recorded as failed and the next task still runs
--INI--
error_log=/dev/null
--FILE--
<?php
set_time_limit(1);
defer(function () {
    echo "task 1 loops\n";
    while (true) {
    }
});
defer(function () {
    echo "task 2 runs\n";
    register_shutdown_function(function () {
        $status = defer_status();
        $task = $status['tasks'][0];
        echo "task 1 stopped: ", var_export(in_array($task['state'], ['fatal', 'timeout'], true), true), "\n";
        echo "task 1 error: ", str_replace(__FILE__, 'FILE', $task['error']), "\n";
        echo "ran=", $status['ran'], " failed=", $status['failed'], "\n";
        echo "task 2 state: ", $status['tasks'][1]['state'], "\n";
    });
});
?>
--EXPECTF--
task 1 loops

Fatal error: Maximum execution time of 1 second exceeded in %s048_task_time_limit.php on line %d
task 2 runs
task 1 stopped: true
task 1 error: Maximum execution time of 1 second exceeded in FILE:%d
ran=2 failed=1
task 2 state: ok
