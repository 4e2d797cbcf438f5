<?php
// A small buffered body; the deferred task takes 500 ms and then records defer_status().
// Fetched through the plain port (connection_close finishes it) and the mod_deflate one.
require __DIR__ . '/common.php';
$mark = mark_path('slow_task');
defer(function () use ($mark) {
    usleep(500000);
    write_mark($mark, defer_status());
});
header('Content-Type: text/plain; charset=utf-8');
for ($i = 0; $i < 100; $i++) {
    echo "line $i of the response body\n";  // 2,890 bytes: under output_buffering=4096
}
