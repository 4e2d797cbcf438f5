--TEST--
defer_pool_status(): the counters of this process and the ones it forks (shared memory, no locks): outcomes, skips, budgets, phases, seconds and a cumulative histogram
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork() does not exist without pcntl'); ?>
--FILE--
<?php
// In a child process: under ASan, forked children's leak checker writes to stderr.
require __DIR__ . '/child.inc';
$result = defer_child_run(<<<'PHP'
<?php
$empty = Defer\pool_status();
printf("started %s, ran %d, in phase %d\n", abs($empty['started'] - microtime(true)) < 600 ? 'now' : 'wrong', $empty['tasks_run'], $empty['workers_in_phase']);

defer(fn () => usleep(20000));
defer(function () { throw new Exception('x'); });
defer(function () { var_dump(defer_pool_status()['workers_in_phase']); });
run_pending_and_show();

// Four children, each running a phase of 50 tasks, add to the same counters.
$children = [];
for ($c = 0; $c < 4; $c++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < 50; $i++) {
            defer(fn () => null);
        }
        Defer\run_pending();
        exit(0);
    }
    $children[] = $pid;
}
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
}
$s = defer_pool_status();
printf("after the children: ran %d, phases %d, in phase %d\n", $s['tasks_run'], $s['phases'], $s['workers_in_phase']);

// A spent budget: counted once, with the tasks it skipped.
ini_set('defer.time_budget', '0.01');
defer(fn () => usleep(50000));
defer(fn () => null);
defer(fn () => null);
Defer\run_pending();
$s = defer_pool_status();
printf("budgets spent %d, skipped %d, timed out %d\n", $s['budgets_spent'], $s['tasks_skipped'], $s['tasks_timed_out']);

$previous = -1;
$monotonic = true;
foreach ($s['task_seconds_buckets'] as $bucket) {
    $monotonic = $monotonic && $bucket['count'] >= $previous;
    $previous = $bucket['count'];
}
$last = end($s['task_seconds_buckets']);
printf("histogram: %d buckets, cumulative %s, last le %s holds all %s\n", count($s['task_seconds_buckets']),
    $monotonic ? 'yes' : 'no', var_export($last['le'], true), $last['count'] === $s['tasks_run'] ? 'yes' : 'no');
var_dump($s['task_seconds'] >= 0.02 + 0.01, $s['phase_seconds'] >= $s['task_seconds'] - 0.001);

function run_pending_and_show(): void {
    Defer\run_pending();
    $s = defer_pool_status();
    printf("ran %d, failed %d, phases %d, in phase now %d\n", $s['tasks_run'], $s['tasks_failed'], $s['phases'], $s['workers_in_phase']);
}
PHP, ['defer.log' => 'off']);
echo $result['stdout'];
if ($result['status'] !== 0) {
    echo "status ", $result['status'], ": ", $result['stderr'];
}
?>
--EXPECT--
started now, ran 0, in phase 0
int(1)
ran 3, failed 1, phases 1, in phase now 0
after the children: ran 203, phases 5, in phase 0
budgets spent 1, skipped 2, timed out 1
histogram: 13 buckets, cumulative yes, last le '+Inf' holds all yes
bool(true)
bool(true)
