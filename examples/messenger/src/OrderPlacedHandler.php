<?php

declare(strict_types=1);

namespace App;

// Does the order's main work, and defers the receipt: in a web request it would be sent
// after the response; in the worker, when RunDeferredWork calls Defer\run_pending().
final class OrderPlacedHandler
{
    public function __construct(
        private readonly Receipts $receipts,
        private readonly string $journal,
    ) {
    }

    public function __invoke(OrderPlaced $order): void
    {
        // The main work: a journal line saying how many receipts had been sent when this
        // message was handled, so the test can tell whether the earlier messages' deferred
        // work ran before this one.
        $line = sprintf("message %d saw %d memory %d\n", $order->number, $this->receipts->count(), memory_get_usage());
        file_put_contents($this->journal, $line, FILE_APPEND | LOCK_EX);

        \Defer\defer([$this, 'sendReceipt'], $order->number);

        if ($order->failing) {
            throw new \RuntimeException("order $order->number: payment refused");
        }
    }

    public function sendReceipt(int $number): void
    {
        $this->receipts->send("message $number");
    }
}
