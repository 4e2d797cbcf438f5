--TEST--
Bad defer.* values in the configuration warn at startup and the defaults stay in force
--INI--
defer.max_tasks=lots
defer.close_session=maybe
defer.global_functions=perhaps
--FILE--
<?php
var_dump(ini_get('defer.max_tasks'), ini_get('defer.close_session'), ini_get('defer.global_functions'));
var_dump(function_exists('defer'));
var_dump(\Defer\defer(function () {
    echo "task runs\n";
}));
?>
--EXPECT--
Warning: PHP Startup: defer.max_tasks must be an integer between 1 and 100000000, "lots" given in Unknown on line 0

Warning: PHP Startup: defer.close_session must be a boolean (1, 0, on, off, yes, no, true, false), "maybe" given in Unknown on line 0

Warning: PHP Startup: defer.global_functions must be a boolean (1, 0, on, off, yes, no, true, false), "perhaps" given in Unknown on line 0
string(5) "10000"
string(1) "1"
string(1) "0"
bool(false)
int(1)
task runs
