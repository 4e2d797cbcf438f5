<?php

declare(strict_types=1);

namespace App;

// Answers, and sends the mail after the response: store() finishes the response at once,
// cancel() leaves that to the end of the request.
final class OrderController
{
    public function __construct(private readonly Mailer $mailer)
    {
    }

    public function store(int $order): void
    {
        header('Content-Type: application/json');
        echo json_encode(['order' => $order, 'status' => 'accepted']);
        \Defer\finish_and_defer(fn () => $this->mailer->send("order $order confirmed"));
    }

    public function cancel(int $order): void
    {
        header('Content-Type: application/json');
        echo json_encode(['order' => $order, 'status' => 'cancelled']);
        \Defer\defer(fn () => $this->mailer->send("order $order cancelled"));
    }
}
