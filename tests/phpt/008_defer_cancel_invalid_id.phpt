--TEST--
defer_cancel(): ValueError for ids below 1 and for names defer_named() refuses, TypeError for neither int nor string, false before any defer()
--FILE--
<?php
var_dump(defer_cancel(1));
foreach ([0, -1, PHP_INT_MIN] as $id) {
    try {
        defer_cancel($id);
        echo "no exception for $id\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Defer\defer_cancel(0);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(defer_cancel('abc'));
foreach (['', "a\0b", str_repeat('x', 256)] as $name) {
    try {
        defer_cancel($name);
        echo "no exception for ", json_encode($name), "\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    defer_cancel([]);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(defer_status()['queued']);
?>
--EXPECT--
bool(false)
ValueError: defer_cancel(): Argument #1 ($id) must be greater than 0
ValueError: defer_cancel(): Argument #1 ($id) must be greater than 0
ValueError: defer_cancel(): Argument #1 ($id) must be greater than 0
ValueError: Defer\defer_cancel(): Argument #1 ($id) must be greater than 0
bool(false)
ValueError: defer_cancel(): Argument #1 ($id) must not be empty
ValueError: defer_cancel(): Argument #1 ($id) must not contain any null bytes
ValueError: defer_cancel(): Argument #1 ($id) must be at most 255 bytes long
TypeError: defer_cancel(): Argument #1 ($id) must be of type string|int, array given
int(0)
