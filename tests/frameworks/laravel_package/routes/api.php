<?php

// Routes of the app tests/frameworks/laravel_package.sh runs. They call the bare global
// defer(), as Laravel's documentation writes it (no `use function`). Each deferred callback
// appends one line to a log in $E2E_DIR (php-fpm's env) and says whether it ran as a task of
// the extension: the name of the running task in Defer\defer_status(), or "-".

use App\Probe;
use Illuminate\Http\Request;
use Illuminate\Support\Defer\DeferredCallbackCollection;
use Illuminate\Support\Facades\Route;

// Every documented form, the status rule, names and forget(), a callback deferring another.
Route::match(['GET', 'POST'], '/forms/{tag}', function (Request $request, string $tag) {
    $status = $request->integer('status', 200);
    $line = fn (string $what) => fn () => Probe::line("forms-$tag", $what);

    $plain = defer($line('plain'));
    defer($line('always'))->always();
    defer($line('named'), 'a-name');
    defer($line('forgotten'), 'to-forget');
    defer()->forget('to-forget');
    defer($line('dup-first'), 'dup');
    defer($line('dup-second'), 'dup');                          // the later of a name wins
    defer($line('renamed'))->name('renamed-later');
    defer(function () use ($line) {
        $line('outer')();
        defer($line('inner'))->always();                         // deferred by a callback
    }, 'outer')->always();
    defer(fn () => Probe::status("forms-$tag"), 'end')->always();

    return response()->json([
        'defer' => (new ReflectionFunction('defer'))->isInternal() ? 'extension' : 'laravel',
        'returns' => get_debug_type($plain),
        'collection' => get_class(app(DeferredCallbackCollection::class)),
        'count' => count(defer()),
    ], $status);
});

// One callback of $ms milliseconds: the response must not wait for it.
Route::get('/work/{tag}', function (string $tag) {
    $ms = (int) request('ms', 300);
    defer(function () use ($tag, $ms) {
        usleep($ms * 1000);
        Probe::line("work-$tag", 'done');
    });

    return response()->json(['tag' => $tag]);
});

Route::get('/nowork', fn () => response()->json(['work' => false]));

// A callback running past defer.task_timeout, then one that must still run.
Route::get('/slow/{tag}', function (string $tag) {
    defer(function () use ($tag) {
        Probe::line("slow-$tag", 'slow started');
        $until = microtime(true) + 30;
        while (microtime(true) < $until) {
            usleep(10000);
        }
        Probe::line("slow-$tag", 'slow not stopped');
    }, "slow-$tag");
    defer(fn () => Probe::status("slow-$tag"), 'after-slow');

    return response()->json(['tag' => $tag]);
});

// A throwing callback, then one that must still run.
Route::get('/throw/{tag}', function (string $tag) {
    defer(fn () => throw new RuntimeException("boom from the callback of $tag"), "thrower-$tag");
    defer(fn () => Probe::line("throw-$tag", 'after the throw'), 'after-throw');

    return response()->json(['tag' => $tag]);
});

// The extension's pool counters, as JSON.
Route::get('/pool', fn () => \Defer\pool_status());

// Under wrk: one line per request in tasks.log ({"id", "method"}, as tests/lib/load.sh reads).
Route::match(['GET', 'POST'], '/load', function (Request $request) {
    $id = $request->server('REQUEST_ID');
    $method = $request->method();
    defer(fn () => Probe::append('tasks.log', json_encode(['id' => $id, 'method' => $method]) . "\n"));

    return response()->json(['ok' => true]);
});
