--TEST--
Bad defer.time_budget, defer.task_timeout and defer.log values in the configuration warn at startup; the defaults stay in force
--INI--
defer.time_budget=-5
defer.task_timeout=1e400
defer.log=loud
error_log=/dev/null
--FILE--
<?php
var_dump(ini_get('defer.time_budget'), ini_get('defer.task_timeout'), ini_get('defer.log'));
defer(function () {
    usleep(50000);
    echo "task runs\n";
    register_shutdown_function(function () {
        $task = defer_status()['tasks'][0];
        echo $task['state'], ' ', var_export($task['error'], true), "\n";
    });
});
?>
--EXPECT--
Warning: PHP Startup: defer.time_budget must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "-5" given in Unknown on line 0

Warning: PHP Startup: defer.task_timeout must be a number of seconds from 0 (no limit) to 31536000, fractions allowed, "1e400" given in Unknown on line 0

Warning: PHP Startup: defer.log must be one of off, errors, all, "loud" given in Unknown on line 0
string(2) "30"
string(1) "0"
string(6) "errors"
task runs
ok NULL
