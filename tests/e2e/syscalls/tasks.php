<?php
// Defers ?n= (or argv[1]) trivial tasks; the last one leaves a file when $E2E_DIR is set.
function trivial_task(): void {}
$n = (int) ($_GET['n'] ?? $argv[1] ?? 10);
for ($i = 0; $i < $n; $i++) {
    defer('trivial_task');
}
$dir = getenv('E2E_DIR');
if ($dir) {
    defer(function () use ($dir, $n) { file_put_contents("$dir/done.$n", "done\n"); });
}
echo "deferred $n\n";
