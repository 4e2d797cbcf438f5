--TEST--
A task's callable, arguments and captured values are released right after it runs, inside its sandbox and time limit: a destructor that throws, exits or overruns is that task's outcome; a cancelled task's values go at defer_cancel(), a skipped task's when it is skipped; memory drops as tasks finish
--FILE--
<?php
require __DIR__ . '/child.inc';

$result = defer_child_run(<<<'PHP'
<?php
// Reports from a destructor: after the deferred phase, outside the tasks' limits (a shutdown
// function a task registers is the task's code, run within its limits).
final class AfterThePhase { public function __construct(private Closure $report) {} public function __destruct() { ($this->report)(); } }
class OnRelease
{
    public function __construct(private string $what) {}
    public function __destruct()
    {
        match ($this->what) {
            'throw' => throw new LogicException('destructor threw'),
            'exit' => exit(9),
            'sleep' => sleep(10),
            default => print("released: {$this->what}\n"),
        };
    }
}
$throws = new OnRelease('throw');
defer(function () use ($throws) {
    echo "task 1 runs\n";
    $GLOBALS['after_the_phase'] = new AfterThePhase(function () {
        foreach (array_slice(defer_status()['tasks'], 0, 4) as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], $task['error'] ?? '-');
        }
        echo "#56 ", defer_status()["tasks"][55]["state"], "\n";
    });
});
defer(function (OnRelease $value) { echo "task 2 runs\n"; }, new OnRelease('exit'));
$sleeps = new OnRelease('sleep');
defer(function () use ($sleeps) { echo "task 3 runs\n"; });
$cancelled = defer(function () {}, new OnRelease('cancelled task'));
unset($throws, $sleeps);
echo "cancelling\n";
defer_cancel($cancelled);
echo "cancelled\n";
final class Holder
{
    public static int $alive = 0;
    public function __construct(public string $bytes) { self::$alive++; }
    public function __destruct() { self::$alive--; }
}
$memory = [];
$alive = [];
for ($i = 0; $i < 50; $i++) {
    defer(function (Holder $holder) use (&$memory, &$alive, $i) {
        $memory[$i] = memory_get_usage();
        $alive[$i] = Holder::$alive;
    }, new Holder(str_repeat('x', 400000)));
}
defer(function () use (&$memory, &$alive) {
    echo "holders alive while the 50 tasks ran: ", $alive[0], " at the first, ", $alive[49], " at the last\n";
    // memory_get_usage() sees Zend's allocator only (valgrind's run turns it off).
    echo "memory dropped by 15 MB or more: ", getenv('USE_ZEND_ALLOC') === '0' ? 'not measured without Zend MM'
        : var_export($memory[0] - $memory[49] > 15000000, true), "\n";
    sleep(10); // stopped when the phase's budget is spent: the next task is skipped
});
defer(function () {}, new OnRelease('skipped task'));
PHP, ['defer.task_timeout' => '0.5', 'defer.time_budget' => '0.8', 'error_log' => '/dev/null', 'memory_limit' => '256M']);
echo $result['stdout'];
echo "exit status: ", $result['status'], "\n";
?>
--EXPECTF--
cancelling
released: cancelled task
cancelled
task 1 runs
task 2 runs
task 3 runs
holders alive while the 50 tasks ran: 50 at the first, 1 at the last
memory dropped by 15 MB or more: %r(true|not measured without Zend MM)%r
released: skipped task
#1 exception: LogicException: destructor threw in %s:%d
#2 exit: exit(9) called
#3 timeout: stopped after %f s: defer.%s
#4 cancelled: -
#56 skipped
exit status: 0
