<?php
// How late after its limit a task is stopped: one that spins, one that sleeps, one that
// calls functions in a loop, one that recurses without a loop (the function JIT checks the
// VM interrupt only at loop heads and after internal calls). Run by bench/budget_precision.sh
// once per JIT mode; prints one JSON object.
$limit = (float) ini_get('defer.task_timeout');
$runs = (int) ($argv[1] ?? 20);
function recurse(int $n): int
{
    return $n < 2 ? $n : recurse($n - 1) + recurse($n - 2);
}
$kinds = [
    'spin' => function () { while (true) { } },
    'sleep' => function () { sleep(1000); },
    'calls' => function () { while (true) { strlen('x'); } },
    'recursion' => function () { recurse(60); },
];
foreach ($kinds as $kind => $task) {
    for ($i = 0; $i < $runs; $i++) {
        defer($task);
    }
}
defer(function () use ($limit, $runs, $kinds) {
    $tasks = defer_status()['tasks'];
    $jit = function_exists('opcache_get_status') ? (opcache_get_status(false)['jit'] ?? []) : [];
    $result = ['limit_s' => $limit, 'runs' => $runs, 'jit' => ($jit['on'] ?? false) ? ini_get('opcache.jit') : 'off'];
    $offset = 0;
    foreach (array_keys($kinds) as $kind) {
        $late = [];
        foreach (array_slice($tasks, $offset, $runs) as $task) {
            if ($task['state'] !== 'timeout') {
                fwrite(STDERR, "task {$task['id']} ended {$task['state']}\n");
                exit(1);
            }
            $late[] = ($task['duration'] - $limit) * 1000;
        }
        $offset += $runs;
        sort($late);
        $result[$kind] = [
            'p50_ms' => round($late[intdiv(count($late), 2)], 3),
            'p99_ms' => round($late[(int) floor(0.99 * (count($late) - 1))], 3),
            'max_ms' => round(max($late), 3),
        ];
    }
    echo json_encode($result, JSON_PRETTY_PRINT), "\n";
});
