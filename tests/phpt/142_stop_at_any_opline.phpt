--TEST--
A stop lands cleanly wherever a loop is: right after internal calls whose result is not yet consumed (an argument, an assignment, an array, a rope), inside an internal __toString called by an opline, at a foreach, after an internal constructor; no leak, no fatal error (valgrind and ASan run it too)
--INI--
defer.task_timeout=0.1
error_log=/dev/null
--FILE--
<?php
$loops = [
    'argument' => function () { while (true) { strlen(str_repeat('x', 100)); } },
    'arguments' => function () { while (true) { max(abs(-1), (int) str_repeat('1', 2), strlen(md5('a'))); } },
    'assignment' => function () { while (true) { $s = md5('x'); } },
    'array' => function () { while (true) { $a = [str_repeat('y', 10), md5('z'), 'k' => sha1('q')]; } },
    'rope' => function () { $i = 0; while (true) { $s = "a{$i}b" . md5((string) $i++); } },
    'internal __toString' => function () { $e = new Exception('m'); while (true) { $s = 'x' . $e; } },
    'foreach' => function () { while (true) { foreach (['a', 'b', 'c'] as $v) { $x = str_repeat($v, 3); } } },
    'internal constructor' => function () { while (true) { $o = new ArrayObject([str_repeat('z', 5)]); } },
    'callback' => function () { while (true) { array_map(fn ($v) => str_repeat($v, 2), ['a', 'b']); } },
    'named argument' => function () { while (true) { str_pad(string: md5('p'), length: 40); } },
];
foreach ($loops as $name => $loop) {
    defer($loop);
}
defer(function () use ($loops) {
    register_shutdown_function(function () use ($loops) {
        $names = array_keys($loops);
        foreach (defer_status()['tasks'] as $i => $task) {
            if ($i < count($names)) {
                printf("%s: %s\n", $names[$i], $task['state'] === 'timeout' && str_contains($task['error'], 'defer.task_timeout') ? 'stopped' : "{$task['state']} {$task['error']}");
            }
        }
    });
});
?>
--EXPECT--
argument: stopped
arguments: stopped
assignment: stopped
array: stopped
rope: stopped
internal __toString: stopped
foreach: stopped
internal constructor: stopped
callback: stopped
named argument: stopped
