--TEST--
Loop-free recursion is stopped by its limit under every JIT mode: the function JIT (1205, 1235) never checks the VM interrupt on a user call, so the overdue stop ends the task from the signal handler; the next task runs
--SKIPIF--
<?php
// The escalation ends code found running in the JIT's buffer. Under valgrind (run-tests -m sets
// USE_ZEND_ALLOC=0; --asan sets USE_TRACKED_ALLOC beside it) that code runs from valgrind's own
// translation, never at its address; a PHP built without opcache (the ASan build) has no JIT.
// The plain suite, the JIT suite and every version of the matrix run it.
if (getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC')) die("skip valgrind runs the JIT's code from its own translation");
exec(escapeshellarg(PHP_BINARY) . ' -n -m', $modules);
if (!in_array('Zend OPcache', $modules, true)) {
    exec(escapeshellarg(PHP_BINARY) . ' -n -d zend_extension=opcache -m 2>/dev/null', $modules);
    if (!in_array('Zend OPcache', $modules, true)) die('skip this PHP has no opcache, so no JIT');
}
?>
--FILE--
<?php
require __DIR__ . '/child.inc';

$code = <<<'PHP'
<?php
function fib($n) { if ($n < 2) { return $n; } return fib($n - 1) + fib($n - 2); }
defer('fib', 45); // over 20 s with any JIT (more without)
defer(function () { echo "second ran\n"; });
Defer\run_pending();
$jit = opcache_get_status(false)['jit'] ?? [];
$task = defer_status()['tasks'][0];
echo json_encode(['jit_on' => $jit['on'] ?? false, 'state' => $task['state'], 'error' => $task['error'], 'duration' => $task['duration']]), "\n";
PHP;

// PHP 8.5 builds opcache in; before, it is a zend_extension to load.
exec(escapeshellarg(PHP_BINARY) . ' -n -m', $modules);
$opcache = in_array('Zend OPcache', $modules, true) ? [] : ['zend_extension' => 'opcache'];
foreach (['off', 'tracing', 'function', '1205', '1235'] as $mode) {
    $child = defer_child_run($code, $opcache + [
        'opcache.enable_cli' => '1',
        'opcache.jit_buffer_size' => '64M',
        'opcache.file_update_protection' => '0',
        'opcache.jit' => $mode,
        'defer.task_timeout' => '0.2',
        'defer.log' => 'off',
    ]);
    preg_match('/^\{.*\}$/m', $child['stdout'], $m);
    $r = json_decode($m[0] ?? 'null', true);
    if (!is_array($r)) {
        echo "$mode: no result: {$child['stdout']} {$child['stderr']}\n";
        continue;
    }
    printf("%s: jit %s, %s, %s, %s\n", $mode, $r['jit_on'] ? 'on' : 'off', $r['state'],
        str_contains((string) $r['error'], 'defer.task_timeout of 0.2 s reached') ? 'by its limit' : $r['error'],
        $r['duration'] < 10.0 ? 'long before the recursion would end' : "after {$r['duration']} s");
    $ran = str_contains($child['stdout'], "second ran\n");
    echo $ran ? "  next task ran\n" : "  next task did not run\n";
    if (!$ran || $r['state'] !== 'timeout') {
        echo "  child's output: {$child['stdout']}\n  child's stderr: {$child['stderr']}\n";
    }
}
?>
--EXPECT--
off: jit off, timeout, by its limit, long before the recursion would end
  next task ran
tracing: jit on, timeout, by its limit, long before the recursion would end
  next task ran
function: jit on, timeout, by its limit, long before the recursion would end
  next task ran
1205: jit on, timeout, by its limit, long before the recursion would end
  next task ran
1235: jit on, timeout, by its limit, long before the recursion would end
  next task ran
