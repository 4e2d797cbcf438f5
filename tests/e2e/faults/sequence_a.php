<?php
// Request A on the only worker: a timeout and a fatal error among its tasks.
require __DIR__ . '/record.inc';
defer(function () { sleep(1000); });
defer(function () { trigger_error('fatal in A', E_USER_ERROR); });
defer(fn () => record_status('sequence-a'));
echo "A\n";
