--TEST--
Bug: after pcntl_signal(SIGPIPE, SIG_DFL) in the script, a write to a closed socket in a task kills the process (status 13): the handler chained at the start of the deferred phase is the Zend signal layer's, which re-raises SIG_DFL
--SKIPIF--
<?php if (!function_exists('pcntl_signal')) die('skip pcntl not available'); ?>
--FILE--
<?php
require __DIR__ . '/child.inc';

$result = defer_child_run(<<<'PHP'
<?php
pcntl_signal(SIGPIPE, SIG_DFL);
defer(function () {
    $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    fclose($pair[1]);
    $written = @fwrite($pair[0], str_repeat('x', 70000));
    echo "task 1: fwrite ", $written === false || $written === 0 ? "failed" : "wrote $written",
        ", sigpipe ", defer_status()['sigpipe'], "\n";
});
defer(function () {
    echo "task 2 runs\n";
});
echo "main end\n";
PHP, ['error_log' => '/dev/null']);
echo $result['stdout'];
echo "status: ", $result['status'], "\n";
?>
--EXPECT--
main end
task 1: fwrite failed, sigpipe 1
task 2 runs
status: 0
