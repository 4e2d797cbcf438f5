--TEST--
defer.max_tasks: ini_set() with a bad value warns, returns false and keeps the old value
--FILE--
<?php
foreach (['abc', '0', '-1', '100000001', '1.5', '', '12abc', '99999999999999999999999'] as $value) {
    var_dump(ini_set('defer.max_tasks', $value));
}
var_dump(ini_get('defer.max_tasks'));
var_dump(ini_set('defer.max_tasks', '100000000'));
var_dump(ini_set('defer.max_tasks', '1'));
var_dump(ini_get('defer.max_tasks'));
var_dump(defer('strlen', 'x'));
try {
    defer('strlen', 'x');
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
var_dump(ini_set('defer.max_tasks', 'nope'));
try {
    defer('strlen', 'x');
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "abc" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "0" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "-1" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "100000001" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "1.5" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "12abc" given in %s on line %d
bool(false)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "99999999999999999999999" given in %s on line %d
bool(false)
string(5) "10000"
string(5) "10000"
string(9) "100000000"
string(1) "1"
int(1)
defer(): Cannot queue more than 1 tasks in one request (defer.max_tasks)

Warning: ini_set(): defer.max_tasks must be an integer between 1 and 100000000, "nope" given in %s on line %d
bool(false)
defer(): Cannot queue more than 1 tasks in one request (defer.max_tasks)
