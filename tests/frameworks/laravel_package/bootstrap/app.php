<?php

use Illuminate\Foundation\Application;
use Illuminate\Foundation\Configuration\Exceptions;
use Illuminate\Foundation\Configuration\Middleware;
use Illuminate\Http\Middleware\HandleCors;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(api: __DIR__ . '/../routes/api.php', commands: __DIR__ . '/../routes/console.php')
    ->withMiddleware(function (Middleware $middleware) {
        // Nothing calls this API from a browser (and php-cors may be missing from the registry).
        $middleware->remove(HandleCors::class);
    })
    ->withExceptions(function (Exceptions $exceptions) {
    })
    ->create();
