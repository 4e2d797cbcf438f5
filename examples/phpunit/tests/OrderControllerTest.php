<?php

declare(strict_types=1);

namespace App\Tests;

use App\Mailer;
use App\OrderController;
use PHPUnit\Framework\TestCase;

// PHPUnit runs each test inside an output buffer of its own and reports a test "risky" when
// that buffer is closed by the code under test. On the CLI finish_and_defer() has no client
// to finish: it must only queue the task.
final class OrderControllerTest extends TestCase
{
    public function testAnswersAndQueuesTheMail(): void
    {
        $mailer = new Mailer();
        $level = ob_get_level();

        $this->expectOutputString('{"order":7,"status":"accepted"}');
        (new OrderController($mailer))->store(7);

        self::assertSame($level, ob_get_level(), 'the output buffers are as they were');
        self::assertSame([], $mailer->sent, 'the mail waits for the end of the request');
        $status = \Defer\defer_status();
        self::assertFalse($status['finished']);
        self::assertSame('pending', end($status['tasks'])['state']);
    }

    public function testAnotherTestStillHasItsBuffer(): void
    {
        $this->expectOutputString('second');
        echo 'second';
        self::assertGreaterThan(0, ob_get_level());
    }
}
