<?php
// The seeds' pattern, no extension task: finish the response by hand, then do the slow work
// in the same request (a framework's terminate step does the same). Only
// defer.close_kept_connection=always keeps such work from holding the kept-alive connection.
require __DIR__ . '/connection.inc';
[$id, $method, $body] = request_seen();
usleep(5000);
echo "$method $id\n";
fastcgi_finish_request();
usleep((int) ($_GET['ms'] ?? 200) * 1000);
record_line('tasks.log', json_encode(['id' => $id, 'method' => $method, 'body' => $body]));
