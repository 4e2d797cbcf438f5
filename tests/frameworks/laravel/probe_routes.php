<?php
// Test-only routes (copied to routes/probe.php of the installed example): app code that calls
// the bare global defer() as Laravel's documentation writes it, with no `use function`.
// Which defer() that is depends on defer.global_functions; the report says what happened.
//   GET /probe/global-defer/{run}[?status=500]
//   GET /probe/uncaught-always/{run}

use Illuminate\Support\Facades\Concurrency;
use Illuminate\Support\Facades\Route;

Route::get('/probe/global-defer/{run}', function (string $run) {
    $log = (getenv('DEFER_EXAMPLE_DIR') ?: sys_get_temp_dir()) . "/probe-$run.log";
    $mark = fn (string $what) => function () use ($log, $what) {
        file_put_contents($log, "$what\n", FILE_APPEND | LOCK_EX);
    };

    $function = new ReflectionFunction('defer');
    $report = ['defer' => $function->isInternal()
        ? 'extension ' . $function->getExtensionName()
        : 'userland ' . substr($function->getFileName(), strlen(base_path()) + 1)];

    $returned = defer($mark('plain'));
    $report['returns'] = get_debug_type($returned);

    try {
        defer($mark('always'))->always();
        $report['always'] = 'ok';
    } catch (Throwable $e) {
        $report['always'] = get_class($e) . ': ' . $e->getMessage();
    }

    try {
        defer($mark('forgotten'), 'forget-me');
        defer()->forget('forget-me');
        $report['forget'] = 'ok';
    } catch (Throwable $e) {
        $report['forget'] = get_class($e) . ': ' . $e->getMessage();
    }

    // Laravel's second parameter is the callback's name; the extension binds arguments.
    defer(fn (...$args) => $mark('named(' . implode(',', $args) . ')')(), 'a-name');

    // Laravel's own code imports Illuminate\Support\defer: unaffected by the global name.
    $report['concurrency_defer_returns'] = get_debug_type(Concurrency::driver('sync')->defer($mark('concurrency')));

    // The extension's tasks run last, first in first out: this one marks the end.
    \Defer\defer($mark('end'));

    return response()->json($report, (int) request('status', 200));
});

// As app code writes it, with nothing caught.
Route::get('/probe/uncaught-always/{run}', function (string $run) {
    $log = (getenv('DEFER_EXAMPLE_DIR') ?: sys_get_temp_dir()) . "/probe-$run.log";
    defer(function () use ($log) {
        file_put_contents($log, "always\n", FILE_APPEND | LOCK_EX);
    })->always();

    return response()->json(['reached' => 'end of route']);
});
