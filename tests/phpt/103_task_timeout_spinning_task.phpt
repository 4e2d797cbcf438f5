--TEST--
defer.task_timeout stops a task spinning in an empty loop; it is recorded as "timeout" and the next task runs
--INI--
defer.task_timeout=0.2
error_log=/dev/null
--FILE--
<?php
defer(function () {
    echo "task 1 spins\n";
    while (true) {
    }
});
defer(function () {
    echo "task 2 runs\n";
    register_shutdown_function(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
        echo "task 1 duration >= 0.2: ", var_export($status['tasks'][0]['duration'] >= 0.2, true), "\n";
        printf("ran=%d failed=%d skipped=%d\n", $status['ran'], $status['failed'], $status['skipped']);
    });
});
echo "main end\n";
?>
--EXPECTF--
main end
task 1 spins
task 2 runs
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#2 ok: NULL
task 1 duration >= 0.2: true
ran=2 failed=1 skipped=0
