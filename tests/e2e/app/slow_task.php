<?php
// Answers at once; its deferred task takes 500 ms and then leaves a mark.
$mark = getenv('E2E_DIR') . '/slow_task.' . $_GET['run'];
defer(function () use ($mark) {
    usleep(500000);
    file_put_contents($mark, json_encode(defer_status()));
});
echo "response body\n";
