<?php
// The same with the extension.
require __DIR__ . '/work.inc';
main_work();
defer('deferred_work');
echo "done\n";
