#!/usr/bin/env php
<?php

declare(strict_types=1);

// The worker: Messenger's messenger:consume command on the "orders" transport, as the only
// command of a console application. Usage: php bin/consume.php --limit=20
// DEFER_RUN_PENDING=0 leaves RunDeferredWork out: the receipts then wait for the process's end.
require dirname(__DIR__) . '/vendor/autoload.php';

use App\Messaging;
use App\RunDeferredWork;
use Symfony\Component\Console\Application;
use Symfony\Component\EventDispatcher\EventDispatcher;
use Symfony\Component\Messenger\Event\WorkerStoppedEvent;

$messaging = new Messaging();
$events = new EventDispatcher();
if (getenv('DEFER_RUN_PENDING') !== '0') {
    $events->addSubscriber(new RunDeferredWork());
}

// For tests/frameworks/messenger.sh: what had been done when the worker stopped, before the
// process's end runs whatever is still queued.
$events->addListener(WorkerStoppedEvent::class, function () use ($messaging): void {
    $report = ['receipts' => $messaging->receipts()->count(), 'status' => \Defer\defer_status()];
    file_put_contents("$messaging->varDir/stopped.json", json_encode($report, JSON_PRETTY_PRINT));
});

$command = $messaging->consumeCommand($events);
$application = new Application('orders worker');
$application->addCommand($command);
$application->setDefaultCommand($command->getName(), true);
$application->run();
