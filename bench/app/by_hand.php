<?php
// What the seeds do by hand: queue callables, finish the request, run them.
require __DIR__ . '/work.inc';
$queue = [];
main_work();
$queue[] = ['deferred_work', []];
echo "done\n";
ignore_user_abort(true);
session_write_close();
fastcgi_finish_request();
foreach ($queue as [$callback, $args]) {
    try {
        $callback(...$args);
    } catch (\Throwable $e) {
        error_log((string) $e);
    }
}
