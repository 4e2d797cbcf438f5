--TEST--
Memory exhaustion in a task: recorded as fatal; the engine then runs no more PHP code, so the rest are skipped
--SKIPIF--
<?php
// memory_limit is enforced by Zend's allocator only: without it (run-tests -m under
// valgrind sets USE_ZEND_ALLOC=0) this script would allocate until the machine runs out.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_limit is not enforced without Zend MM');
?>
--FILE--
<?php
require __DIR__ . '/child.inc';

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
defer(function () {
    echo "task 1 ok\n";
});
defer(function () {
    $data = [];
    while (true) {
        $data[] = str_repeat('x', 10240);
    }
});
defer(function () {
    echo "task 3 must not run\n";
});
defer(function () {
    echo "task 4 must not run\n";
});
echo "main end\n";
PHP, ['memory_limit' => '16M', 'error_log' => $log, 'display_errors' => '1', 'log_errors' => '0']);

echo $result['stdout'];
echo "status: ", $result['status'], "\n";
echo "stderr: ", json_encode($result['stderr']), "\n";
foreach (file($log) as $line) {
    echo preg_replace('/^\[[^\]]*\] /', '', $line);
}
unlink($log);
?>
--EXPECTF--
main end
task 1 ok

Fatal error: Allowed memory size of 16777216 bytes exhausted%s(tried to allocate %d bytes) in %s on line 8
status: 0
stderr: ""
defer: task #2 ({closure:%s:5}) fatal: Allowed memory size of 16777216 bytes exhausted%s(tried to allocate %d bytes) in %s:8
defer: task #3 ({closure:%s:11}) skipped: the engine refused to call it
defer: task #4 ({closure:%s:14}) skipped: the engine refused to run PHP code after an earlier fatal error
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 4 queued, 2 ran, 1 failed, 0 timed out, 2 skipped, 0 cancelled, %f s
