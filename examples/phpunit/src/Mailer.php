<?php

declare(strict_types=1);

namespace App;

class Mailer
{
    /** @var list<string> */
    public array $sent = [];

    public function send(string $message): void
    {
        $this->sent[] = $message;
    }
}
