--TEST--
A spent budget writes one log line for all the tasks it skips (count, the first three by id and name), not one per task; a single skip keeps the per-task line
--FILE--
<?php
require __DIR__ . '/child.inc';

$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
function quick(int $n): void {}
defer(function () { usleep(300000); });
for ($i = 0; $i < 9999; $i++) {
    defer('quick', $i);
}
PHP, ['defer.time_budget' => '0.1', 'error_log' => $log]);
$lines = array_map(fn ($line) => preg_replace('/^\[[^\]]*\] /', '', $line), file($log, FILE_IGNORE_NEW_LINES));
echo count($lines), " lines\n", implode("\n", $lines), "\n";

file_put_contents($log, '');
defer_child_run(<<<'PHP'
<?php
defer(function () { usleep(300000); });
defer('strlen', 'x');
PHP, ['defer.time_budget' => '0.1', 'error_log' => $log]);
$lines = array_map(fn ($line) => preg_replace('/^\[[^\]]*\] /', '', $line), file($log, FILE_IGNORE_NEW_LINES));
echo count($lines), " lines\n", implode("\n", $lines), "\n";
unlink($log);
?>
--EXPECTF--
3 lines
defer: task #1 ({closure:%s:3}) timeout: stopped after %f s: defer.time_budget of 0.1 s spent
defer: 9999 tasks skipped: defer.time_budget of 0.1 s spent before it could start: #2 (quick), #3 (quick), #4 (quick) and 9996 more
defer: request done: %s tasks: 10000 queued, 1 ran, 1 failed, 1 timed out, 9999 skipped, 0 cancelled, %f s
3 lines
defer: task #1 ({closure:%s:2}) timeout: stopped after %f s: defer.time_budget of 0.1 s spent
defer: task #2 (strlen) skipped: defer.time_budget of 0.1 s spent before it could start
defer: request done: %s tasks: 2 queued, 1 ran, 1 failed, 1 timed out, 1 skipped, 0 cancelled, %f s
