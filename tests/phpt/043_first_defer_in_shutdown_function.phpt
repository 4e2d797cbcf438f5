--TEST--
The first defer() may happen in a shutdown function; the task runs after the remaining shutdown functions
--FILE--
<?php
register_shutdown_function(function () {
    echo "shutdown 1 defers\n";
    var_dump(defer(function () {
        echo "task deferred during shutdown\n";
    }));
});
register_shutdown_function(function () {
    echo "shutdown 2\n";
});
echo "main end\n";
?>
--EXPECT--
main end
shutdown 1 defers
int(1)
shutdown 2
task deferred during shutdown
