--TEST--
defer.log=errors (the default): failure and skip lines, and the request summary only for a request that had a failure, a skip or a SIGPIPE
--FILE--
<?php
require __DIR__ . '/child.inc';

$cases = [
    'no defer() call' => '<?php echo "main\n";',
    'every task ok' => '<?php defer("strlen", "x"); defer(function () { usleep(1000); }); echo "main\n";',
    'a cancelled task' => '<?php defer_cancel(defer("strlen", "x")); defer("strlen", "y"); echo "main\n";',
    'a task throws' => '<?php defer(function () { throw new LogicException("boom"); }); defer("strlen", "x");',
    'a task times out' => '<?php ini_set("defer.task_timeout", "0.1"); defer(function () { sleep(100); }); defer("strlen", "x");',
    'budget spent' => '<?php ini_set("defer.time_budget", "0.1"); defer(function () { sleep(100); }); defer("strlen", "x");',
    'sigpipe only' =>
        '<?php $p = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); fclose($p[1]); @fwrite($p[0], str_repeat("x", 70000)); defer("strlen", "x");',
];
foreach ($cases as $name => $code) {
    $log = tempnam(sys_get_temp_dir(), 'defer_log_');
    $result = defer_child_run($code, ['error_log' => $log, 'log_errors' => '0']);
    echo "== $name (status ", $result['status'], ", stderr ", json_encode($result['stderr']), ")\n";
    foreach (file($log) as $line) {
        echo preg_replace('/^\[[^\]]*\] /', '', $line);
    }
    unlink($log);
}
?>
--EXPECTF--
== no defer() call (status 0, stderr "")
== every task ok (status 0, stderr "")
== a cancelled task (status 0, stderr "")
== a task throws (status 0, stderr "")
defer: task #1 ({closure:%s:1}) exception: LogicException: boom in %s:1
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 1 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
== a task times out (status 0, stderr "")
defer: task #1 ({closure:%s:1}) timeout: stopped after %f s: defer.task_timeout of 0.1 s reached
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 1 failed, 1 timed out, 0 skipped, 0 cancelled, %f s
== budget spent (status 0, stderr "")
defer: task #1 ({closure:%s:1}) timeout: stopped after %f s: defer.time_budget of 0.1 s spent
defer: task #2 (strlen) skipped: defer.time_budget of 0.1 s spent before it could start
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 1 ran, 1 failed, 1 timed out, 1 skipped, 0 cancelled, %f s
== sigpipe only (status 0, stderr "")
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=1, tasks: 1 queued, 1 ran, 0 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
