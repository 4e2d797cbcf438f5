--TEST--
defer.close_session and defer.global_functions: boolean validation; global_functions cannot be changed at runtime
--FILE--
<?php
foreach (['x', '2', 'enabled', '-1'] as $value) {
    var_dump(ini_set('defer.close_session', $value));
}
var_dump(ini_get('defer.close_session'));
foreach (['off', 'YES', 'no', 'True', 'false', '0', 'on', '1'] as $value) {
    $old = ini_set('defer.close_session', $value);
    echo "$value: old ", var_export($old, true), "\n";
}
var_dump(ini_get('defer.close_session'));

var_dump(ini_set('defer.global_functions', '0'));
var_dump(ini_set('defer.global_functions', 'x'));
var_dump(ini_get('defer.global_functions'));
var_dump(function_exists('defer'));
?>
--EXPECTF--
Warning: ini_set(): defer.close_session must be a boolean (1, 0, on, off, yes, no, true, false), "x" given in %s on line %d
bool(false)

Warning: ini_set(): defer.close_session must be a boolean (1, 0, on, off, yes, no, true, false), "2" given in %s on line %d
bool(false)

Warning: ini_set(): defer.close_session must be a boolean (1, 0, on, off, yes, no, true, false), "enabled" given in %s on line %d
bool(false)

Warning: ini_set(): defer.close_session must be a boolean (1, 0, on, off, yes, no, true, false), "-1" given in %s on line %d
bool(false)
string(1) "1"
off: old '1'
YES: old 'off'
no: old 'YES'
True: old 'no'
false: old 'True'
0: old 'false'
on: old '0'
1: old 'on'
string(1) "1"
bool(false)
bool(false)
string(1) "1"
bool(true)
