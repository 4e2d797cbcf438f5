<?php
// Status, headers and a gzip-encoded body chosen by the script must arrive intact.
ob_start('ob_gzhandler');
http_response_code(201);
header('X-Defer-Test: kept');
header('Content-Type: text/plain; charset=utf-8');
for ($i = 0; $i < 2000; $i++) {
    echo "line $i of the compressed body\n";
}
defer(function () {
    usleep(300000);
});
