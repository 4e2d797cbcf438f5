--TEST--
Defer\on_failure(): the handler's own failure (exception, exit, overrunning defer.task_timeout) is only logged, never reported to itself, and the next tasks run and are reported; a handler set inside a task applies to later tasks; a task the budget stopped is still reported; a handler may defer more work
--INI--
error_log={PWD}/155_on_failure_handler_limits.log
log_errors=0
display_errors=0
defer.task_timeout=0.3
--FILE--
<?php
use function Defer\defer;
use function Defer\on_failure;

@unlink(ini_get('error_log'));
$calls = 0;
on_failure(function (array $task, ?Throwable $e) use (&$calls) {
    $calls++;
    echo "first handler: #{$task['id']} {$task['state']}\n";
    if ($task['id'] === 1) {
        throw new DomainException('the handler throws');
    }
    if ($task['id'] === 2) {
        exit(5);
    }
    if ($task['id'] === 3) {
        usleep(2000000); // stopped at defer.task_timeout
        echo "not reached\n";
    }
    if ($task['id'] === 4) {
        defer(fn () => print("deferred by the handler\n"));
    }
});
defer(function () { throw new RuntimeException('one'); });
defer(function () { throw new RuntimeException('two'); });
defer(function () { throw new RuntimeException('three'); });
defer(function () { throw new RuntimeException('four'); });
defer(function () {
    on_failure(function (array $task) { echo "second handler: #{$task['id']} {$task['state']}\n"; });
    throw new RuntimeException('five: the handler in place when it started is told');
});
defer(function () { throw new RuntimeException('six'); });
$ran = Defer\run_pending();
echo "ran $ran, first handler called $calls times\n";

// A task stopped by the phase's budget is still reported; the one after it is skipped.
ini_set('defer.time_budget', '0.2');
ini_set('defer.task_timeout', '0');
defer(function () { usleep(2000000); });
defer(fn () => print("skipped, never runs\n"));
$ran = Defer\run_pending();
echo "ran $ran\n";

foreach (file(ini_get('error_log'), FILE_IGNORE_NEW_LINES) as $line) {
    if (str_contains($line, 'failure handler')) {
        echo str_replace(__FILE__, 'FILE', $line), "\n";
    }
}
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/155_on_failure_handler_limits.log');
?>
--EXPECTF--
first handler: #1 exception
first handler: #2 exception
first handler: #3 exception
first handler: #4 exception
first handler: #5 exception
second handler: #6 exception
deferred by the handler
ran 7, first handler called 5 times
second handler: #8 timeout
ran 1
[%s] defer: failure handler for task #1 failed: DomainException: the handler throws in FILE:11
[%s] defer: failure handler for task #2 failed: exit(5) called
[%s] defer: failure handler for task #3 stopped after %f s: defer.task_timeout reached
