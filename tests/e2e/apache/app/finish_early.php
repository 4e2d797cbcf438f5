<?php
// finish_and_defer() in the middle of the script: true when it finished the response
// (headers not sent yet), false when called again; what is printed after it is discarded.
require __DIR__ . '/common.php';
$mark = mark_path('finish_early');
echo "sent before finish\n";
$finished = finish_and_defer(function () use ($mark) {
    write_mark($mark, defer_status());
});
echo "discarded after finish\n";
$again = finish_and_defer();
usleep(500000);
write_mark($mark . '.main', ['finished_now' => $finished, 'again' => $again]);
