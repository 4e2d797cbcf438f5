<?php
// A controller that answers the customer first and sends the receipt afterwards.
$order = ['id' => random_int(1000, 9999), 'total' => '42.00'];
$recordFile = getenv('E2E_DIR') . '/demo-record.json';

defer(function (array $order) {
    usleep(1500000);  // the slow mail server
}, $order);

// Runs after the receipt task: keeps this request's record for the demo to print.
defer(function () use ($recordFile) {
    file_put_contents($recordFile, json_encode(['done_at' => microtime(true), 'defer_status' => defer_status()]));
});

header('Content-Type: application/json');
echo json_encode(['order' => $order['id'], 'status' => 'paid']), "\n";
