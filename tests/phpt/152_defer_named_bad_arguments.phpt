--TEST--
defer_named(): a name that is empty, longer than 255 bytes, has a null byte or is not valid UTF-8 is a ValueError; 255 bytes is fine; a bad callback is a TypeError; nothing is queued for a refused call
--FILE--
<?php
foreach (['', "send\0receipt", str_repeat('n', 256), "caf\xE9 in Latin-1"] as $name) {
    try {
        Defer\defer_named($name, 'strlen', 'x');
        echo "no exception for ", json_encode($name), "\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    defer_named('ok', 'no_such_function');
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    defer_named('ok');
} catch (ArgumentCountError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(defer_status()['queued']);
var_dump(defer_named(str_repeat('n', 255), fn () => print("255 bytes: ran\n")));
var_dump(defer_named('ünïcode name', fn () => print("unicode: ran\n")));
var_dump(array_column(defer_status()['tasks'], 'name') === [str_repeat('n', 255), 'ünïcode name']);
?>
--EXPECT--
ValueError: Defer\defer_named(): Argument #1 ($name) must not be empty
ValueError: Defer\defer_named(): Argument #1 ($name) must not contain any null bytes
ValueError: Defer\defer_named(): Argument #1 ($name) must be at most 255 bytes long
ValueError: Defer\defer_named(): Argument #1 ($name) must be valid UTF-8
TypeError: defer_named(): Argument #2 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
ArgumentCountError: defer_named() expects at least 2 arguments, 1 given
int(0)
int(1)
int(2)
bool(true)
255 bytes: ran
unicode: ran
