--TEST--
defer_cancel(): ValueError for ids below 1, TypeError for non-integers, false before any defer()
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
try {
    defer_cancel('abc');
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
TypeError: defer_cancel(): Argument #1 ($id) must be of type int, string given
int(0)
