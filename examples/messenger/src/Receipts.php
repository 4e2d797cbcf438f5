<?php

declare(strict_types=1);

namespace App;

// Stands in for a mailer: each receipt "sent" is a line appended to a file, so another
// process (the test) can see which were sent and when.
final class Receipts
{
    public function __construct(private readonly string $file)
    {
    }

    public function send(string $receipt): void
    {
        file_put_contents($this->file, "$receipt\n", FILE_APPEND | LOCK_EX);
    }

    public function count(): int
    {
        return is_file($this->file) ? count(file($this->file)) : 0;
    }
}
