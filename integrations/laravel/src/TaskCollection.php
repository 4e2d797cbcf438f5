<?php

declare(strict_types=1);

namespace Defer\Laravel;

use Closure;
use Illuminate\Support\Defer\DeferredCallback;
use Illuminate\Support\Defer\DeferredCallbackCollection;

/**
 * Laravel's collection of deferred callbacks, each one also a task of the defer extension.
 *
 * A callback is queued as a task when it is deferred (Defer\defer_named() under its Laravel
 * name), so that the finish in Response::send() knows that work follows. Laravel still
 * decides which callbacks run, as it does without the package: invokeWhen() (after the
 * response, an Artisan command or a queue job) approves those that pass its test, the last
 * of each name, and cancels the tasks of the others, as forget() does. A callback deferred by
 * a running callback is let run by the same test (as Laravel 13 does; 11 and 12 leave it in
 * the collection, never run). The extension then runs the approved ones, each in its sandbox,
 * under defer.task_timeout and defer.time_budget, recorded in Defer\defer_status(); a failure
 * goes to Laravel's exception handler (FailureReporter). In the console (Artisan, queue:work, PHPUnit) invokeWhen() runs them at
 * once with Defer\run_pending(), where Laravel runs them; under php-fpm they run after the
 * response and the kernel's terminate step.
 */
class TaskCollection extends DeferredCallbackCollection
{
    /** @var array<int, int> the extension's task id of each callback held, by spl_object_id() */
    private array $tasks = [];

    /** @var array<int, true> callbacks that invokeWhen() let run, by spl_object_id() */
    private array $approved = [];

    /** The last invokeWhen() test: callbacks deferred by a running callback pass it too. */
    private ?Closure $when = null;

    private readonly Closure $runner;

    /** defer.run_immediately=1 (test suites): the task runs inside defer_named(): let it run. */
    private readonly bool $immediately;

    public function __construct()
    {
        $this->runner = $this->run(...);
        $this->immediately = (bool) \ini_get('defer.run_immediately');
    }

    public function offsetSet(mixed $offset, mixed $value): void
    {
        if ($offset === null && $value instanceof DeferredCallback) {
            // What defer() does: kept short, this is the package's cost per callback.
            $this->callbacks[] = $value;
            $key = \spl_object_id($value);
            if ($this->immediately) {
                $this->approved[$key] = true;
            }
            $this->tasks[$key] = \Defer\defer_named($value->name, $this->runner, $value);

            return;
        }
        if ($offset !== null && isset($this->callbacks[$offset])) {
            $this->cancel($this->callbacks[$offset]);
        }
        parent::offsetSet($offset, $value);
        if ($value instanceof DeferredCallback) {
            $key = \spl_object_id($value);
            if ($this->immediately) {
                $this->approved[$key] = true;
            }
            $this->tasks[$key] = \Defer\defer_named($value->name, $this->runner, $value);
        }
    }

    public function offsetUnset(mixed $offset): void
    {
        $this->forgetDuplicates();
        if (isset($this->callbacks[$offset])) {
            $this->cancel($this->callbacks[$offset]);
        }
        unset($this->callbacks[$offset]);
    }

    public function forget(string $name): void
    {
        foreach ($this->callbacks as $index => $callback) {
            if ($callback->name === $name) {
                $this->cancel($callback);
                unset($this->callbacks[$index]);
            }
        }
        $this->callbacks = \array_values($this->callbacks);
    }

    public function invokeWhen(?Closure $when = null): void
    {
        $when ??= static fn (): bool => true;
        $this->when = $when;
        $this->forgetDuplicates();
        $callbacks = $this->callbacks;
        $this->callbacks = [];
        foreach ($callbacks as $callback) {
            if ($callback instanceof DeferredCallback && $when($callback)) {
                $this->approve($callback);
            } elseif ($callback instanceof DeferredCallback) {
                $this->cancel($callback);
            } elseif ($when($callback)) {
                \rescue($callback);  // not deferred through defer(): run where Laravel would
            }
        }
        if (\PHP_SAPI === 'cli') {
            $this->runPending();
        }
    }

    /**
     * The last callback of each name, in order (Laravel's rule); the tasks of the others are
     * cancelled (defer_named() did so already unless a callback was renamed since).
     */
    protected function forgetDuplicates(): static
    {
        $seen = [];
        $kept = [];
        foreach (\array_reverse($this->callbacks) as $callback) {
            $name = $callback instanceof DeferredCallback ? $callback->name : null;
            if ($name !== null && isset($seen[$name])) {
                $this->cancel($callback);
                continue;
            }
            $seen[$name] = true;
            $kept[] = $callback;
        }
        $this->callbacks = \array_reverse($kept);

        return $this;
    }

    private function approve(DeferredCallback $callback): void
    {
        $key = \spl_object_id($callback);
        // A name given with ->name() after defer() counts for Laravel's rules (the last of a
        // name wins, forget()); the task keeps its place and the name it was queued under.
        if (isset($this->tasks[$key])) {
            $this->approved[$key] = true;
        }
    }

    private function cancel(mixed $callback): void
    {
        if (!$callback instanceof DeferredCallback) {
            return;
        }
        $key = \spl_object_id($callback);
        if (isset($this->tasks[$key])) {
            \Defer\defer_cancel($this->tasks[$key]);
        }
        unset($this->tasks[$key], $this->approved[$key]);
    }

    /** The task: runs the callback if Laravel let it run. */
    private function run(DeferredCallback $callback): void
    {
        $key = \spl_object_id($callback);
        $approved = isset($this->approved[$key]);
        unset($this->tasks[$key], $this->approved[$key]);
        if (!$approved) {
            return;  // deferred after Laravel's last invokeWhen (it would never run it either)
        }
        try {
            $callback();
        } finally {
            // Callbacks this one deferred: Laravel's test again, now that ->always() was set
            // (as Laravel 13's invokeWhen() does); they run after it, in this phase.
            if ($this->callbacks !== [] && $this->when !== null) {
                $this->invokeWhen($this->when);
            }
        }
    }

    /**
     * Runs the approved callbacks now, where Laravel runs them on the console. Inside a task (a
     * callback that defers, an extension task that calls Artisan::call()), or while a task has
     * suspended the Fiber running them, the extension refuses: they run after it, in the same
     * phase. (Asking Defer\defer_status() first cost 0.5 µs per callback.)
     */
    private function runPending(): void
    {
        try {
            \Defer\run_pending();
        } catch (\Error $e) {
            if (!\str_contains($e->getMessage(), 'Cannot run the pending tasks')) {
                throw $e;
            }
        }
    }
}
