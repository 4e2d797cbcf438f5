--TEST--
A stopped task whose code keeps running while it unwinds (a destructor that loops) is ended by a fatal error after a grace period; it stays "timeout" and the next task runs
--INI--
defer.task_timeout=0.1
error_log=/dev/null
--FILE--
<?php
class Stubborn
{
    public function __destruct()
    {
        echo "destructor loops\n";
        while (true) {
        }
    }
}

defer(function () {
    $object = new Stubborn();
    while (true) {
    }
});
defer(function () {
    echo "task 2 runs\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
?>
--EXPECTF--
destructor loops

Fatal error: Deferred task kept running after it was stopped by defer.task_timeout in %s on line %d
task 2 runs
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#2 ok: NULL
