--TEST--
SIGPIPE: an application's pcntl_signal() handler still receives the signal; from the start of the deferred phase the extension counts it again and passes it on
--SKIPIF--
<?php if (!function_exists('pcntl_signal')) die('skip pcntl not available'); ?>
--INI--
error_log=/dev/null
--FILE--
<?php
function write_to_closed_socket(): void
{
    $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    fclose($pair[1]);
    @fwrite($pair[0], str_repeat('x', 70000));
}

$GLOBALS['received'] = 0;
pcntl_signal(SIGPIPE, function (int $signal) {
    echo "app handler: signal ", $signal === SIGPIPE ? "SIGPIPE" : $signal, "\n";
    $GLOBALS['received']++;
});
write_to_closed_socket();
pcntl_signal_dispatch();
echo "script: app handler called ", $GLOBALS['received'], " time(s)\n";

defer(function () {
    $before = defer_status()['sigpipe'];
    write_to_closed_socket();
    echo "task: counted ", defer_status()['sigpipe'] - $before, "\n";
    pcntl_signal_dispatch();
    echo "task: app handler called ", $GLOBALS['received'], " time(s)\n";
});
defer(function () {
    pcntl_async_signals(true);
    $before = defer_status()['sigpipe'];
    write_to_closed_socket();
    echo "async task: counted ", defer_status()['sigpipe'] - $before, ", app handler called ", $GLOBALS['received'], " time(s)\n";
});
echo "main end\n";
?>
--EXPECT--
app handler: signal SIGPIPE
script: app handler called 1 time(s)
main end
task: counted 1
app handler: signal SIGPIPE
task: app handler called 2 time(s)
app handler: signal SIGPIPE
async task: counted 1, app handler called 3 time(s)
