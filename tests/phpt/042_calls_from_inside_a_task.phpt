--TEST--
Inside a task: finish_and_defer() returns false and queues, defer_status() shows the running task as running
--INI--
error_log=/dev/null
--FILE--
<?php
defer(function () {
    echo "task 1\n";
    var_dump(finish_and_defer(function () {
        echo "task 3 (finish_and_defer in task 1)\n";
    }));
    $status = defer_status();
    echo "queued=", $status['queued'], " ran=", $status['ran'], " states=",
        implode(',', array_column($status['tasks'], 'state')), "\n";
    register_shutdown_function(function () {
        echo "shutdown function registered by task 1 still runs\n";
    });
    exit(2);
});
defer(function () {
    echo "task 2\n";
});
?>
--EXPECT--
task 1
bool(false)
queued=3 ran=0 states=running,pending,pending
task 2
task 3 (finish_and_defer in task 1)
shutdown function registered by task 1 still runs
