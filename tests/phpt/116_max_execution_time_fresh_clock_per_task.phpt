--TEST--
max_execution_time: each task starts with a fresh clock, so a main script that used most of its time does not cut the tasks short
--SKIPIF--
<?php
// Under valgrind PHP's own start-up uses most of the 1 s of CPU time this test measures
// against; the plain and ASan runs cover it. run-tests -m (valgrind) turns Zend's allocator
// off; --asan does too but swaps in its tracked allocator.
if (getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC')) die('skip CPU-time limits are meaningless under valgrind');
?>
--INI--
max_execution_time=1
error_log=/dev/null
--FILE--
<?php
function cpu_seconds(): float
{
    $usage = getrusage();
    return $usage['ru_utime.tv_sec'] + $usage['ru_utime.tv_usec'] / 1e6
        + $usage['ru_stime.tv_sec'] + $usage['ru_stime.tv_usec'] / 1e6;
}

function spin(float $seconds): void
{
    $start = cpu_seconds();
    while (cpu_seconds() - $start < $seconds) {
    }
}
// Main and shutdown function use 0.7 s of the 1 s, leaving less than either task needs;
// the margins leave room for a loaded machine.

spin(0.5);
echo "main used 0.5 s of CPU\n";
register_shutdown_function(function () {
    spin(0.2);
    echo "shutdown function used 0.2 s more\n";
});
defer(function () {
    spin(0.6);
    echo "task 1 used 0.6 s\n";
});
defer(function () {
    spin(0.6);
    echo "task 2 used 0.6 s\n";
    register_shutdown_function(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
?>
--EXPECT--
main used 0.5 s of CPU
shutdown function used 0.2 s more
task 1 used 0.6 s
task 2 used 0.6 s
#1 ok: NULL
#2 ok: NULL
