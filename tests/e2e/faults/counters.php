<?php
// This worker's lifetime counters, as phpinfo() shows them.
ob_start();
phpinfo(INFO_MODULES);
$info = strip_tags(ob_get_clean());  // php-fpm's phpinfo() is HTML: "Run 12 " per row
$counters = [];
foreach (['Run', 'Failed', 'Timed out', 'Skipped'] as $row) {
    $counters[$row] = preg_match("/^$row (\d+) *$/m", $info, $m) ? (int) $m[1] : null;
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'counters' => $counters]);
