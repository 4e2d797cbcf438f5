<?php
// Writes the session, then (with ?work) defers 1 s of work: the lock must be released first.
session_start();
$_SESSION['count'] = ($_SESSION['count'] ?? 0) + 1;
if (isset($_GET['work'])) {
    defer(function () {
        sleep(1);
    });
}
echo 'count=', $_SESSION['count'], "\n";
