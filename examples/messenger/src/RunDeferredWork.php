<?php

declare(strict_types=1);

namespace App;

use Symfony\Component\EventDispatcher\EventSubscriberInterface;
use Symfony\Component\Messenger\Event\WorkerRunningEvent;

// A worker never reaches the end of a request, so what its handlers defer would wait until
// the process exits. This runs it after each message instead.
final class RunDeferredWork implements EventSubscriberInterface
{
    public static function getSubscribedEvents(): array
    {
        // WorkerRunningEvent comes after each message has been acknowledged (handled or
        // failed), and while the worker waits. WorkerMessageHandledEvent and
        // WorkerMessageFailedEvent come before the acknowledgement: work run there would hold
        // the message, and a worker killed in it would get the message again.
        // Priority 0 runs it before ResetServicesListener (-1024), so tasks still see the
        // services as the handler left them.
        return [WorkerRunningEvent::class => ['runDeferredWork', 0]];
    }

    public function runDeferredWork(): void
    {
        \Defer\run_pending();
    }
}
