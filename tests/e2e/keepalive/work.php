<?php
// A little main work, then deferred work that records which request it belongs to.
// ?ms= sets the deferred work's length (default 200 ms); ?finish=app finishes the response
// by hand afterwards, as a framework does.
require __DIR__ . '/connection.inc';
[$id, $method, $body] = request_seen();
$connection = connection_id();
usleep(5000);
defer(function () use ($id, $connection, $method, $body) {
    usleep((int) ($_GET['ms'] ?? 200) * 1000);
    record_line('recorded.log', $id);
    record_line('tasks.log', json_encode([
        'id' => $id, 'method' => $method, 'body' => $body, 'connection' => $connection,
        'connection_closed' => defer_status()['connection_closed'],
    ]));
});
echo "$method $id\n";
if (($_GET['finish'] ?? '') === 'app') {
    fastcgi_finish_request(); // as Symfony's and Laravel's Response::send() do, work queued
}
