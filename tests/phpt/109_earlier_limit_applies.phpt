--TEST--
With both limits set, a task is stopped by whichever comes first and the message names that limit
--INI--
defer.task_timeout=0.5
defer.time_budget=1
error_log=/dev/null
--FILE--
<?php
// Reports from a destructor: after the deferred phase, outside the tasks' limits (a shutdown
// function a task registers is the task's code, run within its limits).
final class AfterThePhase { public function __construct(private Closure $report) {} public function __destruct() { ($this->report)(); } }
// Task 2 starts after at least 0.5 s and task 3 after at least 0.6 s, so task 3's own
// deadline (>= 1.1 s) is always later than the phase's (1 s). Task 3 may start up to 0.4 s late
// (valgrind, a loaded CI machine) without changing which limit fires.
defer(function () {
    echo "task 1 sleeps\n";
    $GLOBALS['after_the_phase'] = new AfterThePhase(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
    sleep(100);
});
defer(function () {
    usleep(100000);
    echo "task 2 fits\n";
});
defer(function () {
    echo "task 3 sleeps\n";
    sleep(100);
});
defer(function () {
    echo "task 4: must not run\n";
});
?>
--EXPECTF--
task 1 sleeps
task 2 fits
task 3 sleeps
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.5 s reached'
#2 ok: NULL
#3 timeout: 'stopped after %f s: defer.time_budget of 1 s spent'
#4 skipped: 'defer.time_budget of 1 s spent before it could start'
