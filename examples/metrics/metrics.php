<?php

declare(strict_types=1);

// The pool's deferred-work counters (defer_pool_status()) in Prometheus' text exposition
// format, for a scrape job pointed at this script. Every php-fpm worker reads the same
// shared counters, so any worker of the pool answers for all of them.
// Serve it on an address only Prometheus reaches (an internal location, allow/deny).

/** @return list<string> */
function defer_metrics_lines(array $pool): array
{
    $lines = [];
    $metric = function (string $name, string $type, string $help, array $samples) use (&$lines): void {
        $lines[] = "# HELP $name $help";
        $lines[] = "# TYPE $name $type";
        foreach ($samples as [$suffix, $labels, $value]) {
            $lines[] = $name . $suffix . $labels . ' ' . format_number($value);
        }
    };
    $counter = fn (string $name, string $help, int|float $value) => $metric($name, 'counter', $help, [['', '', $value]]);

    $metric('defer_start_time_seconds', 'gauge', 'When these counters started (php-fpm master start; kept across reloads).',
        [['', '', $pool['started']]]);
    $counter('defer_tasks_run_total', 'Deferred tasks run to an outcome, ok or failed.', $pool['tasks_run']);
    $counter('defer_tasks_failed_total', 'Deferred tasks that threw, exited, hit a fatal error or timed out.', $pool['tasks_failed']);
    $counter('defer_tasks_timed_out_total', 'Deferred tasks stopped by defer.task_timeout or defer.time_budget.', $pool['tasks_timed_out']);
    $counter('defer_tasks_skipped_total', 'Deferred tasks never started (budget spent, engine stopped).', $pool['tasks_skipped']);
    $counter('defer_phases_total', 'Deferred phases run (requests with tasks, and run_pending() calls).', $pool['phases']);
    $counter('defer_budgets_spent_total', 'Deferred phases whose defer.time_budget ran out.', $pool['budgets_spent']);
    $counter('defer_phases_cut_by_signal_total', 'Deferred phases ended by a signal (php-fpm reload or stop).', $pool['phases_cut_by_signal']);
    $counter('defer_tasks_cut_by_signal_total', 'Deferred tasks cut short or not run because of such a signal.', $pool['tasks_cut_by_signal']);
    $counter('defer_phase_seconds_total', 'Wall-clock seconds workers spent in deferred phases.', $pool['phase_seconds']);
    $metric('defer_workers_in_phase', 'gauge', 'Workers running deferred work right now.', [['', '', $pool['workers_in_phase']]]);

    $samples = [];
    foreach ($pool['task_seconds_buckets'] as $bucket) {
        $samples[] = ['_bucket', '{le="' . format_number($bucket['le']) . '"}', $bucket['count']];
    }
    $samples[] = ['_sum', '', $pool['task_seconds']];
    $samples[] = ['_count', '', $pool['tasks_run']];
    $metric('defer_task_duration_seconds', 'histogram', 'How long deferred tasks ran.', $samples);
    return $lines;
}

// The open bucket's bound comes as the string "+Inf" (as in Prometheus' JSON API).
function format_number(int|float|string $value): string
{
    if (is_string($value)) {
        return $value;
    }
    if (is_infinite($value)) {
        return $value > 0 ? '+Inf' : '-Inf';
    }
    return is_int($value) ? (string) $value : rtrim(rtrim(sprintf('%.6F', $value), '0'), '.');
}

$pool = function_exists('Defer\pool_status') ? Defer\pool_status() : [];
if ($pool === []) {
    http_response_code(503);
    header('Content-Type: text/plain');
    echo "the defer extension is not loaded, or its shared counters could not be mapped\n";
    return;
}
header('Content-Type: text/plain; version=0.0.4; charset=utf-8');
echo implode("\n", defer_metrics_lines($pool)), "\n";
