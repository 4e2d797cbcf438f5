<?php
// The deferred work done before answering.
require __DIR__ . '/work.inc';
main_work();
deferred_work();
echo "done\n";
