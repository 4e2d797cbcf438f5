--TEST--
The task queue counts against memory_limit: memory_get_usage() sees it, and going over gives a clear Error at the defer() call; the tasks queued before it all run
--SKIPIF--
<?php
// memory_limit is enforced by Zend's allocator only (valgrind's run turns it off).
if (getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC')) die('skip memory_limit is not enforced without Zend MM');
?>
--INI--
memory_limit=32M
defer.max_tasks=100000000
error_log=/dev/null
--FILE--
<?php
$before = memory_get_usage();
$queued = 1;
$ran = 0;
defer(function () use (&$ran, &$queued) {
    $ran++;
    register_shutdown_function(function () use (&$ran, &$queued) {
        echo "every queued task ran: ", var_export($ran === $queued, true), "\n";
    });
});
try {
    while (true) {
        defer(function () use (&$ran) { $ran++; });
        $queued++;
    }
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo "queued many: ", var_export($queued > 10000, true), "\n";
echo "memory_get_usage() grew by over 16 MB: ", var_export(memory_get_usage() - $before > 16 * 1024 * 1024, true), "\n";
?>
--EXPECTF--
Error: defer(): Cannot queue another task: memory_limit of 33554432 bytes reached (the queue counts against it)
queued many: true
memory_get_usage() grew by over 16 MB: true
every queued task ran: true
