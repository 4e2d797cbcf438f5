<?php
// An event loop's pattern: Defer\run_pending() inside a Fiber, and a task that suspends that
// fiber (waits for I/O through the loop). The main script then runs on, longer than the task's
// limit (0.5 s), and must not be stopped by it; it resumes the fiber, and the task finishes.
require __DIR__ . '/record.inc';
defer(function () {
    Fiber::suspend('waiting');
    append_line('fiber-task', 'resumed');
});
$fiber = new Fiber(fn () => Defer\run_pending());
$fiber->start();
$until = hrtime(true) + 800e6;
while (hrtime(true) < $until) {
    $x = md5('main'); // busy: a signal could not end this early
}
$fiber->resume();
defer(fn () => record_status('fault-fiber'));
echo "answered fiber\n";
