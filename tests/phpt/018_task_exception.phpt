--TEST--
An exception thrown by a task is recorded, not reported as uncaught, and the next task runs
--INI--
error_log=/dev/null
--FILE--
<?php
set_exception_handler(function (Throwable $e) {
    echo "exception handler called: ", $e->getMessage(), "\n";
});

defer(function () {
    echo "task 1 throws\n";
    throw new RuntimeException('boom');
});
defer(function () {
    echo "task 2 runs\n";
    throw new DomainException('second', 0, new LogicException('previous'));
});
defer(function () {
    echo "task 3 runs\n";
    register_shutdown_function(function () {
        $status = defer_status();
        echo "ran=", $status['ran'], " failed=", $status['failed'], "\n";
        foreach ($status['tasks'] as $task) {
            echo $task['id'], ' ', $task['state'], ' ', $task['error'] ?? '-', "\n";
        }
    });
});
echo "main end\n";
?>
--EXPECTF--
main end
task 1 throws
task 2 runs
task 3 runs
ran=3 failed=2
1 exception RuntimeException: boom in %s018_task_exception.php:8
2 exception DomainException: second in %s018_task_exception.php:12
3 ok -
