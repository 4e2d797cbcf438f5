<?php
// The client gives up (curl --max-time) while the main script still works.
require __DIR__ . '/record.inc';
defer(fn () => record_status('abort'));
usleep(1000000);
echo str_repeat("late body\n", 10);
