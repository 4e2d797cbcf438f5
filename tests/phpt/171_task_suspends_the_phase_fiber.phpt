--TEST--
A task that suspends the Fiber running the phase pauses its limit: the code outside (main script, event loop) is not stopped by it, run_pending() there says why it cannot run, and the task gets what was left of its limit once resumed; a task whose Fiber is destroyed instead is recorded as never finished, and the tasks after it still run
--INI--
defer.task_timeout=1
defer.log=off
--FILE--
<?php
// 1. Suspended for longer than its limit, resumed, finishes: ok.
defer(function () { echo "task 1 start\n"; Fiber::suspend('suspended'); echo "task 1 resumed\n"; usleep(20000); });
// 2. Fibers created and finished inside a task are the task's own business.
defer(function () {
    $inner = new Fiber(function () { Fiber::suspend(1); return 2; });
    $inner->start();
    $inner->resume();
    echo "task 2 inner fiber returned ", $inner->getReturn(), "\n";
});
// 3. Suspended, resumed, then runs over: stopped by its limit, measured without the pause.
defer(function () { Fiber::suspend('again'); while (true) {} });
function show_tasks(): void {
    foreach (defer_status()['tasks'] as $task) {
        printf("#%d %s %s\n", $task['id'], $task['state'], $task['error'] ?? '');
    }
}
$fiber = new Fiber(fn () => Defer\run_pending());
$got = $fiber->start();
echo "main got: $got\n";
$waited = hrtime(true);
while (hrtime(true) - $waited < 1.5e9) { // busy, longer than the limit: main must not be stopped
    $x = md5('main');
}
echo "main still running\n";
try {
    Defer\run_pending();
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$got = $fiber->resume();
echo "main got: $got\n";
usleep(300000); // not counted against task 3's limit
$fiber->resume();
echo "phase returned ", $fiber->getReturn(), "\n";
show_tasks();

// 4. Suspended and abandoned: its Fiber is destroyed.
defer(function () { Fiber::suspend('abandoned'); echo "never\n"; });
defer(function () { echo "task 5 ran\n"; });
$fiber = new Fiber(fn () => Defer\run_pending());
$got = $fiber->start();
echo "main got: $got\n";
unset($fiber);
show_tasks();
$ran = Defer\run_pending();
echo "then $ran ran\n";
?>
--EXPECTF--
task 1 start
main got: suspended
main still running
Error: Defer\run_pending(): Cannot run the pending tasks while a deferred task has suspended the Fiber running them; they run once that Fiber is resumed
task 1 resumed
task 2 inner fiber returned 2
main got: again
phase returned 3
#1 ok 
#2 ok 
#3 timeout stopped after %f s: defer.task_timeout of 1 s reached
main got: abandoned
#4 exit suspended the Fiber running it, which was destroyed before it was resumed: the task never finished
#5 pending 
task 5 ran
then 1 ran
