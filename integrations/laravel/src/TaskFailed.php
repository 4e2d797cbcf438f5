<?php

declare(strict_types=1);

namespace Defer\Laravel;

/**
 * A deferred task that ended without an exception to report: it called exit(), hit a fatal
 * error or was stopped by defer.task_timeout or defer.time_budget.
 */
final class TaskFailed extends \RuntimeException
{
    /**
     * @param array<string, mixed> $task the task's Defer\defer_status() entry
     */
    public function __construct(string $message, public readonly array $task)
    {
        parent::__construct($message);
    }

    /**
     * @param array<string, mixed> $task
     */
    public static function fromTask(array $task): self
    {
        $name = isset($task['name']) ? " '" . $task['name'] . "'" : '';
        $message = \sprintf(
            'deferred task #%d%s (%s) %s after %.3f s%s',
            (int) ($task['id'] ?? 0),
            $name,
            (string) ($task['callable'] ?? '?'),
            (string) ($task['state'] ?? 'failed'),
            (float) ($task['duration'] ?? 0.0),
            isset($task['error']) ? ': ' . $task['error'] : '',
        );

        return new self($message, $task);
    }

    /**
     * Laravel's log adds this to the report line.
     *
     * @return array<string, mixed>
     */
    public function context(): array
    {
        return ['defer_task' => $this->task];
    }
}
