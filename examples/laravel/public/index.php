<?php

use Illuminate\Http\Request;

define('LARAVEL_START', microtime(true));

require __DIR__ . '/../vendor/autoload.php';

// handleRequest() sends the response (Symfony's Response::send(), which calls
// fastcgi_finish_request() under php-fpm), then runs the kernel's terminate step, where
// Laravel invokes its deferred callbacks. The extension's tasks run after that.
(require_once __DIR__ . '/../bootstrap/app.php')->handleRequest(Request::capture());
