--TEST--
A shutdown function registered by a task runs after the tasks within the limits (defer.task_timeout from its start, the phase's budget), not after the phase without one; what goes wrong in it is logged and becomes the task's record
--INI--
defer.time_budget=5
defer.task_timeout=0.3
error_log=
--FILE--
<?php
defer(function () {
    echo "task 1 registers a slow shutdown function\n";
    register_shutdown_function(function () {
        echo "its shutdown function starts\n";
        usleep(3000000);
        echo "never printed\n";
    });
});
defer(function () {
    echo "task 2 registers one that throws, then one more\n";
    register_shutdown_function(function () {
        throw new RuntimeException('from the shutdown function');
    });
    register_shutdown_function(function () {
        echo "not reached: the list ends at the exception\n";
    });
});
defer(function () {
    echo "task 3 exits; its shutdown function still runs\n";
    register_shutdown_function(function () {
        echo "shutdown function of task 3\n";
        register_shutdown_function(function () { echo "and the one it registered\n"; });
    });
    exit(0);
});
register_shutdown_function(function () {
    echo "script's shutdown function\n";
});
// Destructors run after every shutdown function, the deferred phase included.
$report = new class {
    public function __destruct() {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s %s %s\n", $task['id'], $task['state'],
                $task['duration'] < 2 ? 'within its limit' : sprintf('after %.1f s', $task['duration']),
                $task['error'] ?? '');
        }
    }
};
echo "main end\n";
?>
--EXPECTF--
main end
script's shutdown function
task 1 registers a slow shutdown function
task 2 registers one that throws, then one more
task 3 exits; its shutdown function still runs
%Sdefer: task #3 ({closure:%s:19}) exit: exit(0) called
its shutdown function starts
%Sdefer: task #1 ({closure:%s:2}) shutdown function timeout: stopped after %f s: defer.task_timeout of 0.3 s reached
%Sdefer: task #2 ({closure:%s:10}) shutdown function exception: RuntimeException: from the shutdown function in %s:13 (1 not run)
shutdown function of task 3
and the one it registered
#1 timeout within its limit its shutdown function: stopped after %f s: defer.task_timeout of 0.3 s reached
#2 exception within its limit its shutdown function: RuntimeException: from the shutdown function in %s:13 (1 not run)
#3 exit within its limit exit(0) called
%Sdefer: request done: %s
