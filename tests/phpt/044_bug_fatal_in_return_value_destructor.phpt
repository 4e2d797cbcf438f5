--TEST--
Bug: a fatal error in the destructor of a task's return value escapes the sandbox
--DESCRIPTION--
The task's return value is released after the guarded call. A fatal error raised by
its destructor should be handled like any other fatal error in a task: recorded as
"fatal" with "message in file:line", logged, the next tasks run, and the script's exit
status unchanged (0), as it is for E_USER_ERROR raised in the task's body.
--FILE--
<?php
require __DIR__ . '/child.inc';

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
class Bomb { public function __destruct() { trigger_error('destructor failed', E_USER_ERROR); } }
defer(function () { return new Bomb(); });
defer(function () { echo "task 2 runs\n"; });
defer(function () {
    foreach (defer_status()['tasks'] as $task) {
        echo $task['id'], ' ', $task['state'], ' ', str_replace(__FILE__, 'FILE', $task['error'] ?? '-'), "\n";
    }
});
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
task 2 runs
1 fatal destructor failed in FILE:2
2 ok -
3 running -
status: 0
defer: task #1 ({closure:FILE:3}) fatal: destructor failed in FILE:2
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 3 queued, 3 ran, 1 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
