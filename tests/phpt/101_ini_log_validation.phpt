--TEST--
defer.log: off, errors and all in any case are accepted; anything else warns, returns false and keeps the old value
--FILE--
<?php
var_dump(ini_get('defer.log'));
// "" is accepted as off: php.ini turns a bare `off` into "" (see 120).
foreach (['x', '1', 'error', 'none', 'debug', 'all,errors'] as $value) {
    var_dump(ini_set('defer.log', $value));
}
var_dump(ini_get('defer.log'));
foreach (['OFF', 'All', ' errors ', 'off', 'all'] as $value) {
    $old = ini_set('defer.log', $value);
    echo var_export($old, true), " -> ", var_export(ini_get('defer.log'), true), "\n";
}
var_dump(ini_set('defer.log', 'verbose'), ini_get('defer.log'));
?>
--EXPECTF--
string(6) "errors"

Warning: ini_set(): defer.log must be one of off, errors, all, "x" given in %s on line %d
bool(false)

Warning: ini_set(): defer.log must be one of off, errors, all, "1" given in %s on line %d
bool(false)

Warning: ini_set(): defer.log must be one of off, errors, all, "error" given in %s on line %d
bool(false)

Warning: ini_set(): defer.log must be one of off, errors, all, "none" given in %s on line %d
bool(false)

Warning: ini_set(): defer.log must be one of off, errors, all, "debug" given in %s on line %d
bool(false)

Warning: ini_set(): defer.log must be one of off, errors, all, "all,errors" given in %s on line %d
bool(false)
string(6) "errors"
'errors' -> 'OFF'
'OFF' -> 'All'
'All' -> ' errors '
' errors ' -> 'off'
'off' -> 'all'

Warning: ini_set(): defer.log must be one of off, errors, all, "verbose" given in %s on line %d
bool(false)
string(3) "all"
