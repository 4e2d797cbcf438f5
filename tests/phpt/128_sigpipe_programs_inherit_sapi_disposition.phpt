--TEST--
SIGPIPE: programs started by exec(), system(), passthru(), shell_exec(), proc_open() and popen() inherit the disposition PHP had (ignored), in the script and in a task, exactly as without the extension; the count still works
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc'); ?>
--INI--
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/child.inc';

// The shell reads its own ignored-signal mask: SIGPIPE is signal 13, bit 12.
const PROBE = 'sh -c \'m=$(sed -n "s/^SigIgn:[[:space:]]*//p" /proc/$$/status); [ $(( 0x$m >> 12 & 1 )) = 1 ] && echo ignored || echo default\'';
const SCRIPT = <<<'PHP'
<?php
function probes(): string
{
    $seen = [];
    $seen[] = 'exec:' . exec(PROBE);
    ob_start();
    system(PROBE);
    $seen[] = 'system:' . trim(ob_get_clean());
    ob_start();
    passthru(PROBE);
    $seen[] = 'passthru:' . trim(ob_get_clean());
    $seen[] = 'shell_exec:' . trim(shell_exec(PROBE));
    $process = proc_open(PROBE, [1 => ['pipe', 'w']], $pipes);
    $seen[] = 'proc_open:' . trim(stream_get_contents($pipes[1]));
    fclose($pipes[1]);
    proc_close($process);
    $pipe = popen(PROBE, 'r');
    $seen[] = 'popen:' . trim(stream_get_contents($pipe));
    pclose($pipe);
    return implode(' ', $seen);
}
echo "script: ", probes(), "\n";
if (function_exists('defer')) {
    defer(function () {
        echo "task: ", probes(), "\n";
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
        fclose($pair[1]);
        @fwrite($pair[0], str_repeat('x', 70000));
        echo "task: a write to a closed socket counted: ", var_export(defer_status()['sigpipe'] >= 1, true), "\n";
    });
}
PHP;
$script = "<?php const PROBE = " . var_export(PROBE, true) . ";\n" . substr(SCRIPT, 6);
$without = defer_child_run($script, [], false);
$with = defer_child_run($script, []);
echo "without the extension: ", $without['stdout'];
echo "with the extension: ", $with['stdout'];
echo "same in the script: ", var_export(strtok($without['stdout'], "\n") === strtok($with['stdout'], "\n"), true), "\n";
?>
--EXPECT--
without the extension: script: exec:ignored system:ignored passthru:ignored shell_exec:ignored proc_open:ignored popen:ignored
with the extension: script: exec:ignored system:ignored passthru:ignored shell_exec:ignored proc_open:ignored popen:ignored
task: exec:ignored system:ignored passthru:ignored shell_exec:ignored proc_open:ignored popen:ignored
task: a write to a closed socket counted: true
same in the script: true
