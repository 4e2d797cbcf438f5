<?php

// Artisan commands and a queue job for tests/frameworks/laravel_package.sh.

use App\Jobs\DeferringJob;
use App\Probe;
use Illuminate\Support\Facades\Artisan;

// defer:command {tag} {--fail}: defers two callbacks; Laravel runs the first only on exit code 0.
Artisan::command('defer:command {tag} {--fail}', function (string $tag) {
    defer(fn () => Probe::line("command-$tag", 'on success'), "success-$tag");
    defer(fn () => Probe::line("command-$tag", 'always'), "always-$tag")->always();
    Probe::line("command-$tag", 'command body');

    return $this->option('fail') ? 1 : 0;
});

// defer:dispatch {tag} {--fail}: queues a DeferringJob on the database queue.
Artisan::command('defer:dispatch {tag} {--fail}', function (string $tag) {
    DeferringJob::dispatch($tag, (bool) $this->option('fail'));
});
