<?php
// One faulty task, then a task that records what happened.
require __DIR__ . '/record.inc';
$case = $_GET['case'];
$faults = [
    'throw' => function () { throw new RuntimeException('webhook refused'); },
    'exit' => function () { exit(7); },
    'undefined' => function () { no_such_function(); },
    'memory' => function () { $a = []; while (true) { $a[] = str_repeat('m', 1 << 20); } },
    'loop' => function () { while (true) { } },
    'sleep' => function () { sleep(1000); },
    'noisy' => function () { echo str_repeat('n', 1 << 20); flush(); echo "more"; flush(); },
];
defer($faults[$case]);
defer(fn () => record_status("fault-$case"));
echo "answered $case\n";
