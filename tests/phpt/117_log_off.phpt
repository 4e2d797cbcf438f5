--TEST--
defer.log=off: no "defer:" line at all, neither for failed, stopped or skipped tasks nor for the request summary
--FILE--
<?php
require __DIR__ . '/child.inc';

// Set at run time: "defer.log=off" on the command line or in php.ini reads as ""
// (see 120_bug_log_off_in_php_ini.phpt).
$template = <<<'PHP'
<?php
ini_set('defer.log', '%s');
$pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
fclose($pair[1]);
@fwrite($pair[0], str_repeat('x', 70000));
defer(function () {
    throw new RuntimeException('boom');
});
defer(function () {
    exit(3);
});
defer(function () {
    trigger_error('bad', E_USER_ERROR);
});
defer(function () {
    sleep(100);
});
defer(function () {
    echo "must not run\n";
});
echo "main end, sigpipe=", defer_status()['sigpipe'], "\n";
PHP;
$code = sprintf($template, 'off');
$ini = ['defer.time_budget' => '0.2', 'display_errors' => '0', 'log_errors' => '0'];

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run($code, $ini + ['error_log' => $log]);
echo "to a file: ", json_encode($result['stdout']), " status ", $result['status'],
    ", stderr ", json_encode($result['stderr']), ", log ", json_encode(file_get_contents($log)), "\n";
unlink($log);

$result = defer_child_run($code, $ini);
echo "to stderr: ", json_encode($result['stdout']), " status ", $result['status'],
    ", stderr ", json_encode($result['stderr']), "\n";

// The same request with the default level does log: the child above really failed.
$result = defer_child_run(sprintf($template, 'errors'), $ini);
echo "errors level writes ", substr_count($result['stderr'], "defer: "), " lines\n";
?>
--EXPECT--
to a file: "main end, sigpipe=1\n" status 0, stderr "", log ""
to stderr: "main end, sigpipe=1\n" status 0, stderr ""
errors level writes 6 lines
