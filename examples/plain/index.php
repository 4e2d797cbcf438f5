<?php
// A plain PHP controller: pays an order, answers with JSON at once, and sends the
// receipt after the client has the response. Try: GET /index.php?order=42
//
// The receipt is a file here (in $DEFER_EXAMPLE_DIR, else the temp directory), standing
// for a slow mail server: it takes half a second.

use function Defer\defer;
use function Defer\defer_status;

function send_receipt(array $order): void
{
    usleep(500000);
    $dir = getenv('DEFER_EXAMPLE_DIR') ?: sys_get_temp_dir();
    file_put_contents("$dir/receipt-{$order['id']}.json", json_encode([
        'order' => $order,
        'sent_at' => microtime(true),
        'defer_status' => defer_status(),  // finished: true, the task's state, ...
    ]));
}

$order = ['id' => (int) ($_GET['order'] ?? 1), 'total' => 42.50, 'paid' => true];

// Queued now with its argument bound; runs after the response is sent.
defer('send_receipt', $order);

header('Content-Type: application/json');
echo json_encode(['order' => $order['id'], 'paid' => $order['paid']]);
