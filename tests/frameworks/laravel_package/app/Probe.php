<?php

declare(strict_types=1);

namespace App;

/** What the test's callbacks leave behind, in $E2E_DIR (or storage/ in the console). */
final class Probe
{
    public static function dir(): string
    {
        return getenv('E2E_DIR') ?: ($_SERVER['E2E_DIR'] ?? storage_path('probe'));
    }

    public static function append(string $file, string $text): void
    {
        file_put_contents(self::dir() . '/' . $file, $text, FILE_APPEND | LOCK_EX);
    }

    /** "<what> <task>": the running task's name, or "-" outside of a task. */
    public static function line(string $log, string $what): void
    {
        self::append("$log.log", "$what " . self::task() . "\n");
    }

    public static function task(): string
    {
        if (!function_exists('Defer\defer_status')) {
            return '-';
        }
        foreach (\Defer\defer_status()['tasks'] as $task) {
            if ($task['state'] === 'running') {
                return (string) ($task['name'] ?? '?');
            }
        }

        return '-';
    }

    /** The last line ("end <task>"), and the extension's records as JSON. */
    public static function status(string $log): void
    {
        if (function_exists('Defer\defer_status')) {
            $tasks = array_map(
                fn (array $t) => ['name' => $t['name'] ?? null, 'state' => $t['state'], 'error' => $t['error']],
                \Defer\defer_status()['tasks'],
            );
            file_put_contents(self::dir() . "/$log.json", json_encode($tasks, JSON_PRETTY_PRINT));
        }
        self::line($log, 'end');
    }
}
