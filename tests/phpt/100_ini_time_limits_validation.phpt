--TEST--
defer.time_budget and defer.task_timeout: ini_set() with a bad value warns, returns false and keeps the old value
--FILE--
<?php
foreach (['defer.time_budget', 'defer.task_timeout'] as $name) {
    echo "== $name: ", var_export(ini_get($name), true), "\n";
    foreach (['-1', 'abc', '1e400', 'inf', 'nan', '0x10', '', '31536001', '1,5', '2s', '0.5.1'] as $value) {
        var_dump(ini_set($name, $value));
    }
    var_dump(ini_get($name));
}
echo "== accepted\n";
foreach (['0.25', ' 1.5 ', '1e-3', '+0.5', '.5', '31536000', '0', '7'] as $value) {
    $old = ini_set('defer.task_timeout', $value);
    echo var_export($old, true), " -> ", var_export(ini_get('defer.task_timeout'), true), "\n";
}
var_dump(ini_set('defer.task_timeout', 'soon'), ini_get('defer.task_timeout'));
?>
--EXPECTF--
== defer.time_budget: '30'

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "-1" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "abc" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "1e400" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "inf" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "nan" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "0x10" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "31536001" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "1,5" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "2s" given in %s on line %d
bool(false)

Warning: ini_set(): defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "0.5.1" given in %s on line %d
bool(false)
string(2) "30"
== defer.task_timeout: '0'

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "-1" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "abc" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "1e400" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "inf" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "nan" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "0x10" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "31536001" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "1,5" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "2s" given in %s on line %d
bool(false)

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "0.5.1" given in %s on line %d
bool(false)
string(1) "0"
== accepted
'0' -> '0.25'
'0.25' -> ' 1.5 '
' 1.5 ' -> '1e-3'
'1e-3' -> '+0.5'
'+0.5' -> '.5'
'.5' -> '31536000'
'31536000' -> '0'
'0' -> '7'

Warning: ini_set(): defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "soon" given in %s on line %d
bool(false)
string(1) "7"
