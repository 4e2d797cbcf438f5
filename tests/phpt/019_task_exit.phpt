--TEST--
exit() in a task ends only that task: it is recorded with its status and the next task runs
--INI--
error_log=/dev/null
--FILE--
<?php
defer(function () {
    echo "task 1 before exit\n";
    exit(3);
    echo "task 1 after exit\n";
});
defer(function () {
    echo "task 2 runs\n";
    exit("exit message\n");
});
function leave(int $status): void
{
    echo "task 3 leaves from a nested call\n";
    exit($status);
}
defer(function () {
    leave(5);
    echo "task 3 after the nested call\n";
});
defer(function () {
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
--EXPECT--
main end
task 1 before exit
task 2 runs
exit message
task 3 leaves from a nested call
ran=4 failed=3
1 exit exit(3) called
2 exit exit(0) called
3 exit exit(5) called
4 ok -
