<?php

/**
 * @generate-class-entries
 * @generate-function-entries
 */

namespace {
    /**
     * Queue $callback to run after the response has been sent, with $args bound now.
     * Tasks run first in, first out; a task deferred while deferred work runs goes
     * after the tasks already queued. Each task runs under defer.task_timeout, and all of
     * them under defer.time_budget; its outcome is in defer_status() and, if it fails, in
     * the error log (defer.log). Registered only when defer.global_functions=1.
     *
     * @param callable $callback resolved here, so [$this, 'privateMethod'] works
     * @param mixed $args positional or named arguments, bound now (objects by handle)
     * @return int the task id, for defer_cancel()
     * @throws \Error when defer.max_tasks tasks are already queued in this request
     */
    function defer(callable $callback, mixed ...$args): int {}

    /**
     * Queue $callback as defer() does, under a name. If a task of that name is pending
     * (queued, not started), that task is cancelled (its record says "replaced by task #N")
     * and this one is queued at the end: the later one wins, as with Laravel's named
     * defer(). The name shows in defer_status(), the log and stack traces ("{defer:name}").
     *
     * @param string $name 1 to 255 bytes, no null byte
     * @param callable $callback resolved here, as defer()'s
     * @param mixed $args bound now, as defer()'s
     * @return int the task id
     * @throws \ValueError when $name is empty, longer than 255 bytes or has a null byte
     * @throws \Error when defer.max_tasks tasks are already queued in this request
     */
    function defer_named(string $name, callable $callback, mixed ...$args): int {}

    /**
     * Cancel a task that has not started yet.
     *
     * @param int|string $id a task id returned by defer() in this request, or a task name
     *                       (defer_named()): cancels the pending task of that name
     * @return bool true if the task was pending and is now cancelled
     * @throws \ValueError when $id is less than 1, or a name that defer_named() refuses
     */
    function defer_cancel(int|string $id): bool {}

    /**
     * Set where this request's task failures go: $handler(array $task, ?\Throwable $exception)
     * is called right after a task settles as exception, exit (non-zero status), fatal or
     * timeout (a stopped task once it has unwound). $task is the task's defer_status()
     * entry; $exception the Throwable it threw (state exception), else null. The handler
     * runs in the sandbox, within the deferred phase's budget and defer.task_timeout; its
     * own failure is only logged. It applies to tasks that settle after it is set.
     *
     * @param callable|null $handler null removes it
     * @return callable|null the previous handler
     */
    function defer_on_failure(?callable $handler): ?callable {}

    /**
     * Send the response now: close the session (defer.close_session), flush every
     * output buffer, send the headers and finish the request through the SAPI.
     * The script goes on; what it prints afterwards is discarded.
     *
     * @param callable|null $callback queued like defer() if given
     * @param mixed $args bound like defer()'s; only with a callback
     * @throws \ValueError when $args are given without a callback
     * @return bool true when this call finished the client's response, false when it
     *              was already finished or there is no client (CLI)
     */
    function finish_and_defer(?callable $callback = null, mixed ...$args): bool {}

    /**
     * This request's record: how the response was finished and what each task did.
     * Limits in effect come from defer.time_budget and defer.task_timeout.
     *
     * @return array{finished: bool, finish_method: string, client_aborted: bool,
     *     connection_closed: bool, connection_status: int, sigpipe: int, queued: int, ran: int, failed: int,
     *     skipped: int, cancelled: int, elapsed: float, tasks: list<array{id: int, name: ?string,
     *     callable: string, state: string, duration: float, error: ?string}>}
     */
    function defer_status(): array {}

    /**
     * Run every pending task now, in this process, for code that never reaches the end
     * of a request: queue workers, long-running loops, test suites. It is a deferred phase
     * of its own: a fresh defer.time_budget, the same defer.task_timeout, sandbox, log and
     * records; tasks queued by the tasks run too. The response is not finished: a task's
     * output goes where the caller's goes. Afterwards defer_status() lists the tasks of
     * this call (and any queued since); those of earlier calls are dropped, their counts kept
     * (and when defer.max_tasks needs the room).
     *
     * @return int how many tasks ran (ok or failed; skipped ones are not counted)
     * @throws \Error when called from inside a deferred task
     */
    function defer_run_pending(): int {}

    /**
     * The counters of every worker of this server since it started: a php-fpm master's
     * workers (all its pools; kept across reloads), Apache's children, or this CLI process
     * and its forks. Kept in shared memory, updated without locks.
     *
     * @return array{started: float, tasks_run: int, tasks_failed: int, tasks_timed_out: int,
     *     tasks_skipped: int, phases: int, budgets_spent: int, phases_cut_by_signal: int,
     *     tasks_cut_by_signal: int, workers_in_phase: int, phase_seconds: float,
     *     task_seconds: float, task_seconds_buckets: list<array{le: float|string, count: int}>}
     *     empty if the shared memory could not be mapped; the last bucket's le is the string
     *     "+Inf" (as in Prometheus' JSON API), so that the array encodes as JSON
     */
    function defer_pool_status(): array {}
}

namespace Defer {
    /**
     * @see \defer()
     * @alias defer
     */
    function defer(callable $callback, mixed ...$args): int {}

    /**
     * @see \defer_named()
     * @alias defer_named
     */
    function defer_named(string $name, callable $callback, mixed ...$args): int {}

    /**
     * @see \defer_cancel()
     * @alias defer_cancel
     */
    function defer_cancel(int|string $id): bool {}

    /**
     * @see \defer_on_failure()
     * @alias defer_on_failure
     */
    function on_failure(?callable $handler): ?callable {}

    /**
     * @see \finish_and_defer()
     * @alias finish_and_defer
     */
    function finish_and_defer(?callable $callback = null, mixed ...$args): bool {}

    /**
     * @see \defer_status()
     * @alias defer_status
     */
    function defer_status(): array {}

    /**
     * @see \defer_run_pending()
     * @alias defer_run_pending
     */
    function run_pending(): int {}

    /**
     * @see \defer_pool_status()
     * @alias defer_pool_status
     */
    function pool_status(): array {}
}
