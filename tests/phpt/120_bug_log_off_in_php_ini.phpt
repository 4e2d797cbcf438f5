--TEST--
Bug: defer.log=off written in php.ini (or with -d) is refused: PHP's INI parser turns the bare word off into "", so logging stays at "errors"
--INI--
defer.log=off
error_log={PWD}/120_bug_log_off_in_php_ini.log
log_errors=0
--FILE--
<?php
@unlink(ini_get('error_log'));
defer(function () {
    throw new RuntimeException('boom');
});
defer(function () {
    $log = ini_get('error_log');
    echo "log: ", json_encode(file_exists($log) ? file_get_contents($log) : ''), "\n";
});
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/120_bug_log_off_in_php_ini.log');
?>
--EXPECT--
log: ""
