--TEST--
SIGTERM during the deferred phase (php-fpm stopping the worker): before the process dies, one log line names the task cut short and the tasks not run (count, the first five)
--SKIPIF--
<?php if (!function_exists('exec')) die('skip needs exec()'); ?>
--FILE--
<?php
require __DIR__ . '/child.inc';

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
function step(int $n): void { echo "step $n\n"; }
defer('step', 1);
defer(function () {
    echo "task 2 sends SIGTERM to its own process\n";
    exec('kill -TERM ' . getmypid());
    sleep(5);
    echo "never printed\n";
});
for ($i = 3; $i <= 9; $i++) {
    defer('step', $i);
}
PHP, ['error_log' => $log]);
echo $result['stdout'];
echo "killed by SIGTERM: ", var_export($result['status'] === 143 || $result['status'] === -1 || $result['status'] === 15, true), "\n";
echo preg_replace('/^\[[^\]]*\] /', '', file_get_contents($log));
unlink($log);
?>
--EXPECTF--
step 1
task 2 sends SIGTERM to its own process
killed by SIGTERM: true
defer: the worker was stopped by signal 15 in its deferred phase: task #2 ({closure:%s:4}) cut short, 7 not run: #3 (step), #4 (step), #5 (step), #6 (step), #7 (step) and 2 more
