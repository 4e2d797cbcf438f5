--TEST--
A stopped task runs its finally blocks before its destructors (a lock is released); a finally that returns does not turn the stop into "ok"; one that never ends is ended after the grace
--INI--
defer.task_timeout=0.2
error_log=/dev/null
--FILE--
<?php
class Guard
{
    public function __construct(private string $name) {}
    public function __destruct() { echo "destructor: {$this->name}\n"; }
}

$lock = tempnam(sys_get_temp_dir(), 'defer_lock_');
defer(function () use ($lock) {
    $handle = fopen($lock, 'r+');
    flock($handle, LOCK_EX);
    $guard = new Guard('task 1');
    try {
        while (true) {
        }
    } finally {
        flock($handle, LOCK_UN);
        echo "finally: lock released\n";
    }
});
defer(function () use ($lock) {
    $handle = fopen($lock, 'r+');
    echo "task 2 takes the lock: ", var_export(flock($handle, LOCK_EX | LOCK_NB), true), "\n";
    unlink($lock);
});
defer(function () {
    try {
        sleep(100);
    } finally {
        echo "finally returns\n";
        return 'swallowed';
    }
});
defer(function () {
    try {
        sleep(100);
    } finally {
        echo "finally loops\n";
        while (true) {
        }
    }
});
defer(function () {
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
?>
--EXPECTF--
%r(Deprecated: Returning from a finally block is deprecated in [^\n]* on line 31\n\n?)?%rfinally: lock released
destructor: task 1
task 2 takes the lock: true
finally returns
finally loops

Fatal error: Deferred task kept running after it was stopped by defer.task_timeout in %s on line %d
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#2 ok: NULL
#3 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#4 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#5 ok: NULL
