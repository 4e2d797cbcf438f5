--TEST--
A task that exceeds max_execution_time is recorded as "timeout" with the engine's message, is logged, and the next task still runs with its own clock
--INI--
max_execution_time=1
error_log={PWD}/115_max_execution_time_in_task_is_timeout.log
log_errors=0
--FILE--
<?php
@unlink(ini_get('error_log'));
defer(function () {
    echo "task 1 spins\n";
    while (true) {
    }
});
defer(function () {
    echo "task 2 spins too\n";
    $x = 0;
    while (true) {
        $x = ($x + 1) % 7;
    }
});
defer(function () {
    echo "task 3 runs\n";
    register_shutdown_function(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], str_replace(__FILE__, 'FILE', var_export($task['error'], true)));
        }
        printf("ran=%d failed=%d skipped=%d\n", $status['ran'], $status['failed'], $status['skipped']);
        foreach (file(ini_get('error_log'), FILE_IGNORE_NEW_LINES) as $line) {
            echo str_replace(__FILE__, 'FILE', preg_replace('/^\[[^\]]*\] /', '', $line)), "\n";
        }
    });
});
echo "main end\n";
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/115_max_execution_time_in_task_is_timeout.log');
?>
--EXPECTF--
main end
task 1 spins

Fatal error: Maximum execution time of 1 second exceeded in %s on line %d
task 2 spins too

Fatal error: Maximum execution time of 1 second exceeded in %s on line %d
task 3 runs
#1 timeout: 'Maximum execution time of 1 second exceeded in FILE:%d'
#2 timeout: 'Maximum execution time of 1 second exceeded in FILE:%d'
#3 ok: NULL
ran=3 failed=2 skipped=0
defer: task #1 ({closure:FILE:3}) timeout: Maximum execution time of 1 second exceeded in FILE:%d
defer: task #2 ({closure:FILE:8}) timeout: Maximum execution time of 1 second exceeded in FILE:%d
