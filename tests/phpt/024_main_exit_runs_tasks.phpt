--TEST--
Tasks run after exit() in the main script, after the script's shutdown functions
--FILE--
<?php
function work()
{
    defer(function () {
        echo "task runs after exit\n";
    });
    register_shutdown_function(function () {
        echo "shutdown function\n";
    });
    echo "exiting\n";
    exit(0);
}
work();
echo "never printed\n";
?>
--EXPECT--
exiting
shutdown function
task runs after exit
