<?php
// Status and headers chosen by the script must arrive intact through connection_close.
require __DIR__ . '/common.php';
$mark = mark_path('headers');
http_response_code(201);
header('X-Defer-Test: kept');
header('Content-Type: text/plain; charset=utf-8');
echo "created\n";
defer(function () use ($mark) {
    usleep(200000);
    write_mark($mark, defer_status());
});
