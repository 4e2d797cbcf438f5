<?php
// exit() in a shutdown function skips the rest of the list: the tasks still run.
require __DIR__ . '/record.inc';
register_shutdown_function(function () { exit(0); });
defer(fn () => record_status('shutdown-exit'));
echo "exit in shutdown\n";
