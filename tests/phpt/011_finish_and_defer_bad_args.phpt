--TEST--
finish_and_defer(): arguments without a callback are a ValueError, a bad callback a TypeError; nothing is queued
--FILE--
<?php
$calls = [
    fn() => finish_and_defer(null, 1),
    fn() => finish_and_defer(null, x: 1),
    fn() => Defer\finish_and_defer(null, 1, 2),
    fn() => finish_and_defer('no_such_function_xyz'),
    fn() => finish_and_defer(42),
];
foreach ($calls as $call) {
    ob_start();
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    $level = ob_get_level(); // nothing was finished: the buffer is still open
    ob_end_flush();
    echo "ob level $level\n";
}
$status = defer_status();
var_dump($status['queued'], $status['finish_method']);
var_dump(finish_and_defer());
echo "main end\n";
?>
--EXPECT--
ValueError: finish_and_defer(): Argument #1 ($callback) must be a valid callback when arguments are given
ob level 1
ValueError: finish_and_defer(): Argument #1 ($callback) must be a valid callback when arguments are given
ob level 1
ValueError: Defer\finish_and_defer(): Argument #1 ($callback) must be a valid callback when arguments are given
ob level 1
TypeError: finish_and_defer(): Argument #1 ($callback) must be a valid callback or null, function "no_such_function_xyz" not found or invalid function name
ob level 1
TypeError: finish_and_defer(): Argument #1 ($callback) must be a valid callback or null, no array or string given
ob level 1
int(0)
string(4) "none"
bool(false)
main end
