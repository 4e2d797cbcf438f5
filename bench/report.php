<?php
// Turns bench/run.sh's raw results into a table (stdout), BENCHMARKS.md and bench/latency.png.
// Usage: php bench/report.php <results dir> <repository root>
[$out, $root] = [$argv[1], $argv[2]];

function percentile(array $values, float $p): float
{
    sort($values);
    return $values[(int) floor($p * (count($values) - 1))];
}
function median(array $values): float
{
    return percentile($values, 0.5);
}
function verdict(bool $met): string
{
    return $met ? 'met' : '**missed**';
}
function read_lines(string $file): array
{
    return array_values(array_filter(array_map('trim', file($file) ?: [])));
}

// The machine.
preg_match('/model name\s*:\s*(.+)/', file_get_contents('/proc/cpuinfo'), $cpu);
preg_match('/MemTotal:\s*(\d+)/', file_get_contents('/proc/meminfo'), $memory);
$machine = sprintf('%s, %d cores, %.0f GiB; Linux %s; PHP %s (%s); %s; %s',
    trim($cpu[1] ?? 'unknown CPU'), (int) shell_exec('nproc'), ($memory[1] ?? 0) / 1048576, php_uname('r'),
    PHP_VERSION, PHP_ZTS ? 'ZTS' : 'NTS', trim(shell_exec('nginx -v 2>&1') ?? ''), trim(shell_exec('wrk -v 2>&1 | head -1') ?? ''));

// 1. Cost of one call.
$cost = json_decode(file_get_contents("$out/cost.json"), true);
$ratio_array = $cost['defer_instructions'] / $cost['array_instructions'];
$task_cost = json_decode(file_get_contents("$out/task_cost.json"), true);
$hyper = [];
foreach (json_decode(file_get_contents("$out/hyperfine.json"), true)['results'] as $result) {
    $hyper[$result['command']] = $result['mean'];
}
$hyper_n = (int) file_get_contents("$out/hyperfine_n.txt");
$ns = fn (string $v) => ($hyper[$v] - $hyper['empty']) / $hyper_n * 1e9;

// 2. Time to first byte.
$ttfb = [];
foreach (['baseline', 'sync', 'by_hand', 'extension'] as $variant) {
    $ttfb[$variant] = array_map(fn ($s) => 1000 * (float) $s, read_lines("$out/ttfb_$variant.txt"));
}
$ttfb_ratio_p50 = median($ttfb['extension']) / median($ttfb['baseline']);
$ttfb_ratio_p99 = percentile($ttfb['extension'], 0.99) / percentile($ttfb['baseline'], 0.99);

// 3. Throughput.
$throughput = [];
foreach (read_lines("$out/throughput.txt") as $line) {
    [$variant, $connections, $rps] = preg_split('/\s+/', $line);
    $throughput[(int) $connections][$variant] = (float) $rps;
}
$bound = 4 / (0.010 + 0.200);

// 4. Loaded but unused.
// Rounds alternate without/with, and conditions on 2 shared cores swing by several per cent
// from round to round: compare each round with its own pair, then take the median ratio.
$rounds = [];
foreach (read_lines("$out/unused.txt") as $line) {
    [$which, $round, $rps, $cpu] = preg_split('/\s+/', $line);
    $rounds[(int) $round][$which] = ['rps' => (float) $rps, 'cpu' => (float) $cpu];
}
$paired = fn (string $key) => array_values(array_map(fn ($r) => $r['with'][$key] / $r['without'][$key], $rounds));
$unused_rps = $paired('rps');
$unused_cpu = $paired('cpu');
$unused_ratio = median($unused_rps);
$unused_cpu_ratio = median($unused_cpu);
$unused_rps_with = median(array_column(array_column($rounds, 'with'), 'rps'));
$unused_rps_without = median(array_column(array_column($rounds, 'without'), 'rps'));
$instructions = json_decode(file_get_contents("$out/unused_instructions.json"), true);

// 5. Budget precision, 6. soak.
$precision = json_decode(file_get_contents("$out/precision.json"), true);
$soak = file_get_contents("$out/soak.txt");
preg_match('/soak: (\d+) passed, (\d+) failed/', $soak, $soak_result);
preg_match('/wrk: (\d+) responses.*tasks recorded: (\d+)/', $soak, $soak_counts);
preg_match('/worker memory: (\d+) kB at a quarter of the run, (\d+) kB at the end/', $soak, $soak_memory);
$soak_seconds = file_exists("$out/soak_seconds.txt") ? trim(file_get_contents("$out/soak_seconds.txt")) : '?';

// 7. Kept-alive connections.
$ka_spaced = [];
foreach (['baseline', 'by_hand', 'extension'] as $variant) {
    $ka_spaced[$variant] = array_map(fn ($s) => 1000 * (float) $s, read_lines("$out/ka_spaced_$variant.txt"));
}
$ka_rounds = [];
foreach (read_lines("$out/ka_wrk.txt") as $line) {
    [$variant, $p50, $p99, $count, $non_2xx] = preg_split('/\s+/', $line);
    $ka_rounds[$variant][] = ['p50' => (float) $p50, 'p99' => (float) $p99, 'count' => (int) $count, 'non_2xx' => (int) $non_2xx];
}
// Each variant's median over the rounds (p50 and p99 each), and its totals.
$ka_wrk = [];
foreach ($ka_rounds as $variant => $rounds_of_variant) {
    $ka_wrk[$variant] = ['p50' => median(array_column($rounds_of_variant, 'p50')), 'p99' => median(array_column($rounds_of_variant, 'p99')),
        'count' => array_sum(array_column($rounds_of_variant, 'count')), 'non_2xx' => array_sum(array_column($rounds_of_variant, 'non_2xx')),
        'rounds' => count($rounds_of_variant)];
}
$ka_rps = [];
foreach (read_lines("$out/ka_rps.txt") as $line) {
    [$variant, $keepalive, $rps] = preg_split('/\s+/', $line);
    $ka_rps[$variant][$keepalive] = (float) $rps;
}
$ka_errors = (int) trim(file_get_contents("$out/ka_upstream_errors.txt"));

// The chart: distribution of time to first byte per variant.
$data = "$out/ttfb.dat";
$rows = [];
$count = count($ttfb['baseline']);
$sorted = array_map(function ($v) { sort($v); return $v; }, $ttfb);
for ($i = 0; $i < $count; $i++) {
    $rows[] = sprintf('%.4f %.3f %.3f %.3f %.3f', ($i + 1) / $count * 100,
        $sorted['baseline'][$i] ?? 0, $sorted['sync'][$i] ?? 0, $sorted['by_hand'][$i] ?? 0, $sorted['extension'][$i] ?? 0);
}
file_put_contents($data, implode("\n", $rows) . "\n");
$png = "$root/bench/latency.png";
file_put_contents("$out/chart.gp", <<<GP
set terminal pngcairo size 900,560 font "sans,11" noenhanced
set output "$png"
set title "Time to first byte through nginx + php-fpm: 10 ms of main work, 200 ms of deferred work"
set xlabel "time to first byte (ms, log scale)"
set ylabel "requests answered (%)"
set logscale x
set key below
set grid
plot "$data" using 2:1 with lines lw 2 title "no deferred work (baseline)", \
     "$data" using 3:1 with lines lw 2 title "deferred work done before answering", \
     "$data" using 4:1 with lines lw 2 dt 2 title "by hand: fastcgi_finish_request + loop", \
     "$data" using 5:1 with lines lw 2 title "defer extension"
GP);
shell_exec('gnuplot ' . escapeshellarg("$out/chart.gp") . ' 2>&1');

$fmt = fn ($v, $d = 1) => number_format($v, $d, '.', ' ');
$md = [];
$md[] = '# Benchmarks';
$md[] = '';
$md[] = 'Written by `bench/run.sh` on ' . gmdate('Y-m-d H:i') . ' UTC. Every figure below was measured in that one run on this machine; ratios are against a baseline measured in the same run, absolute times are context only.';
$md[] = '';
$md[] = "Machine: $machine.";
$md[] = '';
$md[] = '| # | what | result | target | |';
$md[] = '| --- | --- | --- | --- | --- |';
$md[] = sprintf('| 1 | one `defer()` call (closure, 2 arguments), instructions, vs appending `[$callback, $args]` to an array | %s vs %s: **%.2f×** | ≤ 1.5× | %s |',
    $fmt($cost['defer_instructions']), $fmt($cost['array_instructions']), $ratio_array, verdict($ratio_array <= 1.5));
$md[] = sprintf('| 1 | the same vs a small collection object | %s vs %s: **%.2f×** | cheaper | %s |',
    $fmt($cost['defer_instructions']), $fmt($cost['collection_instructions']), $cost['defer_instructions'] / $cost['collection_instructions'],
    verdict($cost['defer_instructions'] < $cost['collection_instructions']));
$md[] = sprintf('| 1 | time per call (hyperfine, %s calls, net of the empty loop): defer / array / collection | %s / %s / %s ns: **%.2f×** the array | | |',
    $fmt($hyper_n, 0), $fmt($ns('defer')), $fmt($ns('array')), $fmt($ns('collection')), $ns('defer') / $ns('array'));
$md[] = sprintf('| 1 | one trivial task (closure, 2 arguments), deferred and run (`defer()`, then its limit, sandbox, record, SIGTERM line, pool counters), instructions, vs the same by hand (append `[$callback, $args]` to an array, then call each in a loop) | %s vs %s: **%.2f×** | ≤ 1.5× | %s |',
    $fmt($task_cost['instructions_per_task']), $fmt($task_cost['by_hand_per_task']), $task_cost['ratio_to_by_hand'], verdict($task_cost['ratio_to_by_hand'] <= 1.5));
$md[] = sprintf('| 1 | the same under opcache + the tracing JIT (as production runs it) | %s vs %s: **%.2f×** | ≤ 1.5× | %s |',
    $fmt($task_cost['jit']['instructions_per_task']), $fmt($task_cost['jit']['by_hand_per_task']), $task_cost['jit']['ratio_to_by_hand'], verdict($task_cost['jit']['ratio_to_by_hand'] <= 1.5));
$md[] = sprintf('| 1 | one `defer()` call under opcache + the tracing JIT, instructions, vs appending to an array | %s vs %s: **%.2f×** | ≤ 1.5× | %s |',
    $fmt($task_cost['jit']['defer_call']), $fmt($task_cost['jit']['array_call']), $task_cost['jit']['defer_call'] / $task_cost['jit']['array_call'], verdict($task_cost['jit']['defer_call'] / $task_cost['jit']['array_call'] <= 1.5));
$md[] = sprintf('| 1 | of a task\'s cost, the pool\'s shared counters (`defer_pool_status()`); a task deferring a named function (`strlen`) instead | %s: **%.1f %%**; %s | | |',
    $fmt($task_cost['counters_per_task']), $task_cost['counters_share'] * 100, $fmt($task_cost['named_function_task']));
foreach ([1000, 100000] as $n) {
    $md[] = sprintf('| 1 | memory per queued task at %s tasks (Zend heap + malloc, by RSS): defer / array / collection | %s / %s / %s bytes | | |',
        $fmt($n, 0), $fmt($cost["defer_memory_$n"]['rss_bytes'], 0), $fmt($cost["array_memory_$n"]['rss_bytes'], 0), $fmt($cost["collection_memory_$n"]['rss_bytes'], 0));
}
$md[] = sprintf('| 2 | time to first byte, extension vs no deferred work at all, p50 | %s vs %s ms: **%+.1f %%** | within 5 %% | %s |',
    $fmt(median($ttfb['extension']), 2), $fmt(median($ttfb['baseline']), 2), ($ttfb_ratio_p50 - 1) * 100, verdict($ttfb_ratio_p50 <= 1.05));
$md[] = sprintf('| 2 | the same, p99 | %s vs %s ms: **%+.1f %%** | within 5 %% | %s |',
    $fmt(percentile($ttfb['extension'], 0.99), 2), $fmt(percentile($ttfb['baseline'], 0.99), 2), ($ttfb_ratio_p99 - 1) * 100, verdict($ttfb_ratio_p99 <= 1.05));
$md[] = sprintf('| 2 | p50 / p99 of the other ways: synchronous; by hand | %s / %s ms; %s / %s ms | | |',
    $fmt(median($ttfb['sync']), 2), $fmt(percentile($ttfb['sync'], 0.99), 2), $fmt(median($ttfb['by_hand']), 2), $fmt(percentile($ttfb['by_hand'], 0.99), 2));
foreach ($throughput as $connections => $rps) {
    $r = $rps['extension'] / $rps['by_hand'];
    $md[] = sprintf('| 3 | throughput at %d connection(s), 4 workers: extension vs by hand (sync) | %s vs %s (%s) req/s: **%+.1f %%** | within 2 %% | %s |',
        $connections, $fmt($rps['extension'], 2), $fmt($rps['by_hand'], 2), $fmt($rps['sync'], 2), ($r - 1) * 100, verdict(abs($r - 1) <= 0.02));
}
$md[] = sprintf('| 3 | the pool\'s bound: workers / (main + deferred time) = 4 / 0.21 s | %s req/s | | |', $fmt($bound, 2));
$md[] = sprintf('| 4 | hello world through php-fpm, requests per second with the extension loaded but unused vs without: median of %d paired rounds (range) | %+.1f %% (%+.1f to %+.1f %%); medians %s vs %s req/s | within 1 %% | %s |',
    count($unused_rps), ($unused_ratio - 1) * 100, (min($unused_rps) - 1) * 100, (max($unused_rps) - 1) * 100,
    $fmt($unused_rps_with, 0), $fmt($unused_rps_without, 0), verdict(abs($unused_ratio - 1) <= 0.01));
$md[] = sprintf('| 4 | php-fpm\'s CPU time per hello-world request, with vs without: median of %d paired rounds (range) | %+.1f %% (%+.1f to %+.1f %%) | within 1 %% | %s |',
    count($unused_cpu), ($unused_cpu_ratio - 1) * 100, (min($unused_cpu) - 1) * 100, (max($unused_cpu) - 1) * 100, verdict($unused_cpu_ratio <= 1.01));
$md[] = sprintf('| 4 | the same in instructions per request (php-cgi -T %d, callgrind) | %s vs %s: **%+.2f %%** | within 1 %% | %s |',
    $instructions['requests'], $fmt($instructions['with']), $fmt($instructions['without']), ($instructions['ratio'] - 1) * 100, verdict($instructions['ratio'] <= 1.01));
foreach ($precision['by_jit'] ?? ['off' => $precision] as $mode => $by_mode) {
    foreach (['spin' => 'spins', 'sleep' => 'sleeps', 'calls' => 'calls functions', 'recursion' => 'recurses without a loop'] as $kind => $label) {
        if (!isset($by_mode[$kind])) {
            continue;
        }
        $p = $by_mode[$kind];
        $md[] = sprintf('| 5 | a task that %s, stopped after its limit (%.1f s), opcache.jit=%s, late by p50 / p99 / max | %s / %s / %s ms | within 50 ms | %s |',
            $label, $by_mode['limit_s'], $mode, $p['p50_ms'], $p['p99_ms'], $p['max_ms'], verdict($p['max_ms'] <= 50));
    }
}
$md[] = sprintf('| 6 | %s s of wrk at 64 connections, 4 workers: 200 responses / tasks recorded; worker memory | %s / %s; %s → %s kB | equal, no growth | %s |',
    $soak_seconds, $soak_counts[1] ?? '?', $soak_counts[2] ?? '?', $soak_memory[1] ?? '?', $soak_memory[2] ?? '?',
    verdict(($soak_result[2] ?? '1') === '0'));
$ka_p50 = median($ka_spaced['extension']) / median($ka_spaced['baseline']);
$ka_p99 = percentile($ka_spaced['extension'], 0.99) / percentile($ka_spaced['baseline'], 0.99);
$md[] = sprintf('| 7 | kept-alive connections (nginx `keepalive 16`, `fastcgi_keep_conn on`), %d requests per variant 100 ms apart: time to first byte, extension vs no deferred work, p50 / p99 | %s vs %s ms: **%+.1f %%**; %s vs %s ms: **%+.1f %%** | within 5 %% / 10 %% | %s |',
    count($ka_spaced['extension']), $fmt(median($ka_spaced['extension']), 2), $fmt(median($ka_spaced['baseline']), 2), ($ka_p50 - 1) * 100,
    $fmt(percentile($ka_spaced['extension'], 0.99), 2), $fmt(percentile($ka_spaced['baseline'], 0.99), 2), ($ka_p99 - 1) * 100,
    verdict($ka_p50 <= 1.05 && $ka_p99 <= 1.10));
$md[] = sprintf('| 7 | the same by hand (`fastcgi_finish_request()`, connection kept): p50 / p99 | %s / %s ms | | |',
    $fmt(median($ka_spaced['by_hand']), 2), $fmt(percentile($ka_spaced['by_hand'], 0.99), 2));
$wp50 = $ka_wrk['extension']['p50'] / $ka_wrk['baseline']['p50'];
$wp99 = $ka_wrk['extension']['p99'] / $ka_wrk['baseline']['p99'];
$md[] = sprintf('| 7 | under wrk, 16 connections each pausing 200 ms, 24 workers, median of %d alternating 8 s rounds: latency, extension vs no deferred work, p50 / p99 | %s vs %s ms: **%+.1f %%**; %s vs %s ms: **%+.1f %%** | within 5 %% / 10 %% | %s |',
    $ka_wrk['extension']['rounds'], $fmt($ka_wrk['extension']['p50'], 2), $fmt($ka_wrk['baseline']['p50'], 2), ($wp50 - 1) * 100,
    $fmt($ka_wrk['extension']['p99'], 2), $fmt($ka_wrk['baseline']['p99'], 2), ($wp99 - 1) * 100, verdict($wp50 <= 1.05 && $wp99 <= 1.10));
$md[] = sprintf('| 7 | the same by hand: p50 / p99 | %s / %s ms | | |', $fmt($ka_wrk['by_hand']['p50'], 2), $fmt($ka_wrk['by_hand']['p99'], 2));
$non_2xx = array_sum(array_column($ka_wrk, 'non_2xx'));
$md[] = sprintf('| 7 | non-2xx responses in these runs; nginx upstream errors | %d; %d | 0; 0 | %s |', $non_2xx, $ka_errors, verdict($non_2xx === 0 && $ka_errors === 0));
$md[] = sprintf('| 7 | what reconnecting costs: requests per second (wrk -c16) of a request with a trivial deferred task, keep-alive on vs off | %s vs %s req/s: **%+.1f %%** | | |',
    $fmt($ka_rps['tiny_defer']['on'], 0), $fmt($ka_rps['tiny_defer']['off'], 0), ($ka_rps['tiny_defer']['on'] / $ka_rps['tiny_defer']['off'] - 1) * 100);
$md[] = sprintf('| 7 | plain requests (nothing deferred, connection kept), keep-alive on vs off | %s vs %s req/s: **%+.1f %%** | | |',
    $fmt($ka_rps['hello']['on'], 0), $fmt($ka_rps['hello']['off'], 0), ($ka_rps['hello']['on'] / $ka_rps['hello']['off'] - 1) * 100);
// Applications that finish their own response (bench/keepalive_apps.sh prints its rows).
foreach (file_exists("$out/ka_apps.md") ? file("$out/ka_apps.md", FILE_IGNORE_NEW_LINES) : [] as $line) {
    if (str_starts_with($line, '| 7 |')) {
        $md[] = $line;
    }
}
$md[] = '';
$md[] = '![Time to first byte](bench/latency.png)';
$md[] = '';
$table = implode("\n", $md);
echo $table, "\n";
$notes = file_exists("$root/bench/NOTES.md") ? file_get_contents("$root/bench/NOTES.md") : '';
file_put_contents("$root/BENCHMARKS.md", $table . "\n" . $notes);
echo "\nwrote BENCHMARKS.md and bench/latency.png\n";
