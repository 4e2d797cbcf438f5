--TEST--
Bug: a task waiting to read from a socket is never stopped by defer.task_timeout, and its own stream timeout never fires either: the request hangs for ever
--SKIPIF--
<?php if (!function_exists('pcntl_alarm')) die('skip pcntl not available'); ?>
--FILE--
<?php
require __DIR__ . '/child.inc';

// Each task reads with a 1 s stream timeout: without a time limit each read gives up
// after 1 s (about 1.4 s in all). The child kills itself (SIGALRM) after 20 s so that a hang
// ends; the bound is wide for slow runs (valgrind, a loaded machine), a hang is for ever.
$started = hrtime(true);
$result = defer_child_run(<<<'PHP'
<?php
pcntl_alarm(20);
$server = stream_socket_server('tcp://127.0.0.1:0');
$port = parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT);
defer(function () {
    $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    stream_set_timeout($pair[0], 1);
    fread($pair[0], 10);
    echo "task 1: fread returned\n";
});
defer(function () use ($port) {
    // A webhook to a server that accepted the connection but never answers.
    @file_get_contents("http://127.0.0.1:$port/", false, stream_context_create(['http' => ['timeout' => 1]]));
    echo "task 2: file_get_contents returned\n";
});
defer(function () {
    echo "task 3 runs\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
echo "main end\n";
PHP, ['defer.task_timeout' => '0.2', 'error_log' => '/dev/null']);
echo $result['stdout'];
echo "status: ", $result['status'], "\n";
echo "under 20 s: ", var_export((hrtime(true) - $started) / 1e9 < 20, true), "\n";
?>
--EXPECTF--
main end
task 3 runs
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#2 timeout: 'stopped after %f s: defer.task_timeout of 0.2 s reached'
#3 ok: NULL
status: 0
under 20 s: true
