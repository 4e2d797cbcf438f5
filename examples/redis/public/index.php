<?php

declare(strict_types=1);

use function Defer\defer;

// Takes a job, answers at once, and pushes the job to Redis after the response: the push is
// all that is deferred. The work itself runs in worker.php, on any machine, not in this
// php-fpm worker. Try: curl -i 'http://127.0.0.1/index.php?id=order-42&order=42'

require __DIR__ . '/../queue.php';

// The job id is the idempotency key: a client that retries with the same id gets its job
// done once. Without one, nginx's $request_id (fastcgi_param REQUEST_ID $request_id).
$id = (string) ($_GET['id'] ?? $_SERVER['REQUEST_ID'] ?? bin2hex(random_bytes(16)));
header('Content-Type: application/json');
if (preg_match('/^[A-Za-z0-9_.:-]{1,64}$/', $id) !== 1) {
    http_response_code(400);
    echo json_encode(['error' => 'id: 1 to 64 of A-Z a-z 0-9 _ . : -']);
    return;
}

$job = json_encode([
    'id' => $id,
    'type' => 'receipt',
    'order' => (int) ($_GET['order'] ?? 0),
    'queued_at' => microtime(true),
], JSON_THROW_ON_ERROR);

// Redis being slow or down never reaches the client: a failed push is written to the PHP
// error log (the task and its exception) and recorded in defer_status().
defer(static function (string $job): void {
    queue_redis()->lPush(queue_key(), $job);
}, $job);

header("X-Job-Id: $id");
echo json_encode(['queued' => $id]);
