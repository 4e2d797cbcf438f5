<?php

declare(strict_types=1);

namespace Defer\Laravel;

use Illuminate\Support\Defer\DeferredCallbackCollection;
use Illuminate\Support\ServiceProvider;

/**
 * Makes Laravel's defer() callbacks tasks of the defer extension, when it is loaded.
 *
 * Found by package discovery. Without the extension (or with one too old to name tasks) it
 * registers nothing, so the app runs as plain Laravel.
 */
final class DeferServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        if (!self::extensionLoaded()) {
            return;
        }
        // Scoped as Laravel's own binding is (FoundationServiceProvider::registerDeferHandler()):
        // a fresh collection per request, job or Octane-style operation. Registered after the
        // framework's providers, so this binding is the one resolved.
        $this->app->scoped(DeferredCallbackCollection::class, static fn (): TaskCollection => new TaskCollection());
    }

    public function boot(): void
    {
        if (!self::extensionLoaded()) {
            return;
        }
        // Per request in the extension: set again for each request the app boots for.
        \Defer\on_failure(new FailureReporter());
    }

    public static function extensionLoaded(): bool
    {
        return \extension_loaded('defer')
            && \function_exists('Defer\defer_named')
            && \function_exists('Defer\on_failure');
    }
}
