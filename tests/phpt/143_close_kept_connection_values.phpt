--TEST--
defer.close_kept_connection: 0, 1 or always (any case, or a boolean); anything else refused with a warning
--FILE--
<?php
var_dump(ini_get('defer.close_kept_connection')); // the default: only when work is deferred
foreach (['always', 'ALWAYS', 'off', 'on', '0', ' Always ', '1'] as $value) {
    $old = ini_set('defer.close_kept_connection', $value);
    echo "$value: old ", var_export($old, true), "\n";
}
foreach (['2', 'sometimes', 'always,1'] as $value) {
    var_dump(ini_set('defer.close_kept_connection', $value));
}
var_dump(ini_get('defer.close_kept_connection'));
?>
--EXPECTF--
string(1) "1"
always: old '1'
ALWAYS: old 'always'
off: old 'ALWAYS'
on: old 'off'
0: old 'on'
 Always : old '0'
1: old ' Always '

Warning: ini_set(): defer.close_kept_connection must be 0, 1 or always (or a boolean: on, off, yes, no, true, false), "2" given in %s on line %d
bool(false)

Warning: ini_set(): defer.close_kept_connection must be 0, 1 or always (or a boolean: on, off, yes, no, true, false), "sometimes" given in %s on line %d
bool(false)

Warning: ini_set(): defer.close_kept_connection must be 0, 1 or always (or a boolean: on, off, yes, no, true, false), "always,1" given in %s on line %d
bool(false)
string(1) "1"
