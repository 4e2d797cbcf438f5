--TEST--
Every array the extension returns encodes as JSON (JSON_THROW_ON_ERROR): defer_status() with named, failed, stopped, replaced and cancelled tasks and an exception message that is not UTF-8 (bad bytes become U+FFFD), and defer_pool_status(), whose open histogram bucket is "+Inf"
--INI--
defer.log=off
display_errors=0
defer.task_timeout=0.1
--FILE--
<?php
use function Defer\defer;
use function Defer\defer_named;

defer_named('throws', function () { throw new RuntimeException('boom'); });
defer_named('stopped', function () { usleep(1000000); });
defer(function () { exit(4); });
defer_named('binary', function () { throw new RuntimeException("bytes \xFF\xFE from a socket"); });
defer(function () { trigger_error('fatal', E_USER_ERROR); });
Defer\defer_cancel(defer_named('cancelled', 'strlen', 'x'));
defer_named('replaced', 'strlen', 'x');
defer_named('replaced', 'strlen', 'y');
Defer\run_pending();

$status = json_decode(json_encode(Defer\defer_status(), JSON_THROW_ON_ERROR), true);
foreach ($status['tasks'] as $task) {
    echo $task['id'], ' ', json_encode($task['name']), ' ', $task['state'], "\n";
    if ($task['name'] === 'binary') {
        echo json_encode(substr($task['error'], 0, 40)), "\n";
    }
}
$pool = json_decode(json_encode(Defer\pool_status(), JSON_THROW_ON_ERROR), true);
$last = end($pool['task_seconds_buckets']);
var_dump($last['le'], $last['count'] === $pool['tasks_run']);
foreach (array_slice($pool['task_seconds_buckets'], 0, -1) as $bucket) {
    if (!is_float($bucket['le']) && !is_int($bucket['le'])) {
        echo "a finite bound that is not a number\n";
    }
}
// The failure handler's $task encodes too.
Defer\on_failure(function (array $task) { echo json_encode($task, JSON_THROW_ON_ERROR) !== '' ? "handler's task encodes\n" : ''; });
defer(function () { throw new LogicException("\xC0\xAF is not UTF-8"); });
Defer\run_pending();
?>
--EXPECT--
1 "throws" exception
2 "stopped" timeout
3 null exit
4 "binary" exception
"RuntimeException: bytes \ufffd\ufffd from a so"
5 null fatal
6 "cancelled" cancelled
7 "replaced" cancelled
8 "replaced" ok
string(4) "+Inf"
bool(true)
handler's task encodes
