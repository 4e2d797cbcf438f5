--TEST--
An application that handles the watchdog's signal itself never gets the extension's signals: the watchdog moves to another free real-time signal (logged once), which still cuts a wait short
--SKIPIF--
<?php if (!function_exists('pcntl_signal')) die('skip needs pcntl'); ?>
--INI--
defer.task_timeout=0.2
--FILE--
<?php
$calls = 0;
pcntl_signal(SIGRTMIN + 2, function () use (&$calls) { $calls++; });
defer(function () { usleep(3000000); });
defer(function () { usleep(3000000); });
defer_run_pending();
pcntl_signal_dispatch();
echo "the application's handler was called $calls times\n";
foreach (defer_status()['tasks'] as $task) {
    printf("#%d %s %s\n", $task['id'], $task['state'], $task['duration'] < 1.5 ? 'at its limit' : 'once its wait returned');
}
?>
--EXPECTF--
defer: signal %d (SIGRTMIN+2), which cuts a deferred task's wait short at its limit, is handled by the application: the extension uses signal %d (SIGRTMIN+3) instead
defer: task #1 ({closure:%s}) timeout: stopped after %f s: defer.task_timeout of 0.2 s reached
defer: task #2 ({closure:%s}) timeout: stopped after %f s: defer.task_timeout of 0.2 s reached
the application's handler was called 0 times
#1 timeout at its limit
#2 timeout at its limit
defer: request done: %s
