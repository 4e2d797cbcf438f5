--TEST--
A stop that lands at a string interpolation (a rope) about to be built, at its first part (the head of a loop) or at a later part (right after an internal call): the engine's unwinding frees the rope's parts, the one not yet written included; it must not free that slot's stale string again (zend_mm_heap corrupted, a string freed while in use)
--INI--
defer.task_timeout=0.1
defer.time_budget=300
error_log=/dev/null
display_errors=0
--FILE--
<?php
// Strings other code keeps: a stale rope slot points to them after the first iteration. Made at
// run time: opcache folds str_repeat('k', 40) into an interned string, which a release leaves alone.
$length = random_int(40, 40);
$kept = [str_repeat('k', $length), str_repeat('m', $length)];
$e = new Exception(str_repeat('e', $length));
$loops = [
    'first part' => function () use ($kept) { $x = $kept[0]; while (true) { $s = "{$x}-{$x}"; } },
    'first part, a call' => function () use ($e) { while (true) { $s = "{$e->getMessage()}-{$e->getLine()}"; } },
    'later part, a call' => function () use ($kept, $e) { $x = $kept[1]; while (true) { $s = "{$x}{$e->getMessage()}-"; } },
];
foreach ($loops as $name => $loop) {
    for ($i = 0; $i < 4; $i++) {
        defer($loop);
    }
}
// Reported by the last task, with a budget that valgrind's slow stops fit in; there a stop that
// keeps landing at a rope's end may become the escalation's fatal error, which display_errors=0
// keeps out of the output (the record says timeout either way).
defer(function () use ($loops, $kept, $e) {
        $names = array_keys($loops);
        foreach (defer_status()['tasks'] as $i => $task) {
            if ($i < 4 * count($names) && $i % 4 === 0) {
                $states = array_map(fn ($t) => $t['state'] === 'timeout' && str_contains($t['error'], 'defer.task_timeout') ? 'stopped' : "{$t['state']} {$t['error']}",
                    array_slice(defer_status()['tasks'], $i, 4));
                printf("%s: %s\n", $names[$i / 4], implode(', ', array_unique($states)));
            }
        }
        // A string freed while kept would now hold what was allocated since in its place.
        $fill = [];
        for ($i = 0; $i < 100; $i++) {
            $fill[] = str_repeat('z', 40);
        }
        var_dump($kept === [str_repeat('k', 40), str_repeat('m', 40)], $e->getMessage() === str_repeat('e', 40));
});
?>
--EXPECT--
first part: stopped
first part, a call: stopped
later part, a call: stopped
bool(true)
bool(true)
