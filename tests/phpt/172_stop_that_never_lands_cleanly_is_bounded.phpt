--TEST--
A stop whose every landing is where it must wait (right after an internal call whose result goes to a named argument) still ends the task within ten times its limit (a fatal error after 100 ms of landings 1 ms apart, not after a grace of 1 s of the watchdog's fires), and the next task runs; under the JIT a landing may come at a clean place instead
--INI--
defer.task_timeout=0.05
error_log=/dev/null
display_errors=0
--FILE--
<?php
// Nearly all the time goes to hash(); a landing after it is at the SEND of a named argument,
// whose slot the stop cannot clear.
$data = str_repeat('d', 50000);
$never_clean = function () use ($data) {
    $pad = 'str_pad';
    while (true) {
        $pad(string: hash('sha256', $data), length: 80);
    }
};
Defer\defer($never_clean);
Defer\defer($never_clean);
// Ten times the limit. Not under valgrind (run-tests -m sets USE_ZEND_ALLOC=0; --asan sets
// USE_TRACKED_ALLOC beside it): it runs one thread at a time and delivers a signal only when its
// scheduler lets the thread run, so the watchdog's fire and the retries come late there (0.2 to
// 0.6 s alone; once 6.85 s with two valgrind'd tests on the 2 cores). There it checks what
// valgrind is for: the escalation's fatal error leaves no error or leak, and the next task runs.
$valgrind = getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC');
$bound = $valgrind ? INF : 0.5;
Defer\defer(function () use ($bound) {
    foreach (Defer\defer_status()['tasks'] as $task) {
        if ($task['state'] === 'running') {
            continue;
        }
        // The old wait (a grace of 1 s, then the watchdog's next fire) took 1.05 s and more.
        printf("#%d %s, %s, %s\n", $task['id'], $task['state'],
            $task['duration'] < $bound ? 'within the bound' : "late: {$task['duration']} s", $task['error']);
    }
});
?>
--EXPECTF--
#1 timeout, within the bound, stopped after %f s: defer.task_timeout of 0.05 s reached
#2 timeout, within the bound, stopped after %f s: defer.task_timeout of 0.05 s reached
