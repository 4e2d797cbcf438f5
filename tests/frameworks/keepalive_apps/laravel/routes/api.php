<?php

// Routes without the api/ prefix (bootstrap/app.php):
//   /defer   the controller queues a task with the extension's Defer\defer()
//   /after   Laravel's own defer() (the global helper: the suite runs this app with
//            defer.global_functions=0, so that Laravel defines it)
//   /nowork  nothing after the response

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

Route::any('/defer', function (Request $request) {
    keepalive_main_work();
    \Defer\defer('keepalive_slow_work', keepalive_request_id(), $request->method(), 'extension defer');
    return response($request->method() . ' ' . keepalive_request_id() . "\n");
});
Route::any('/after', function (Request $request) {
    // Laravel's helper, not the extension's function: otherwise this would test nothing new.
    abort_if((new ReflectionFunction('defer'))->isInternal(), 500, "the global defer() is the extension's");
    keepalive_main_work();
    $id = keepalive_request_id();
    $method = $request->method();
    defer(fn () => keepalive_slow_work($id, $method, 'laravel defer'));
    return response("$method $id\n");
});
Route::any('/nowork', function (Request $request) {
    keepalive_main_work();
    return response($request->method() . ' ' . keepalive_request_id() . "\n");
});
