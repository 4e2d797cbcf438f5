<?php
// 2 s of deferred work under request_terminate_timeout = 1 s.
require __DIR__ . '/record.inc';
ini_set('defer.task_timeout', '0');  // only php-fpm's limit applies here
$name = 'terminate-' . $_GET['pool'];
defer(function () use ($name) {
    sleep(2);
    record_status($name);
});
echo "answered before the work\n";
