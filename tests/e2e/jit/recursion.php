<?php
// Loop-free recursion, tens of seconds long: under opcache.jit=function the engine never checks
// its VM interrupt in it. The task's limit (0.2 s) must still end it, the next task must run,
// and the worker must serve its next request soon after.
function fib(int $n): int
{
    return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}
defer('fib', 45);
defer(function () {
    $file = getenv('E2E_DIR') . '/recursion-' . $_GET['run'] . '.json';
    $jit = opcache_get_status(false)['jit'] ?? [];
    file_put_contents($file . '.tmp', json_encode(['jit' => ($jit['on'] ?? false) ? 'on' : 'off', 'status' => defer_status()]));
    rename($file . '.tmp', $file);
});
echo "answered {$_GET['run']}\n";
