--TEST--
A task that would sleep 100 s and one that would spin for ever, with defer.task_timeout=0.2: the whole request ends in well under 10 s
--INI--
defer.task_timeout=0.2
error_log=/dev/null
--FILE--
<?php
$GLOBALS['started'] = hrtime(true);
defer(function () {
    sleep(100);
});
defer(function () {
    while (true) {
        usleep(100);
    }
});
defer(function () {
    register_shutdown_function(function () {
        $seconds = (hrtime(true) - $GLOBALS['started']) / 1e9;
        echo "states: ", implode(' ', array_column(defer_status()['tasks'], 'state')), "\n";
        echo "at least 0.4 s: ", var_export($seconds >= 0.4, true), "\n";
        echo "under 10 s: ", var_export($seconds < 10, true), "\n";
    });
});
?>
--EXPECT--
states: timeout timeout ok
at least 0.4 s: true
under 10 s: true
