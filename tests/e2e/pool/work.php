<?php
// A deferred task that records which worker ran it; ?fail=1 makes it throw.
$dir = getenv('E2E_DIR');
$fail = isset($_GET['fail']);
defer(function () use ($dir, $fail) {
    usleep(2000);
    file_put_contents("$dir/ran.log", getmypid() . "\n", FILE_APPEND | LOCK_EX);
    if ($fail) {
        throw new RuntimeException('a failing task');
    }
});
echo "ok\n";
