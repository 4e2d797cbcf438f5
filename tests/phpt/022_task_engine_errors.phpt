--TEST--
Engine errors in a task (undefined function, undefined method, bad argument type) are recorded as exceptions
--INI--
error_log=/dev/null
--FILE--
<?php
defer(function () {
    undefined_function_xyz();
});
defer(function () {
    (new ArrayObject())->undefinedMethod();
});
defer('str_repeat', [], 2);
defer(function () {
    echo "the last task runs\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            echo $task['id'], ' ', $task['state'], ' ', $task['error'] ?? '-', "\n";
        }
    });
});
?>
--EXPECTF--
the last task runs
1 exception Error: Call to undefined function undefined_function_xyz() in %s022_task_engine_errors.php:3
2 exception Error: Call to undefined method ArrayObject::undefinedMethod() in %s022_task_engine_errors.php:6
3 exception TypeError: str_repeat(): Argument #1 ($string) must be of type string, array given, for the task deferred in %s022_task_engine_errors.php:8
4 ok -
