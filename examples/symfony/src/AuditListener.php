<?php

namespace App;

use Symfony\Component\HttpKernel\Event\TerminateEvent;

// A kernel.terminate listener, as Symfony applications use for after-response work
// (Symfony's own mailer and Messenger flush their queues there).
final class AuditListener
{
    public function __construct(private string $outbox)
    {
    }

    public function onTerminate(TerminateEvent $event): void
    {
        $id = $event->getRequest()->attributes->get('id');
        if ($id === null) {
            return;
        }
        $started = microtime(true);
        usleep(300000);  // a slow audit log
        file_put_contents("$this->outbox/symfony-audit-$id.json", json_encode([
            'started' => $started,
            'done' => microtime(true),
            'status' => $event->getResponse()->getStatusCode(),
        ]));
    }
}
