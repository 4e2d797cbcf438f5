<?php
// flush() sends the headers and the body before the end: the connection_close fallback
// cannot work any more, so the client waits for the deferred work (expected).
require __DIR__ . '/common.php';
$mark = mark_path('flushed');
echo "flushed body\n";
flush();
defer(function () use ($mark) {
    usleep(500000);
    write_mark($mark, defer_status());
});
