<?php

declare(strict_types=1);

namespace App\Jobs;

use App\Probe;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Queue\Queueable;

/** Defers two callbacks; Laravel runs the first only when the job succeeded. */
final class DeferringJob implements ShouldQueue
{
    use Queueable;

    public int $tries = 1;

    public function __construct(public string $tag, public bool $fail)
    {
    }

    public function handle(): void
    {
        $tag = $this->tag;
        defer(fn () => Probe::line('jobs', "$tag on success"), "job-success-$tag");
        defer(fn () => Probe::line('jobs', "$tag always"), "job-always-$tag")->always();
        Probe::line('jobs', "$tag body");
        if ($this->fail) {
            throw new \RuntimeException("job {$this->tag} failed on purpose");
        }
    }
}
