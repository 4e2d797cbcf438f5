--TEST--
SIGPIPE: a write to a socket closed at the other end fails instead of killing the process and is counted in defer_status()['sigpipe'], in the script and in a task
--INI--
error_log=/dev/null
--FILE--
<?php
function write_to_closed_socket(): void
{
    $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    fclose($pair[1]);
    $written = @fwrite($pair[0], str_repeat('x', 70000));
    echo "fwrite: ", var_export($written === false || $written === 0, true) ? "failed" : "wrote $written", "\n";
    fclose($pair[0]);
}

var_dump(defer_status()['sigpipe']);
write_to_closed_socket();
$after_one = defer_status()['sigpipe'];
echo "after one write: ", var_export($after_one >= 1, true), "\n";
write_to_closed_socket();
echo "after two writes: ", var_export(defer_status()['sigpipe'] > $after_one, true), "\n";
defer(function () {
    $before = defer_status()['sigpipe'];
    write_to_closed_socket();
    echo "task: counted ", var_export(defer_status()['sigpipe'] > $before, true), "\n";
    echo "task goes on\n";
});
defer(function () {
    echo "next task runs\n";
    register_shutdown_function(function () {
        echo "states: ", implode(' ', array_column(defer_status()['tasks'], 'state')), "\n";
    });
});
echo "main goes on\n";
?>
--EXPECT--
int(0)
fwrite: failed
after one write: true
fwrite: failed
after two writes: true
main goes on
fwrite: failed
task: counted true
task goes on
next task runs
states: ok ok
