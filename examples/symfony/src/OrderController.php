<?php

namespace App;

use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;

final class OrderController
{
    public function __construct(private string $outbox)
    {
    }

    public function pay(Request $request, int $id): JsonResponse
    {
        // ... charge the order ...

        // Work the client need not wait for: runs after the response, after kernel.terminate.
        \Defer\defer([$this, 'sendReceipt'], $id);

        $lines = max(1, min(100000, $request->query->getInt('lines', 3)));

        return new JsonResponse([
            'order' => $id,
            'paid' => true,
            'lines' => array_map(fn (int $n) => "line $n of order $id", range(1, $lines)),
        ]);
    }

    public function sendReceipt(int $id): void
    {
        $started = microtime(true);
        usleep(300000);  // a slow mail server
        file_put_contents("$this->outbox/symfony-receipt-$id.json", json_encode([
            'started' => $started,
            'done' => microtime(true),
            'defer_status' => \Defer\defer_status(),
        ]));
    }
}
