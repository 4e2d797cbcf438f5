<?php

use Illuminate\Foundation\Application;
use Illuminate\Foundation\Configuration\Exceptions;
use Illuminate\Foundation\Configuration\Middleware;
use Illuminate\Http\Middleware\HandleCors;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(api: __DIR__ . '/../routes/api.php')
    ->withMiddleware(function (Middleware $middleware) {
        // No browser calls this API from another origin, so no CORS middleware (which
        // also lets the app run where the fruitcake/php-cors package is not installed).
        $middleware->remove(HandleCors::class);
    })
    ->withExceptions(function (Exceptions $exceptions) {
    })
    ->create();
