<?php
// Request B on the same worker: nothing of A may show.
$before = defer_status();
$id = defer(fn () => null);
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'before' => $before, 'first_id' => $id, 'after' => defer_status()]);
