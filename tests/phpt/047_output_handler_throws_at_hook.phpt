--TEST--
An output handler that throws while the hook flushes the buffers is reported as a warning and the tasks still run
--FILE--
<?php
ob_start(function ($buffer) {
    if ($buffer !== '') {
        throw new RuntimeException('output handler failed');
    }
    return $buffer;
});
echo "buffered output\n";
defer(function () {
    echo "task runs\n";
    echo "ob level ", ob_get_level(), "\n";
});
?>
--EXPECTF--
buffered output

Warning: Uncaught RuntimeException: output handler failed in %s047_output_handler_throws_at_hook.php:4
Stack trace:
#0 [internal function]: {closure%S}('buffered output...', 9)
#1 [internal function]: {defer}()
#2 {main}
  thrown in %s047_output_handler_throws_at_hook.php on line 4
task runs
ob level 0
