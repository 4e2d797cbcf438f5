--TEST--
defer.task_timeout and defer.time_budget set with ini_set() in the script apply to the deferred phase
--SKIPIF--
<?php
// Which limit fires first is a matter of timing; under valgrind (run-tests -m sets
// USE_ZEND_ALLOC=0) the watchdog thread is scheduled late. The normal run covers it.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip limit ordering is timing-dependent under valgrind');
?>
--INI--
error_log=/dev/null
--FILE--
<?php
var_dump(ini_set('defer.task_timeout', '0.15'));
var_dump(ini_set('defer.time_budget', '0.4'));
defer(function () {
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
    while (true) {
    }
});
defer(function () {
    while (true) {
    }
});
defer(function () {
    sleep(100);
});
defer(function () {
    echo "task 4: must not run\n";
});
?>
--EXPECTF--
string(1) "0"
string(2) "30"
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.15 s reached'
#2 timeout: 'stopped after %f s: defer.task_timeout of 0.15 s reached'
#3 timeout: 'stopped after %f s: defer.time_budget of 0.4 s spent'
#4 skipped: 'defer.time_budget of 0.4 s spent before it could start'
