<?php

declare(strict_types=1);

namespace Tests\Feature;

use Illuminate\Foundation\Application;
use Tests\TestCase;

/** Laravel's testing helpers for defer(), with the package (and the extension, when loaded). */
final class DeferTest extends TestCase
{
    private string $dir;

    protected function setUp(): void
    {
        parent::setUp();
        $this->dir = sys_get_temp_dir() . '/defer-feature-' . getmypid() . '-' . $this->name();
        @mkdir($this->dir, 0777, true);
        putenv("E2E_DIR={$this->dir}");
    }

    protected function tearDown(): void
    {
        array_map('unlink', glob("{$this->dir}/*") ?: []);
        @rmdir($this->dir);
        putenv('E2E_DIR');
        parent::tearDown();
    }

    /** withoutDefer(): every callback runs at once, when deferred, even before the response is built. */
    public function testWithoutDeferRunsCallbacksAtOnce(): void
    {
        $this->withoutDefer();

        $this->get('/api/forms/t1?status=500')->assertStatus(500);

        // All but the forgotten one ran when deferred (even those the 500 would skip),
        // outside of any extension task: Laravel's own immediate collection.
        $this->assertSame(
            [
                'plain -', 'always -', 'named -', 'forgotten -', 'dup-first -', 'dup-second -',
                'renamed -', 'outer -', 'inner -', 'end -',
            ],
            file("{$this->dir}/forms-t1.log", FILE_IGNORE_NEW_LINES),
        );
    }

    /** withDefer() restores deferral: the callbacks run after the response, with the status rule. */
    public function testWithDeferRestoresDeferral(): void
    {
        $this->withoutDefer();
        $this->withDefer();

        $response = $this->get('/api/forms/t2?status=500');
        $response->assertStatus(500);
        // Deferred until the kernel's terminate step, which the test client runs: then only
        // the ->always() ones. With the extension each is a task (the line ends with its task
        // name; "?" for a UUID), and the callback deferred by a callback runs too, after them.
        $lines = array_map(
            fn (string $l): string => preg_replace('/ [0-9a-f]{8}-[0-9a-f-]{27}$/', ' ?', $l),
            file("{$this->dir}/forms-t2.log", FILE_IGNORE_NEW_LINES),
        );
        // Without the extension, Laravel 13 runs the callback a callback deferred; 11 and 12 do not.
        $this->assertSame(
            match (true) {
                \extension_loaded('defer') => ['always ?', 'outer outer', 'end end', 'inner ?'],
                version_compare(Application::VERSION, '13', '>=') => ['always -', 'outer -', 'end -', 'inner -'],
                default => ['always -', 'outer -', 'end -'],
            },
            $lines,
        );
    }
}
