--TEST--
A failing task is written to the error log: "defer: task #ID (callable) state: error"
--INI--
error_log={PWD}/034_error_log_format.log
log_errors=0
--FILE--
<?php
$log = ini_get('error_log');
@unlink($log);
defer(function () {
    throw new RuntimeException('boom');
});
defer('strlen', 'fine');
defer(function () {
    exit(9);
});
defer(function () {
    $lines = file(ini_get('error_log'), FILE_IGNORE_NEW_LINES);
    foreach ($lines as $line) {
        echo str_replace(__FILE__, 'FILE', $line), "\n";
    }
});
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/034_error_log_format.log');
?>
--EXPECTF--
[%s] defer: task #1 ({closure:FILE:4}) exception: RuntimeException: boom in FILE:5
[%s] defer: task #3 ({closure:FILE:8}) exit: exit(9) called
