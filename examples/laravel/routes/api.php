<?php

// GET /api/orders/42              pays order 42
// GET /api/orders/42?declined=1   the payment is declined: 402
//
// After the response, two mechanisms run work:
//  - Laravel's defer(): its callbacks run in the kernel's terminate step, only when the
//    response status is under 400, unless marked ->always(); ->forget() drops one by name.
//  - the extension's Defer\defer(): its tasks run after the script, whatever the status,
//    each in a sandbox with a time limit, recorded in Defer\defer_status().

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

// This import makes the bare defer() in this file Laravel's, whether or not the extension
// also registers a global defer() (php.ini defer.global_functions, on by default).
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

    // The extension's task: runs last, after Laravel's callbacks, whatever the status.
    \Defer\defer(function () use ($work) {
        $finished = \Defer\defer_status()['finished'] ? 'true' : 'false';
        $work("extension: webhook called (finished=$finished)")();
    });

    return response()->json(['order' => $id, 'paid' => ! $declined], $declined ? 402 : 200);
});
