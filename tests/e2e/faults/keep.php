<?php
// Through fastcgi_keep_conn on: the socket to nginx stays open after the finish.
require __DIR__ . '/record.inc';
$run = $_GET['run'];
defer(function () use ($run) {
    echo str_repeat('stray output after END_REQUEST ', 100);
    usleep(300000);
    record_status("keep-$run");
});
echo "keepalive body $run\n";
