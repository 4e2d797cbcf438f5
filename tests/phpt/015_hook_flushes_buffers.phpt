--TEST--
Without finish_and_defer() the hook flushes the script's output buffers before the tasks run
--FILE--
<?php
ob_start(function ($buffer) {
    return str_replace('x', 'X', $buffer);
});
echo "xx buffered by the script\n";
defer(function () {
    echo "task sees ob level ", ob_get_level(), " xx\n";
});
?>
--EXPECT--
XX buffered by the script
task sees ob level 0 xx
