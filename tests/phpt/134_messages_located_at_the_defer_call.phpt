--TEST--
Messages located where the work was deferred: a by-reference parameter is a warning at the defer() call (and no warning when the task runs); an internal function's argument error names the defer() call's file and line
--INI--
error_log=/dev/null
--FILE--
<?php
function increment(&$counter) { $counter++; echo "task sees ", $counter, "\n"; }
$counter = 1;
defer('increment', $counter);
finish_and_defer('increment', $counter);
defer('strlen', []);
defer('str_repeat', 'x');
defer(function () {
    register_shutdown_function(function () use (&$counter) {
        echo "caller sees ", $GLOBALS['counter'], "\n";
        foreach (array_slice(defer_status()['tasks'], 2, 2) as $task) {
            echo $task['state'], ': ', $task['error'], "\n";
        }
    });
});
?>
--EXPECTF--
Warning: defer(): Argument #2 is bound to increment()'s by-reference parameter: the task changes a copy made now, which the caller does not see in %s134_messages_located_at_the_defer_call.php on line 4

Warning: finish_and_defer(): Argument #2 is bound to increment()'s by-reference parameter: the task changes a copy made now, which the caller does not see in %s134_messages_located_at_the_defer_call.php on line 5
task sees 2
task sees 2
caller sees 1
exception: TypeError: strlen(): Argument #1 ($string) must be of type string, array given, for the task deferred in %s134_messages_located_at_the_defer_call.php:6
exception: ArgumentCountError: str_repeat() expects exactly 2 arguments, 1 given, for the task deferred in %s134_messages_located_at_the_defer_call.php:7
