<?php

use Illuminate\Http\Request;

require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/../record.inc';

// handleRequest() sends the response (Response::send(): fastcgi_finish_request() under
// php-fpm), then runs the kernel's terminate step, where Laravel runs its deferred callbacks.
(require_once __DIR__ . '/../bootstrap/app.php')->handleRequest(Request::capture());
