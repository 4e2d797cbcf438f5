<?php

declare(strict_types=1);

namespace Defer\Laravel;

/**
 * The extension's failure handler (Defer\on_failure()): sends a failed or stopped task to
 * Laravel's exception handler, so that its log and reporters (Sentry, Bugsnag, ...) see it.
 */
final class FailureReporter
{
    /**
     * @param array{id: int, name: ?string, callable: string, state: string, duration: float, error: ?string} $task
     */
    public function __invoke(array $task, ?\Throwable $exception): void
    {
        // An exception is reported as itself (its class, message and trace, as rescue() would);
        // an exit, fatal error or stop has no exception: it is reported as a TaskFailed.
        \report($exception ?? TaskFailed::fromTask($task));
    }
}
