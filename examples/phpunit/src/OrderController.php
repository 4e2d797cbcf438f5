<?php

declare(strict_types=1);

namespace App;

// Answers at once, then sends the confirmation mail after the response.
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
}
