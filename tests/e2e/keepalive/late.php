<?php
// The application finishes its response first (by hand, as the seeds do), and only then
// defers work: the extension may not touch the connection any more, which php-fpm keeps
// for the web server's next request.
require __DIR__ . '/connection.inc';
[$id, $method, $body] = request_seen();
usleep(5000);
echo "$method $id\n";
fastcgi_finish_request();
defer(function () use ($id, $method, $body) {
    echo "output after the finish goes nowhere\n";
    usleep(20000);
    record_line('tasks.log', json_encode([
        'id' => $id, 'method' => $method, 'body' => $body,
        'connection_closed' => defer_status()['connection_closed'],
    ]));
});
echo "nor does this\n";
