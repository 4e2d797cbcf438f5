--TEST--
A shutdown function registered by a task runs when the task returns, inside its sandbox and limit: not after the phase without one
--INI--
defer.time_budget=5
defer.task_timeout=0.3
defer.log=off
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
    echo "task 2 registers one that throws\n";
    register_shutdown_function(function () {
        throw new RuntimeException('from the shutdown function');
    });
    register_shutdown_function(function () {
        echo "not reached: the list ends at the exception\n";
    });
});
defer(function () {
    echo "task 3 registers one and is stopped\n";
    register_shutdown_function(function () {
        echo "not run: the task's time is spent\n";
    });
    usleep(3000000);
});
defer(function () {
    echo "task 4 exits; its shutdown function still runs\n";
    register_shutdown_function(function () {
        echo "shutdown function of task 4\n";
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
                $task['error'] === null ? '' : preg_replace('/after [0-9.]+ s/', 'after N s', $task['error']));
        }
    }
};
echo "main end\n";
?>
--EXPECTF--
main end
script's shutdown function
task 1 registers a slow shutdown function
its shutdown function starts
task 2 registers one that throws
task 3 registers one and is stopped
task 4 exits; its shutdown function still runs
shutdown function of task 4
#1 timeout within its limit stopped after N s: defer.task_timeout of 0.3 s reached
#2 exception within its limit RuntimeException: from the shutdown function in %s:%d; the 1 shutdown function(s) it registered did not run
#3 timeout within its limit stopped after N s: defer.task_timeout of 0.3 s reached; the 1 shutdown function(s) it registered did not run
#4 exit within its limit exit(0) called
