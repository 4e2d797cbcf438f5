<?php

declare(strict_types=1);

namespace App\Tests;

use App\Mailer;
use App\OrderController;
use PHPUnit\Framework\TestCase;

// Asserting on deferred work: Defer\run_pending() runs it inside the test, or
// defer.run_immediately=1 runs each task inside defer() itself.
final class DeferredWorkTest extends TestCase
{
    private string|false $runImmediately;

    protected function setUp(): void
    {
        $this->runImmediately = ini_get('defer.run_immediately');
    }

    protected function tearDown(): void
    {
        ini_set('defer.run_immediately', (string) $this->runImmediately);
    }

    public function testTheMailIsSentWhenTheDeferredWorkRuns(): void
    {
        $mailer = new Mailer();
        $this->expectOutputString('{"order":7,"status":"accepted"}');
        (new OrderController($mailer))->store(7);
        self::assertSame([], $mailer->sent, 'queued, not sent yet');

        self::assertSame(1, \Defer\run_pending(), 'one task ran');

        self::assertSame(['order 7 confirmed'], $mailer->sent);
        $tasks = \Defer\defer_status()['tasks'];
        self::assertCount(1, $tasks, 'defer_status() lists the tasks of this run_pending() call');
        self::assertSame('ok', $tasks[0]['state']);
        self::assertNull($tasks[0]['error']);
    }

    // defer.run_immediately applies to defer(), not to finish_and_defer()'s callback.
    public function testWithRunImmediatelyTheMailIsSentBeforeCancelReturns(): void
    {
        ini_set('defer.run_immediately', '1');
        $mailer = new Mailer();
        $this->expectOutputString('{"order":8,"status":"cancelled"}');

        (new OrderController($mailer))->cancel(8);

        self::assertSame(['order 8 cancelled'], $mailer->sent);
        $tasks = \Defer\defer_status()['tasks'];
        self::assertSame('ok', end($tasks)['state']);
    }

    public function testLeavesItsMailQueued(): void
    {
        $this->expectOutputString('{"order":9,"status":"accepted"}');
        (new OrderController(new Mailer()))->store(9);
        $tasks = \Defer\defer_status()['tasks'];
        self::assertSame('pending', end($tasks)['state']);
    }

    // Runs after the test above: RunDeferredWorkBetweenTests has run its mail by now.
    public function testStartsWithNothingQueued(): void
    {
        $pending = array_filter(\Defer\defer_status()['tasks'], fn (array $task) => $task['state'] === 'pending');
        self::assertSame([], $pending, 'no task left over from an earlier test');
        self::assertSame(0, \Defer\run_pending());
    }
}
