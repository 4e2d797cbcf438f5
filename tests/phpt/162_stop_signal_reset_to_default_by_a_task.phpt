--TEST--
A task that handled the watchdog's signal and put SIG_DFL back (as pcntl does at the end of each request) does not make the next stop kill the process: the signal is not sent to a handler that is not ours (logged once), and the next task's limit takes it back
--SKIPIF--
<?php if (!function_exists('pcntl_signal')) die('skip needs pcntl'); ?>
--INI--
defer.task_timeout=0.2
--FILE--
<?php
function durations(): string {
    $out = [];
    foreach (defer_status()['tasks'] as $task) {
        $out[] = sprintf("#%d %s %s", $task['id'], $task['state'], $task['duration'] < 1.5 ? 'at its limit' : 'once its wait returned');
    }
    return implode(', ', $out);
}
$signal = SIGRTMIN + 2;
defer(function () use ($signal) {
    pcntl_signal($signal, function () { echo "the application's handler\n"; });
    pcntl_signal($signal, SIG_DFL);
    echo "task 1 handled the signal, then put SIG_DFL back\n";
});
defer(function () { usleep(2000000); });
defer(function () { usleep(3000000); });
defer(function () { echo "task 4 runs\n"; });
defer_run_pending();
echo durations(), "\n";

// The next phase too.
defer(function () { usleep(3000000); });
defer_run_pending();
echo durations(), "\n";
echo "the process is alive\n";
?>
--EXPECTF--
task 1 handled the signal, then put SIG_DFL back
defer: the handler of signal %d, which cuts a deferred task's wait short at its limit, was replaced while the deferred tasks ran: the signal was not sent (the task was stopped once its wait returned); the next task's limit takes it back or another free signal
defer: task #2 ({closure:%s}) timeout: stopped after %f s: defer.task_timeout of 0.2 s reached
defer: task #3 ({closure:%s}) timeout: stopped after %f s: defer.task_timeout of 0.2 s reached
task 4 runs
#1 ok at its limit, #2 timeout once its wait returned, #3 timeout at its limit, #4 ok at its limit
defer: task #5 ({closure:%s}) timeout: stopped after %f s: defer.task_timeout of 0.2 s reached
#5 timeout at its limit
the process is alive
defer: request done: %s
