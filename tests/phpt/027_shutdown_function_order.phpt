--TEST--
The tasks run after all of the script's shutdown functions, wherever they were registered
--FILE--
<?php
register_shutdown_function(function () {
    echo "shutdown 1 (registered before the first defer)\n";
    register_shutdown_function(function () {
        echo "shutdown 1b (registered by shutdown 1)\n";
        register_shutdown_function(function () {
            echo "shutdown 1c (registered by shutdown 1b)\n";
        });
    });
});
defer(function () {
    echo "task 1\n";
});
register_shutdown_function(function () {
    echo "shutdown 2 (registered after the first defer)\n";
});
defer(function () {
    echo "task 2\n";
});
register_shutdown_function(function () {
    echo "shutdown 3 (registered after the second defer)\n";
});
echo "main end\n";
?>
--EXPECT--
main end
shutdown 1 (registered before the first defer)
shutdown 2 (registered after the first defer)
shutdown 3 (registered after the second defer)
shutdown 1b (registered by shutdown 1)
shutdown 1c (registered by shutdown 1b)
task 1
task 2
