<?php
// A deferred task that says it started (with its worker's pid) and holds its worker in the
// deferred phase until the test releases it (at most 20 s); then two more tasks.
$dir = getenv('E2E_DIR');
$id = preg_replace('/[^a-z0-9]/', '', $_GET['id'] ?? 'x');
defer(function () use ($dir, $id) {
    file_put_contents("$dir/held.$id.tmp", getmypid());
    rename("$dir/held.$id.tmp", "$dir/held.$id");
    for ($i = 0; $i < 2000 && !file_exists("$dir/release.$id"); $i++) {
        usleep(10000);
    }
});
defer(fn () => file_put_contents("$dir/done.$id", "1"));
defer(fn () => null);
echo "holding\n";
