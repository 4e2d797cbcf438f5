--TEST--
defer.time_budget: the task running when the budget is spent is stopped ("timeout"), the remaining ones are "skipped" (a budget of 2 s: the first two tasks fit in it even under valgrind on a loaded machine)
--INI--
defer.time_budget=2
defer.task_timeout=0
error_log=/dev/null
--FILE--
<?php
// Reports from a destructor: after the deferred phase, outside the tasks' limits (a shutdown
// function a task registers is the task's code, run within its limits).
final class AfterThePhase { public function __construct(private Closure $report) {} public function __destruct() { ($this->report)(); } }
defer(function () {
    echo "task 1 registers the report\n";
    $GLOBALS['after_the_phase'] = new AfterThePhase(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
        printf("queued=%d ran=%d failed=%d skipped=%d cancelled=%d\n",
            $status['queued'], $status['ran'], $status['failed'], $status['skipped'], $status['cancelled']);
        echo "skipped tasks took no time: ",
            var_export($status['tasks'][3]['duration'] === 0.0 && $status['tasks'][4]['duration'] === 0.0, true), "\n";
        echo "elapsed >= 2: ", var_export($status['elapsed'] >= 2, true), "\n";
    });
});
defer(function () {
    usleep(50000);
    echo "task 2 fits in the budget\n";
});
defer(function () {
    echo "task 3 sleeps past the budget\n";
    sleep(100);
    echo "task 3: must not be reached\n";
});
defer(function () {
    echo "task 4: must not run\n";
});
defer('printf', "task 5: must not run\n");
echo "main end\n";
?>
--EXPECTF--
main end
task 1 registers the report
task 2 fits in the budget
task 3 sleeps past the budget
#1 ok: NULL
#2 ok: NULL
#3 timeout: 'stopped after %f s: defer.time_budget of 2 s spent'
#4 skipped: 'defer.time_budget of 2 s spent before it could start'
#5 skipped: 'defer.time_budget of 2 s spent before it could start'
queued=5 ran=3 failed=1 skipped=2 cancelled=0
skipped tasks took no time: true
elapsed >= 2: true
