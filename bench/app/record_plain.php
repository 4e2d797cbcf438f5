<?php
// The soak test's work without the extension's involvement: for memory comparisons.
$id = $_SERVER['REQUEST_ID'] ?? 'none';
file_put_contents(getenv('E2E_DIR') . '/recorded.log', $id . "\n", FILE_APPEND | LOCK_EX);
echo "ok\n";
