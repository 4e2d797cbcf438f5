<?php

// GET /api/orders/42              pays order 42
// GET /api/orders/42?declined=1   the payment is declined: 402
//
// After the response:
//  - Laravel's defer(): with the defer/laravel package and the extension loaded, each callback
//    is a task of the extension (its sandbox, time limits, record under its Laravel name),
//    but Laravel's rules hold: only when the response status is under 400, unless marked
//    ->always(); ->forget() drops one by name. Without the extension: plain Laravel.
//  - the extension's Defer\defer(): a task that runs whatever the status.
// All run in the order they were deferred.

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

// At the extension's defaults the bare defer() is Laravel's helper anyway; this import keeps
// it so where php.ini sets defer.global_functions=1 (the global defer() is then the extension's).
use function Illuminate\Support\defer;

Route::get('/orders/{id}', function (Request $request, int $id) {
    $outbox = getenv('DEFER_EXAMPLE_DIR') ?: sys_get_temp_dir();
    // A slow piece of after-response work that leaves one line in the order's log.
    $work = fn (string $what) => function () use ($outbox, $id, $what) {
        usleep(150000);
        file_put_contents("$outbox/laravel-order-$id.log", $what . "\n", FILE_APPEND | LOCK_EX);
    };

    // Something earlier in the request planned a reminder in case the order stays unpaid.
    defer($work('laravel: cart reminder'), 'cart-reminder')->always();

    $declined = $request->boolean('declined');
    if (! $declined) {
        defer()->forget('cart-reminder');           // paid: no reminder after all
        defer($work('laravel: receipt mailed'));    // only after a successful response
    }
    defer($work('laravel: metrics sent'))->always(); // even after the 402

    // The extension's own task: deferred last, runs last, whatever the status.
    \Defer\defer(function () use ($work) {
        $finished = \Defer\defer_status()['finished'] ? 'true' : 'false';
        $work("extension: webhook called (finished=$finished)")();
    });

    return response()->json(['order' => $id, 'paid' => ! $declined], $declined ? 402 : 200);
});
