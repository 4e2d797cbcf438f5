--TEST--
Memory exhaustion in a task: recorded as fatal; the tasks after it run if the engine can still run code, else each is reported skipped with the reason
--SKIPIF--
<?php
// memory_limit is enforced by Zend's allocators only: without them (run-tests -m under
// valgrind sets USE_ZEND_ALLOC=0; --asan sets it too, but with USE_TRACKED_ALLOC, which
// enforces the limit) this script would allocate until the machine runs out.
if (getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC')) die('skip memory_limit is not enforced without Zend MM');
?>
--FILE--
<?php
require __DIR__ . '/child.inc';

// Upstream PHP bails out of the task and can run the next ones. Debian's build unwinds the
// exhaustion ("delayed OOM") and then refuses every further call, so there the rest must be
// reported skipped with the reason; either way no task may vanish or be called "ok" falsely.
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
    echo "task 3 ran\n";
});
defer(function () {
    echo "task 4 ran\n";
});
echo "main end\n";
PHP, ['memory_limit' => '16M', 'error_log' => $log, 'display_errors' => '1', 'log_errors' => '0']);

$lines = array_map(fn ($line) => preg_replace('/^\[[^\]]*\] /', '', $line), file($log, FILE_IGNORE_NEW_LINES));
unlink($log);
$stdout = explode("\n", $result['stdout']);
$refused = str_contains(implode("\n", $lines), 'the engine refused');
echo implode("\n", array_slice($stdout, 0, 4)), "\n";
echo "status: ", $result['status'], "\n";
echo "stderr: ", json_encode($result['stderr']), "\n";
echo $lines[0], "\n";
if ($refused) {
    $expected_log = [
        '/^defer: task #3 \(\{closure:.*:11\}\) skipped: the engine refused to call it$/',
        '/^defer: task #4 \(\{closure:.*:14\}\) skipped: the engine refused to run PHP code after an earlier fatal error$/',
        '/tasks: 4 queued, 2 ran, 1 failed, 0 timed out, 2 skipped, 0 cancelled/',
    ];
    $expected_stdout = [''];
} else {
    $expected_log = ['/tasks: 4 queued, 4 ran, 1 failed, 0 timed out, 0 skipped, 0 cancelled/'];
    $expected_stdout = ['task 3 ran', 'task 4 ran', ''];
}
$rest = array_slice($lines, 1);
$consistent = count($rest) === count($expected_log) && array_slice($stdout, 4) === $expected_stdout;
foreach ($expected_log as $i => $pattern) {
    $consistent = $consistent && preg_match($pattern, $rest[$i] ?? '') === 1;
}
echo "tasks 3 and 4 ran, or were reported skipped because the engine refused: ", var_export($consistent, true), "\n";
if (!$consistent) {
    var_dump($result['stdout'], $lines);
}
?>
--EXPECTF--
main end
task 1 ok

Fatal error: Allowed memory size of 16777216 bytes exhausted%s(tried to allocate %d bytes) in %s on line 8
status: 0
stderr: ""
defer: task #2 ({closure:%s:5}) fatal: Allowed memory size of 16777216 bytes exhausted%s(tried to allocate %d bytes) in %s:8
tasks 3 and 4 ran, or were reported skipped because the engine refused: true
