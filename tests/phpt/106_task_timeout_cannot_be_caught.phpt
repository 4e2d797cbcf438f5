--TEST--
A task stopped by its time limit cannot catch the stop (catch Throwable, nested try), and its finally blocks run, innermost first
--INI--
defer.task_timeout=0.2
error_log=/dev/null
--FILE--
<?php
defer(function () {
    while (true) {
        try {
            while (true) {
            }
        } catch (\Throwable $e) {
            echo "caught ", get_class($e), ": must not happen\n";
        } finally {
            echo "task 1: inner finally runs\n";
        }
    }
});
defer(function () {
    try {
        try {
            sleep(100);
        } finally {
            echo "task 2: finally runs\n";
        }
    } catch (\Throwable $e) {
        echo "caught ", get_class($e), ": must not happen\n";
    }
    echo "after try: must not be reached\n";
});
defer(function () {
    set_exception_handler(function ($e) {
        echo "exception handler: must not run\n";
    });
    set_error_handler(function () {
        echo "error handler: must not run\n";
        return true;
    });
    while (true) {
        try {
            usleep(1000);
        } catch (\Throwable $e) {
            echo "caught: must not happen\n";
        }
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
task 1: inner finally runs
task 2: finally runs
last task
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#2 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#3 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#4 ok: NULL
