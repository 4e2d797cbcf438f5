--TEST--
defer.log=all: the request summary for every request that deferred something, besides the failure lines; nothing for a request that never called defer()
--FILE--
<?php
require __DIR__ . '/child.inc';

$cases = [
    'no defer() call' => '<?php echo "main\n"; var_dump(defer_status()["queued"]); var_dump(defer_cancel(1));',
    'every task ok' => '<?php defer("strlen", "x"); defer(function () { usleep(1000); }); echo "main\n";',
    'a cancelled task' => '<?php defer_cancel(defer("strlen", "x")); defer("strlen", "y");',
    'a task exits' => '<?php defer(function () { exit(5); }); defer("strlen", "x");',
    'a task times out' => '<?php defer(function () { while (true) {} }); defer("strlen", "x");',
];
foreach ($cases as $name => $code) {
    $log = tempnam(sys_get_temp_dir(), 'defer_log_');
    // A limit only where a task is meant to reach it: a trivial task, the first to run in a
    // child under valgrind on a loaded machine, once took 0.145 s.
    $limit = $name === 'a task times out' ? ['defer.task_timeout' => '0.5'] : [];
    $result = defer_child_run($code, ['defer.log' => 'all', 'error_log' => $log, 'log_errors' => '0'] + $limit);
    echo "== $name (status ", $result['status'], ", stdout ", json_encode($result['stdout']), ", stderr ", json_encode($result['stderr']), ")\n";
    foreach (file($log) as $line) {
        echo preg_replace('/^\[[^\]]*\] /', '', $line);
    }
    unlink($log);
}

// Without error_log the CLI writes the lines to stderr.
$result = defer_child_run('<?php defer("strlen", "x"); echo "main\n";', ['defer.log' => 'all']);
echo "== no error_log: stdout ", json_encode($result['stdout']), "\n", $result['stderr'];
?>
--EXPECTF--
== no defer() call (status 0, stdout "main\nint(0)\nbool(false)\n", stderr "")
== every task ok (status 0, stdout "main\n", stderr "")
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 0 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
== a cancelled task (status 0, stdout "", stderr "")
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 1 ran, 0 failed, 0 timed out, 0 skipped, 1 cancelled, %f s
== a task exits (status 0, stdout "", stderr "")
defer: task #1 ({closure:%s:1}) exit: exit(5) called
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 1 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
== a task times out (status 0, stdout "", stderr "")
defer: task #1 ({closure:%s:1}) timeout: stopped after %f s: defer.task_timeout of 0.5 s reached
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 2 queued, 2 ran, 1 failed, 1 timed out, 0 skipped, 0 cancelled, %f s
== no error_log: stdout "main\n"
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 1 queued, 1 ran, 0 failed, 0 timed out, 0 skipped, 0 cancelled, %f s
