--TEST--
Defer\on_failure(): the handler gets each failed task's defer_status() record and its Throwable (the same object) right after it settles: exception, exit with a non-zero status, fatal error, timeout (after its finally block); not ok, exit(0), cancelled or skipped tasks; the previous handler is returned, null removes it
--INI--
defer.log=off
defer.task_timeout=0.2
display_errors=0
--FILE--
<?php
use function Defer\defer;
use function Defer\defer_named;
use function Defer\on_failure;

$reported = [];
$handler = function (array $task, ?Throwable $exception) use (&$reported) {
    $reported[] = $task;
    printf("reported #%d %s %s: %s, exception %s\n", $task['id'], var_export($task['name'], true), $task['state'],
        $task['error'], $exception === null ? 'null' : get_class($exception) . ' ' . var_export($exception === $GLOBALS['thrown'], true));
};
var_dump(on_failure($handler));
var_dump(on_failure($handler) === $handler);
try {
    on_failure('no_such_function');
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

$thrown = new RuntimeException('the thrown one');
defer_named('throws', function () { throw $GLOBALS['thrown']; });
defer(fn () => print("ok task\n"));
defer(function () { echo "exit(0)\n"; exit(0); });
defer(function () { exit(3); });
defer(function () { trigger_error('user fatal', E_USER_ERROR); });
defer_named('slow', function () {
    try {
        usleep(2000000);
    } finally {
        echo "slow: finally ran\n";
    }
});
Defer\defer_cancel(defer(fn () => null));
$ran = Defer\run_pending();
echo "run_pending: $ran\n";

// The handler's $task is the task's defer_status() entry.
$status = array_column(Defer\defer_status()['tasks'], null, 'id');
foreach ($reported as $task) {
    if ($task != $status[$task['id']]) {
        echo "differs from defer_status(): #{$task['id']}\n";
    }
}
echo implode(',', array_keys($reported[0])), "\n";

// null removes it; the removed handler is returned.
var_dump(on_failure(null) === $handler, on_failure(null));
defer(function () { throw new LogicException('nobody is told'); });
$ran = Defer\run_pending();
echo "run_pending: $ran\n";

// After the response too.
on_failure($handler);
defer(function () { throw new LogicException('after the response'); });
echo "end of script\n";
?>
--EXPECTF--
NULL
bool(true)
TypeError: Defer\on_failure(): Argument #1 ($handler) must be a valid callback or null, function "no_such_function" not found or invalid function name
reported #1 'throws' exception: RuntimeException: the thrown one in %s:20, exception RuntimeException true
ok task
exit(0)
reported #4 NULL exit: exit(3) called, exception null
reported #5 NULL fatal: user fatal in %s:25, exception null
slow: finally ran
reported #6 'slow' timeout: stopped after %f s: defer.task_timeout of 0.2 s reached, exception null
run_pending: 6
id,name,callable,state,duration,error
bool(true)
NULL
run_pending: 1
end of script
reported #9 NULL exception: LogicException: after the response in %s:54, exception LogicException false
