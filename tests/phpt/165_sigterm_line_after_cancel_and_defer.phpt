--TEST--
SIGTERM during the deferred phase: the line kept ready as tasks start leaves out a task cancelled during the phase and counts one deferred during it
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
    defer_cancel(4);
    defer('step', 10);
    echo "task 2 cancelled #4, deferred #10\n";
});
defer(function () {
    echo "task 3 sends SIGTERM to its own process\n";
    exec('kill -TERM ' . getmypid());
    sleep(5);
    echo "never printed\n";
});
for ($i = 4; $i <= 9; $i++) {
    defer('step', $i);
}
PHP, ['error_log' => $log]);
echo $result['stdout'];
echo preg_replace('/^\[\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d UTC\] /', '[stamp] ', file_get_contents($log));
unlink($log);
?>
--EXPECTF--
step 1
task 2 cancelled #4, deferred #10
task 3 sends SIGTERM to its own process
[stamp] defer: the worker was stopped by signal 15 in its deferred phase: task #3 ({closure:%s:9}) cut short, 6 not run: #5 (step), #6 (step), #7 (step), #8 (step), #9 (step) and 1 more
