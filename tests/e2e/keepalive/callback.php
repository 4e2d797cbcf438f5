<?php
// A deferred task that calls its own site back through nginx and the same upstream.
require __DIR__ . '/connection.inc';
$url = 'http://127.0.0.1:' . $_SERVER['SERVER_PORT'] . ($_GET['path'] ?? '/kept/plain.php');
defer(function () use ($url) {
    $started = microtime(true);
    $body = @file_get_contents($url, false, stream_context_create(['http' => ['timeout' => 5]]));
    record_line('callback.log', json_encode([
        'ok' => $body !== false, 'seconds' => round(microtime(true) - $started, 3),
        'same_worker' => $body !== false && explode(' ', $body)[0] === (string) getmypid(),
    ]));
});
echo "called back later\n";
