<?php

use Illuminate\Foundation\Application;
use Illuminate\Foundation\Configuration\Exceptions;
use Illuminate\Foundation\Configuration\Middleware;
use Illuminate\Http\Middleware\HandleCors;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(api: __DIR__ . '/../routes/api.php', apiPrefix: '')
    ->withMiddleware(function (Middleware $middleware) {
        // No CORS middleware (which lets the app run where the fruitcake/php-cors
        // package is not installed).
        $middleware->remove(HandleCors::class);
    })
    ->withExceptions(function (Exceptions $exceptions) {
    })
    ->create();
