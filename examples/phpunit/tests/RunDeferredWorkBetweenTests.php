<?php

declare(strict_types=1);

namespace App\Tests;

use PHPUnit\Event\Test\Finished;
use PHPUnit\Event\Test\FinishedSubscriber;
use PHPUnit\Runner\Extension\Extension;
use PHPUnit\Runner\Extension\Facade;
use PHPUnit\Runner\Extension\ParameterCollection;
use PHPUnit\TextUI\Configuration\Configuration;

// A PHPUnit extension (registered in phpunit.xml): PHPUnit's process never ends a request
// between tests, so what a test leaves deferred would run during a later test's
// Defer\run_pending(), or at the end of the whole run. This runs it as each test finishes.
final class RunDeferredWorkBetweenTests implements Extension, FinishedSubscriber
{
    public function bootstrap(Configuration $configuration, Facade $facade, ParameterCollection $parameters): void
    {
        $facade->registerSubscriber($this);
    }

    public function notify(Finished $event): void
    {
        // The test's output buffer is closed by now; what a task prints is discarded, as it
        // is after a response, instead of landing in PHPUnit's report.
        ob_start();
        try {
            \Defer\run_pending();
        } finally {
            ob_end_clean();
        }
    }
}
