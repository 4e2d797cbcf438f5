--TEST--
Memory exhaustion in a task: recorded as fatal; the tasks after it run, or, on a PHP with the delayed-OOM fix, are reported skipped naming the exhaustion
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

// Which PHP refuses every call after a memory exhaustion: the fix for GHSA-w8hw-w9fx-j79w
// ("avoid state corruption via bailout", delayed OOM) is in 8.2.35+ and 8.4.27+, not in
// 8.5.7 or 8.6.0 RC3 (nor in upstream 8.2.32, which the ASan run builds). There the rest must
// be reported skipped, naming the exhaustion; elsewhere they run. No task may vanish or be
// called "ok" falsely.
$refuses = (PHP_VERSION_ID >= 80235 && PHP_VERSION_ID < 80300) || (PHP_VERSION_ID >= 80427 && PHP_VERSION_ID < 80500);
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
// 8.5+ prints a backtrace after a fatal error (fatal_error_backtraces).
$stdout = explode("\n", preg_replace('/\nStack trace:\n(#\d+ [^\n]*\n)+/', "\n", $result['stdout']));
echo implode("\n", array_slice($stdout, 0, 4)), "\n";
echo "status: ", $result['status'], "\n";
echo "stderr: ", json_encode($result['stderr']), "\n";
echo $lines[0], "\n";
if ($refuses) {
    $why = 'memory was exhausted earlier in this request, and this PHP refuses every call after that';
    $expected_log = [
        "/^defer: task #3 \\(\\{closure:.*:11\\}\\) skipped: the engine refused to call it: $why$/",
        "/^defer: task #4 \\(\\{closure:.*:14\\}\\) skipped: the engine runs no more PHP code: $why$/",
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
echo $refuses ? "tasks 3 and 4 reported skipped, naming the exhaustion: " : "tasks 3 and 4 ran: ", var_export($consistent, true), "\n";
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
%rtasks 3 and 4 (ran|reported skipped, naming the exhaustion)%r: true
