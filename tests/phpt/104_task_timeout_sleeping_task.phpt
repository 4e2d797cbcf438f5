--TEST--
defer.task_timeout cuts sleep(), usleep() and time_nanosleep() short: each task is stopped and the next one runs
--INI--
defer.task_timeout=0.2
error_log=/dev/null
--FILE--
<?php
defer(function () {
    echo "sleep\n";
    sleep(100);
    echo "after sleep: must not be reached\n";
});
defer(function () {
    echo "usleep\n";
    usleep(100000000);
    echo "after usleep: must not be reached\n";
});
defer(function () {
    echo "time_nanosleep\n";
    time_nanosleep(100, 0);
    echo "after time_nanosleep: must not be reached\n";
});
defer(function () {
    echo "sleeps in a loop\n";
    while (true) {
        usleep(10000);
    }
});
defer(function () {
    echo "last task\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
?>
--EXPECTF--
sleep
usleep
time_nanosleep
sleeps in a loop
last task
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#2 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#3 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#4 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#5 ok: NULL
