<?php

declare(strict_types=1);

namespace App;

// The message: an order was placed. $failing makes its handler throw, to show that the
// deferred work of a failed message runs too.
final class OrderPlaced
{
    public function __construct(
        public readonly int $number,
        public readonly bool $failing = false,
    ) {
    }
}
