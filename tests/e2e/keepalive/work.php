<?php
// A little main work, then deferred work that records which request it belongs to.
// ?ms= sets the deferred work's length (default 200 ms).
require __DIR__ . '/connection.inc';
$id = $_SERVER['REQUEST_ID'] ?? $_SERVER['UNIQUE_ID'] ?? 'none'; // nginx, or Apache's mod_unique_id
$connection = connection_id();
$method = $_SERVER['REQUEST_METHOD'];
$body = file_get_contents('php://input');
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
