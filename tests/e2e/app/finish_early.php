<?php
// finish_and_defer() sends the response in the middle of the script; what the script
// prints afterwards is discarded and the script goes on.
$mark = getenv('E2E_DIR') . '/finish_early.' . $_GET['run'];
echo "sent before finish\n";
$finished = finish_and_defer(function () use ($mark) {
    file_put_contents($mark, json_encode(defer_status()), FILE_APPEND);
});
echo "discarded after finish\n";
usleep(500000);
file_put_contents($mark . '.main', json_encode(['finished_now' => $finished, 'again' => finish_and_defer()]));
