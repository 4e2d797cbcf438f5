<?php
// No deferred work at all: the reference for time to first byte.
require __DIR__ . '/work.inc';
main_work();
echo "done\n";
