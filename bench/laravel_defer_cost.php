<?php

// What one Laravel defer() costs: Laravel's own collection, the defer/laravel package's, and
// the extension's Defer\defer() alone. Run by bench/laravel_defer_cost.sh inside an installed
// Laravel app (argv[1]); prints JSON: microseconds per callback, deferring only, and deferring
// plus running it (Laravel's invokeWhen(); the package's invokeWhen() runs the tasks with
// Defer\run_pending() on the CLI), the best of the rounds. Callbacks come in batches of
// argv[3] (a request's worth: Laravel's duplicate check grows with the square of a batch).

declare(strict_types=1);

use Illuminate\Support\Defer\DeferredCallbackCollection;

require $argv[1] . '/vendor/autoload.php';
$app = require $argv[1] . '/bootstrap/app.php';
$app->make(Illuminate\Contracts\Console\Kernel::class)->bootstrap();
$n = (int) ($argv[2] ?? 5000);
$batch = (int) ($argv[3] ?? 10);
$rounds = (int) ($argv[4] ?? 9);
$noop = static function (): void {
};

// Batches of callbacks deferred with Laravel's defer(), then invoked as after a response.
$laravel = static function ($app, Closure $collection) use ($n, $batch, $noop): array {
    [$defer, $total] = [0, 0];
    for ($b = 0; $b < $n / $batch; $b++) {
        $app->instance(DeferredCallbackCollection::class, $c = $collection());
        $t0 = hrtime(true);
        for ($i = 0; $i < $batch; $i++) {
            Illuminate\Support\defer($noop);
        }
        $t1 = hrtime(true);
        $c->invokeWhen(static fn ($callback): bool => true);
        $defer += $t1 - $t0;
        $total += hrtime(true) - $t0;
    }
    return [$defer, $total];
};
$measure = [
    'laravel' => static fn (): array => $laravel($app, static fn () => new DeferredCallbackCollection()),
    'package' => static fn (): array => $laravel($app, static fn () => new Defer\Laravel\TaskCollection()),
    'extension' => static function () use ($n, $batch, $noop): array {
        [$defer, $total] = [0, 0];
        for ($b = 0; $b < $n / $batch; $b++) {
            $t0 = hrtime(true);
            for ($i = 0; $i < $batch; $i++) {
                Defer\defer($noop);
            }
            $t1 = hrtime(true);
            Defer\run_pending();
            $defer += $t1 - $t0;
            $total += hrtime(true) - $t0;
        }
        return [$defer, $total];
    },
];
$best = [];
for ($r = 0; $r < $rounds; $r++) {
    foreach ($measure as $name => $run) {  // interleaved: a busy moment hits all three
        [$defer, $total] = $run();
        $best[$name]['defer_us'] = min($best[$name]['defer_us'] ?? INF, $defer / $n / 1000);
        $best[$name]['defer_and_run_us'] = min($best[$name]['defer_and_run_us'] ?? INF, $total / $n / 1000);
    }
}
$ran = Defer\defer_status();
echo json_encode([
    'laravel' => Illuminate\Foundation\Application::VERSION,
    'php' => PHP_VERSION,
    'callbacks' => $n,
    'batch' => $batch,
    'rounds' => $rounds,
    'us_per_callback' => array_map(
        static fn (array $b): array => array_map(static fn (float $v): float => round($v, 2), $b),
        $best,
    ),
    'failed_tasks' => $ran['failed'] ?? null,
], JSON_PRETTY_PRINT), "\n";
