<?php
// A task that prints 1 MB and flushes after the response was sent must not be killed.
$mark = getenv('E2E_DIR') . '/noisy_task.' . $_GET['run'];
defer(function () {
    echo str_repeat('x', 1 << 20);
    flush();
    echo "more\n";
    flush();
});
defer(function () use ($mark) {
    file_put_contents($mark, json_encode(defer_status()));
});
echo "quiet response\n";
