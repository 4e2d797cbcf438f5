<?php
// One trivial task, N times, deferred or by hand: `php task_cost.php <variant> <N>`.
// defer: defer($callback, $a, $b), run in the deferred phase; by_hand: append
// [$callback, [$a, $b]] to an array, then call each in a loop (what an application without
// the extension writes); defer_call / array_call: only the queuing (counted up to
// php_request_shutdown by the caller), for the cost of one defer() call.
use function Defer\defer;

[$variant, $n] = [$argv[1], (int) $argv[2]];
$callback = function ($a, $b) { };
$a = 'mail@example.org';
$b = 42;
$queue = [];
switch ($variant) {
    case 'defer':
    case 'defer_call':
        for ($i = 0; $i < $n; $i++) { defer($callback, $a, $b); }
        break;
    case 'by_hand':
    case 'array_call':
        for ($i = 0; $i < $n; $i++) { $queue[] = [$callback, [$a, $b]]; }
        if ($variant === 'by_hand') {
            foreach ($queue as [$f, $args]) { $f(...$args); }
        }
        break;
    case 'defer_named':
        // A named function, as bench/task_cost.sh measured before.
        for ($i = 0; $i < $n; $i++) { defer('strlen', 'x'); }
        break;
}
