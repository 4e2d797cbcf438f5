--TEST--
run_pending() in a worker loop: memory stays flat over thousands of batches, the budget is per call, and max_tasks counts only the tasks held
--INI--
defer.log=off
defer.max_tasks=3
--FILE--
<?php
$payload = str_repeat('x', 1000);
$loop = function (int $messages) use ($payload) {
    for ($i = 0; $i < $messages; $i++) {
        defer(fn ($p) => strlen($p), $payload . $i);
        defer(fn () => null);
        Defer\run_pending();
    }
};
$loop(200);
$before = memory_get_usage();
$loop(5000);
$grown = memory_get_usage() - $before;
var_dump($grown < 1024);
$status = defer_status();
printf("queued %d ran %d, held %d\n", $status['queued'], $status['ran'], count($status['tasks']));

// Each call has its own budget: a call that spends it does not starve the next one.
ini_set('defer.time_budget', '0.05');
defer(fn () => usleep(80000)); // stopped by the budget
defer(fn () => print("skipped\n"));
var_dump(Defer\run_pending());
echo json_encode(array_column(defer_status()['tasks'], 'state')), "\n";
defer(fn () => print("the next call's task runs\n"));
var_dump(Defer\run_pending());
?>
--EXPECT--
bool(true)
queued 10400 ran 10400, held 2
int(1)
["timeout","skipped"]
the next call's task runs
int(1)
