--TEST--
Bug: in the RSHUTDOWN fallback, a fatal error in a task's return value destructor loses that task and skips the rest
--DESCRIPTION--
A shutdown function calls exit(0), so the tasks run from the fallback at request
shutdown. Task 1 returns an object whose destructor raises E_USER_ERROR. Expected, as for
a fatal error raised inside a task: task 1 is logged as fatal with its location, task 2
still runs (the engine can still run code after E_USER_ERROR) and the exit status stays 0.
--FILE--
<?php
require __DIR__ . '/child.inc';

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
class Bomb { public function __destruct() { trigger_error('destructor failed', E_USER_ERROR); } }
register_shutdown_function(function () { exit(0); });
defer(function () { echo "task 1 runs\n"; return new Bomb(); });
defer(function () { echo "task 2 runs\n"; });
echo "main end\n";
PHP, ['display_errors' => '0', 'log_errors' => '0', 'error_log' => $log]);

echo $result['stdout'];
echo "status: ", $result['status'], "\n";
$lines = file_exists($log) ? file($log, FILE_IGNORE_NEW_LINES) : [];
foreach ($lines as $line) {
    echo str_replace($result['script'], 'FILE', preg_replace('/^\[[^\]]*\] /', '', $line)), "\n";
}
@unlink($log);
?>
--EXPECTF--
main end
task 1 runs
task 2 runs
status: 0
defer: task #1 ({closure:FILE:4}) fatal: destructor failed in FILE:2
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 1 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
