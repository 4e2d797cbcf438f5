--TEST--
pcntl_fork() in a task run by run_pending(): the child ends after the task (with its exit status) and never goes back to the caller's loop; the parent goes on
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork() does not exist without pcntl'); ?>
--FILE--
<?php
// In a child process: under ASan, forked children's leak checker writes to stderr.
require __DIR__ . '/child.inc';
$result = defer_child_run(<<<'PHP'
<?php
$parent = getmypid();
$children = [];
for ($message = 1; $message <= 3; $message++) {
    defer(function () use (&$children, $message) {
        $pid = pcntl_fork();
        if ($pid === 0) {
            exit(10 + $message);
        }
        $children[] = $pid;
    });
    defer(fn () => null);
    Defer\run_pending();
    // Only the parent may get here.
    echo "loop ", $message, " in ", getmypid() === $parent ? "the parent" : "a child", "\n";
}
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
    echo "child exited with ", pcntl_wexitstatus($status), "\n";
}
PHP, ['defer.log' => 'off']);
echo $result['stdout'];
if ($result['status'] !== 0) {
    echo "status ", $result['status'], ": ", $result['stderr'];
}
?>
--EXPECT--
loop 1 in the parent
loop 2 in the parent
loop 3 in the parent
child exited with 11
child exited with 12
child exited with 13
