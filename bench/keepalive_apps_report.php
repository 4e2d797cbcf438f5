<?php
// Figure 7's rows for applications that finish their own response, from
// bench/keepalive_apps.sh's output: prints them as BENCHMARKS.md table rows.
// Usage: php -n bench/keepalive_apps_report.php <output dir>
$out = $argv[1];
$rows = [];
foreach (file("$out/ka_apps.txt", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    [$app, $variant, $sp50, $sp99, $wp50, $wp99, $count, $non2xx, $errors] = explode(' ', $line);
    $rows[$app][$variant] = ['sp50' => (float) $sp50, 'sp99' => (float) $sp99, 'wp50' => (float) $wp50, 'wp99' => (float) $wp99,
        'count' => (int) $count, 'non_2xx' => (int) $non2xx, 'errors' => (int) $errors];
}
$rps = [];
foreach (file("$out/ka_apps_rps.txt", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    [$app, $pool, $value] = explode(' ', $line);
    $rps[$app][$pool][] = (float) $value;
}
$median = function (array $v): float { sort($v); return $v[intdiv(count($v), 2)]; };
$f = fn (float $v) => number_format($v, 2, '.', ' ');
$pct = fn (float $a, float $b) => sprintf('%+.1f %%', ($a / $b - 1) * 100);
$verdict = fn (bool $ok) => $ok ? 'met' : '**missed**';
$names = [
    'symfony' => ['Symfony 7.4 app', 'a kernel.terminate listener'],
    'laravel12' => ['Laravel 12 app', "Laravel's defer()"],
];
$md = [];
foreach ($rows as $app => $v) {
    [$title, $own] = $names[$app];
    $base = $v['nowork@1'];
    foreach (['1' => 'default `defer.close_kept_connection`', 'always' => '`always`'] as $pool => $setting) {
        $d = $v["defer@$pool"];
        $md[] = sprintf('| 7 | %s, `Response::send()` finishing the request, then a `Defer\defer()` task (%s): time to first byte against the no-work request, spaced, p50 / p99 | %s vs %s ms: **%s**; %s vs %s ms: **%s** | within 5 %% / 10 %% | %s |',
            $title, $setting, $f($d['sp50']), $f($base['sp50']), $pct($d['sp50'], $base['sp50']), $f($d['sp99']), $f($base['sp99']),
            $pct($d['sp99'], $base['sp99']), $verdict($d['sp50'] <= 1.05 * $base['sp50'] && $d['sp99'] <= 1.10 * $base['sp99']));
    }
    $a1 = $v['after@1'];
    $aa = $v['after@always'];
    $md[] = sprintf('| 7 | the same app, 200 ms of %s after the response (no extension task): p50 / p99 with the default setting; with `always` | %s / %s ms; %s / %s ms (no work: %s / %s ms) | `always`: within 5 %% / 10 %% | %s |',
        $own, $f($a1['sp50']), $f($a1['sp99']), $f($aa['sp50']), $f($aa['sp99']), $f($base['sp50']), $f($base['sp99']),
        $verdict($aa['sp50'] <= 1.05 * $base['sp50'] && $aa['sp99'] <= 1.10 * $base['sp99']));
    $wrk = [];
    foreach (['defer@1', 'defer@always', 'after@1', 'after@always'] as $variant) {
        $wrk[] = sprintf('%s %s / %s', $variant, $f($v[$variant]['wp50']), $f($v[$variant]['wp99']));
    }
    $md[] = sprintf('| 7 | the same under wrk (16 connections each pausing 200 ms, 32 workers a pool), latency p50 / p99 in ms, route@setting (`1` = default): no work %s / %s; %s | | | |',
        $f($base['wp50']), $f($base['wp99']), implode('; ', $wrk));
    $non2xx = array_sum(array_column($v, 'non_2xx'));
    $errors = array_sum(array_column($v, 'errors'));
    $requests = array_sum(array_column($v, 'count'));
    $md[] = sprintf('| 7 | the same: non-2xx responses of %d under wrk; nginx upstream errors | %d; %d | 0; 0 | %s |',
        $requests, $non2xx, $errors, $verdict($non2xx === 0 && $errors === 0));
    $na = $v['nowork@always'];
    $r1 = $median($rps[$app]['1']);
    $ra = $median($rps[$app]['always']);
    $md[] = sprintf('| 7 | what `always` costs a request of this app that defers nothing (its connection closed, a new one next time): time to first byte p50 / p99; requests per second (wrk -c16, median of 3) | %s vs %s ms: %s; %s vs %s ms: %s; %s vs %s req/s: **%s** | | |',
        $f($na['sp50']), $f($base['sp50']), $pct($na['sp50'], $base['sp50']), $f($na['sp99']), $f($base['sp99']), $pct($na['sp99'], $base['sp99']),
        number_format($ra, 0, '.', ' '), number_format($r1, 0, '.', ' '), $pct($ra, $r1));
}
echo implode("\n", $md), "\n";
