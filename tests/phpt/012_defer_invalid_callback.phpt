--TEST--
defer(): a value that is not callable is a TypeError and queues nothing
--FILE--
<?php
class Box
{
    private function hidden() {}
}

$calls = [
    fn() => defer('no_such_function_xyz'),
    fn() => defer(42),
    fn() => defer([new Box(), 'missing']),
    fn() => defer([new Box(), 'hidden']),
    fn() => defer(['NoSuchClass', 'method']),
    fn() => Defer\defer('no_such_function_xyz', 1),
    fn() => defer(),
];
foreach ($calls as $call) {
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(defer_status()['queued']);
var_dump(defer(function () {
    echo "the queue still works\n";
}));
?>
--EXPECT--
TypeError: defer(): Argument #1 ($callback) must be a valid callback, function "no_such_function_xyz" not found or invalid function name
TypeError: defer(): Argument #1 ($callback) must be a valid callback, no array or string given
TypeError: defer(): Argument #1 ($callback) must be a valid callback, class Box does not have a method "missing"
TypeError: defer(): Argument #1 ($callback) must be a valid callback, cannot access private method Box::hidden()
TypeError: defer(): Argument #1 ($callback) must be a valid callback, class "NoSuchClass" not found
TypeError: Defer\defer(): Argument #1 ($callback) must be a valid callback, function "no_such_function_xyz" not found or invalid function name
ArgumentCountError: defer() expects at least 1 argument, 0 given
int(0)
int(1)
the queue still works
