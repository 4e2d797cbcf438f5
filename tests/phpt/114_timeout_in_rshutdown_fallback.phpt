--TEST--
When exit() in a shutdown function makes the tasks run in the RSHUTDOWN fallback, the time limits still stop them
--FILE--
<?php
require __DIR__ . '/child.inc';

// Tasks 1 and 2 are stopped at about 0.5 s and 1 s; task 3's own deadline (about 1.5 s) is
// later than the phase's (1.4 s). Task 3 may start up to 0.4 s late
// (valgrind, a loaded machine) and the phase's limit still comes first.
$log = tempnam(sys_get_temp_dir(), 'defer_log_');
$result = defer_child_run(<<<'PHP'
<?php
register_shutdown_function(function () {
    echo "shutdown function exits\n";
    exit(4);
});
defer(function () {
    echo "task 1 sleeps\n";
    sleep(100);
});
defer(function () {
    echo "task 2 spins\n";
    while (true) {
    }
});
defer(function () {
    echo "task 3 sleeps past the budget\n";
    sleep(100);
});
defer(function () {
    echo "task 4: must not run\n";
});
echo "main end\n";
PHP, ['defer.task_timeout' => '0.5', 'defer.time_budget' => '1.4', 'error_log' => $log, 'log_errors' => '0']);

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
shutdown function exits
task 1 sleeps
task 2 spins
task 3 sleeps past the budget
status: 4
stderr: ""
defer: task #1 ({closure:%s:6}) timeout: stopped after %f s: defer.task_timeout of 0.5 s reached
defer: task #2 ({closure:%s:10}) timeout: stopped after %f s: defer.task_timeout of 0.5 s reached
defer: task #3 ({closure:%s:15}) timeout: stopped after %f s: defer.time_budget of 1.4 s spent
defer: task #4 ({closure:%s:19}) skipped: defer.time_budget of 1.4 s spent before it could start
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 4 queued, 3 ran, 3 failed, 3 timed out, 1 skipped, 0 cancelled, %f s
