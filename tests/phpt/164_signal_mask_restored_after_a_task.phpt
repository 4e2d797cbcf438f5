--TEST--
A task that blocks signals with pcntl_sigprocmask() and returns does not leave them blocked: the next task's wait is still cut short at its limit, and the caller gets its mask back
--SKIPIF--
<?php if (!function_exists('pcntl_sigprocmask')) die('skip needs pcntl'); ?>
--INI--
defer.task_timeout=0.2
defer.log=off
--FILE--
<?php
defer(function () {
    pcntl_sigprocmask(SIG_BLOCK, range(SIGRTMIN, SIGRTMAX));
    pcntl_sigprocmask(SIG_BLOCK, [SIGUSR1]);
    echo "task 1 blocked the real-time signals and SIGUSR1\n";
});
defer(function () { usleep(3000000); });
defer(function () {
    pcntl_sigprocmask(SIG_UNBLOCK, [SIGUSR2], $mask); // only reads it: SIGUSR2 is never blocked here (8.6 refuses an empty list)
    echo "task 3 starts with ", $mask === [] ? "no signal blocked" : "blocked: " . implode(',', $mask), "\n";
});
defer_run_pending();
foreach (defer_status()['tasks'] as $task) {
    printf("#%d %s %s\n", $task['id'], $task['state'], $task['duration'] < 1.5 ? 'at its limit' : 'once its wait returned');
}
pcntl_sigprocmask(SIG_UNBLOCK, [SIGUSR2], $mask); // only reads it: SIGUSR2 is never blocked here (8.6 refuses an empty list)
echo "the caller's mask: ", $mask === [] ? "no signal blocked" : "blocked: " . implode(',', $mask), "\n";
?>
--EXPECT--
task 1 blocked the real-time signals and SIGUSR1
task 3 starts with no signal blocked
#1 ok at its limit
#2 timeout at its limit
#3 ok at its limit
the caller's mask: no signal blocked
