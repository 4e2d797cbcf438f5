--TEST--
A task may register shutdown functions: they run after the tasks (within the limits, see 143), and what they defer still runs
--FILE--
<?php
defer(function () {
    echo "task 1 registers a shutdown function\n";
    register_shutdown_function(function ($arg) {
        echo "shutdown function from task 1 ($arg)\n";
        $id = defer(function () {
            echo "task 3, deferred by that shutdown function\n";
        });
        echo "deferred #$id\n";
    }, 'bound');
});
defer(function () {
    echo "task 2\n";
});
register_shutdown_function(function () {
    echo "script's shutdown function\n";
});
echo "main end\n";
?>
--EXPECT--
main end
script's shutdown function
task 1 registers a shutdown function
task 2
shutdown function from task 1 (bound)
deferred #3
task 3, deferred by that shutdown function
