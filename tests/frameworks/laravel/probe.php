<?php
// Test-only front controller, copied into the installed copy of examples/laravel/public by
// tests/frameworks/run.sh: the example app plus the /probe/* routes of routes/probe.php.

use Illuminate\Http\Request;

require __DIR__ . '/../vendor/autoload.php';

$app = require_once __DIR__ . '/../bootstrap/app.php';
$app->booted(function ($app) {
    $app['router']->middleware('api')->group(__DIR__ . '/../routes/probe.php');
});
$app->handleRequest(Request::capture());
