--TEST--
Tasks still run after the main script ran out of memory
--SKIPIF--
<?php
// memory_limit is enforced by Zend's allocators only: without them (run-tests -m under
// valgrind sets USE_ZEND_ALLOC=0; --asan sets it too, but with USE_TRACKED_ALLOC, which
// enforces the limit) this script would allocate until the machine runs out.
if (getenv('USE_ZEND_ALLOC') === '0' && !getenv('USE_TRACKED_ALLOC')) die('skip memory_limit is not enforced without Zend MM');
?>
--INI--
memory_limit=16M
--FILE--
<?php
defer(function () {
    echo "task runs after the main script's memory exhaustion\n";
    $status = defer_status();
    echo "ran=", $status['ran'], " skipped=", $status['skipped'], "\n";
});
register_shutdown_function(function () {
    echo "shutdown function\n";
});
$data = [];
while (true) {
    $data[] = str_repeat('x', 10240);
}
?>
--EXPECTF--
Fatal error: Allowed memory size of 16777216 bytes exhausted%s(tried to allocate %d bytes) in %s041_main_memory_exhaustion_runs_tasks.php on line %d
shutdown function
task runs after the main script's memory exhaustion
ran=0 skipped=0
