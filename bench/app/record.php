<?php
// Soak test: every request defers a task that records the request's id.
$id = $_SERVER['REQUEST_ID'] ?? 'none';
$file = getenv('E2E_DIR') . '/recorded.log';
defer(function () use ($id, $file) {
    file_put_contents($file, $id . "\n", FILE_APPEND | LOCK_EX);
});
echo "ok\n";
