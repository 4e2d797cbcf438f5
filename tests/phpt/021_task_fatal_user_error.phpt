--TEST--
A fatal error (E_USER_ERROR) in a task is recorded as "fatal" with its message and location; the next task runs
--INI--
error_log=/dev/null
--FILE--
<?php
defer(function () {
    echo "task 1 before the error\n";
    trigger_error('something went badly wrong', E_USER_ERROR);
    echo "task 1 after the error\n";
});
defer(function () {
    echo "task 2 runs, error_get_last: ", json_encode(error_get_last()), "\n";
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
task 1 before the error
%r(\nDeprecated: Passing E_USER_ERROR to trigger_error\(\) is deprecated since 8\.4[^\n]* on line 4\n)?%r
Fatal error: something went badly wrong in %s021_task_fatal_user_error.php on line 4
task 2 runs, error_get_last: null
ran=2 failed=1
1 fatal something went badly wrong in %s021_task_fatal_user_error.php:4
2 ok -
