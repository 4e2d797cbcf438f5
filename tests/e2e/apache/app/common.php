<?php
// Where the scripts leave their marks: $E2E_DIR/out, given to apache2's environment by
// tests/e2e/apache.sh. A mark is written whole (temporary file, then rename) so the test
// never reads half of one.
function mark_path(string $name): string
{
    return getenv('E2E_DIR') . '/out/' . $name . '.' . preg_replace('/[^A-Za-z0-9_-]/', '', $_GET['run'] ?? 'x');
}

function write_mark(string $path, $value): void
{
    file_put_contents($path . '.tmp', json_encode($value));
    rename($path . '.tmp', $path);
}
