<?php
// Nothing deferred: php-fpm keeps the connection for nginx's next request.
require __DIR__ . '/connection.inc';
echo connection_id(), "\n";
