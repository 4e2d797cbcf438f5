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
     * Cancel a task that has not started yet.
     *
     * @param int $id a task id returned by defer() in this request
     * @return bool true if the task was pending and is now cancelled
     * @throws \ValueError when $id is less than 1
     */
    function defer_cancel(int $id): bool {}

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
     *     skipped: int, cancelled: int, elapsed: float, tasks: list<array{id: int,
     *     callable: string, state: string, duration: float, error: ?string}>}
     */
    function defer_status(): array {}
}

namespace Defer {
    /**
     * @see \defer()
     * @alias defer
     */
    function defer(callable $callback, mixed ...$args): int {}

    /**
     * @see \defer_cancel()
     * @alias defer_cancel
     */
    function defer_cancel(int $id): bool {}

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
}
