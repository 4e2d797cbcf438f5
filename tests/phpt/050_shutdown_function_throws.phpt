--TEST--
An uncaught exception in a shutdown function that runs before the hook: the tasks still run
--FILE--
<?php
register_shutdown_function(function () {
    echo "shutdown function throws\n";
    throw new LogicException('shutdown failed');
});
defer(function () {
    echo "task runs\n";
});
register_shutdown_function(function () {
    echo "later shutdown function never runs\n";
});
?>
--EXPECTF--
shutdown function throws

Fatal error: Uncaught LogicException: shutdown failed in %s050_shutdown_function_throws.php:4
Stack trace:
#0 [internal function]: {closure%S}()
#1 {main}
  thrown in %s050_shutdown_function_throws.php on line 4
task runs
