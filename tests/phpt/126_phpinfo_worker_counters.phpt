--TEST--
phpinfo() has the "Deferred tasks in this worker" rows Run, Failed, Timed out and Skipped, also while tasks fail, time out and are skipped
--INI--
defer.time_budget=1.5
error_log=/dev/null
--FILE--
<?php
// Reports from a destructor: after the deferred phase, outside the tasks' limits (a shutdown
// function a task registers is the task's code, run within its limits).
final class AfterThePhase { public function __construct(private Closure $report) {} public function __destruct() { ($this->report)(); } }
// The budget is spent by the sleeping task alone: wide enough that the two tasks before it
// never spend it first, however slow the machine (valgrind beside another suite).
function counters(): string
{
    ob_start();
    phpinfo(INFO_MODULES);
    $info = ob_get_clean();
    preg_match('/^Deferred tasks in this worker => Count\n((?:.+ => .+\n){4})/m', $info, $match);
    return preg_replace('/=> \d+$/m', '=> N', $match[1] ?? "no counters\n");
}

echo counters();
defer(function () {
    $GLOBALS['after_the_phase'] = new AfterThePhase(function () {
        echo "after the tasks: ", implode(' ', array_column(defer_status()['tasks'], 'state')), "\n";
        echo counters();
    });
});
defer(function () {
    throw new LogicException('boom');
});
defer(function () {
    sleep(100);
});
defer('strlen', 'skipped');
defer(function () {
    echo "must not run\n";
});
register_shutdown_function(function () {
    echo "shutdown\n";
});
defer(function () {
    echo "must not run either\n";
});
?>
--EXPECT--
Run => N
Failed => N
Timed out => N
Skipped => N
shutdown
after the tasks: ok exception timeout skipped skipped skipped
Run => N
Failed => N
Timed out => N
Skipped => N
