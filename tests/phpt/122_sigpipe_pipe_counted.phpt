--TEST--
SIGPIPE: a write to a pipe whose reader has exited fails with a notice and is counted, in the script and in a task
--INI--
error_log=/dev/null
--FILE--
<?php
function write_to_dead_reader(): void
{
    $process = proc_open([PHP_BINARY, '-n', '-r', 'exit(0);'], [0 => ['pipe', 'r']], $pipes);
    while (proc_get_status($process)['running']) {
        usleep(1000);
    }
    $written = fwrite($pipes[0], str_repeat('x', 70000));
    echo "fwrite: ", $written === false || $written === 0 ? "failed" : "wrote $written", "\n";
    @fclose($pipes[0]);
    proc_close($process);
}

write_to_dead_reader();
echo "script: ", defer_status()['sigpipe'], "\n";
defer(function () {
    write_to_dead_reader();
    echo "task: ", defer_status()['sigpipe'], "\n";
});
?>
--EXPECTF--
Notice: fwrite(): Write of 70000 bytes failed with errno=32 Broken pipe in %s on line %d
fwrite: failed
script: 1

Notice: fwrite(): Write of 70000 bytes failed with errno=32 Broken pipe in %s on line %d
fwrite: failed
task: 2
