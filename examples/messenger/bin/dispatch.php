#!/usr/bin/env php
<?php

declare(strict_types=1);

// Queues orders 1..<count> on the "orders" transport; order <failing>'s handler will throw.
// Usage: php bin/dispatch.php <count> [<failing>]
require dirname(__DIR__) . '/vendor/autoload.php';

use App\Messaging;
use App\OrderPlaced;

$count = (int) ($argv[1] ?? 20);
$failing = (int) ($argv[2] ?? 0);

$bus = (new Messaging())->bus();
for ($number = 1; $number <= $count; $number++) {
    $bus->dispatch(new OrderPlaced($number, $number === $failing));
}
echo "dispatched $count orders\n";
