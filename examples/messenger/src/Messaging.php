<?php

declare(strict_types=1);

namespace App;

use Doctrine\DBAL\DriverManager;
use Symfony\Component\Messenger\Bridge\Doctrine\Transport\Connection;
use Symfony\Component\Messenger\Bridge\Doctrine\Transport\DoctrineTransport;
use Symfony\Component\Messenger\Command\ConsumeMessagesCommand;
use Symfony\Component\Messenger\Handler\HandlersLocator;
use Symfony\Component\Messenger\MessageBus;
use Symfony\Component\Messenger\Middleware\HandleMessageMiddleware;
use Symfony\Component\Messenger\Middleware\SendMessageMiddleware;
use Symfony\Component\Messenger\RoutableMessageBus;
use Symfony\Component\Messenger\Transport\Sender\SendersLocator;
use Symfony\Component\Messenger\Transport\Serialization\PhpSerializer;
use Symfony\Contracts\EventDispatcher\EventDispatcherInterface;

// The wiring a Symfony app gets from framework-bundle's messenger config, by hand: one
// Doctrine transport on SQLite ("orders"), one bus that sends OrderPlaced to it and, for a
// message received from it, calls OrderPlacedHandler.
final class Messaging
{
    public const TRANSPORT = 'orders';

    public readonly string $varDir;
    private ?DoctrineTransport $transport = null;

    public function __construct()
    {
        // MESSENGER_VAR_DIR: where the queue (SQLite), the receipts and the journal are.
        $this->varDir = getenv('MESSENGER_VAR_DIR') ?: dirname(__DIR__) . '/var';
        is_dir($this->varDir) || mkdir($this->varDir, 0777, true);
    }

    public function receipts(): Receipts
    {
        return new Receipts("$this->varDir/receipts.log");
    }

    public function transport(): DoctrineTransport
    {
        return $this->transport ??= new DoctrineTransport(
            new Connection(
                ['table_name' => 'messenger_messages', 'queue_name' => 'orders', 'auto_setup' => true],
                DriverManager::getConnection(['driver' => 'pdo_sqlite', 'path' => "$this->varDir/queue.sqlite"]),
            ),
            new PhpSerializer(),
        );
    }

    public function bus(): MessageBus
    {
        $handler = new OrderPlacedHandler($this->receipts(), "$this->varDir/journal.log");

        return new MessageBus([
            new SendMessageMiddleware(new SendersLocator(
                [OrderPlaced::class => [self::TRANSPORT]],
                new Services([self::TRANSPORT => fn () => $this->transport()]),
            )),
            new HandleMessageMiddleware(new HandlersLocator([OrderPlaced::class => [$handler]])),
        ]);
    }

    // The real messenger:consume, with its --limit, --time-limit, --memory-limit... options.
    public function consumeCommand(EventDispatcherInterface $events): ConsumeMessagesCommand
    {
        return new ConsumeMessagesCommand(
            new RoutableMessageBus(new Services([]), $this->bus()),
            new Services([self::TRANSPORT => fn () => $this->transport()]),
            $events,
            receiverNames: [self::TRANSPORT],
        );
    }
}
