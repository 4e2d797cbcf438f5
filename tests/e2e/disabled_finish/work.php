<?php
// A deferred task of 3 s, which records what defer_status() says once it ends.
$dir = getenv('E2E_DIR');
$name = preg_replace('/[^a-z0-9]/', '', $_GET['run'] ?? 'x');
defer(function () use ($dir, $name) {
    sleep(3);
    file_put_contents("$dir/$name.json", json_encode(defer_status()));
});
echo function_exists('fastcgi_finish_request') ? "callable by the application\n" : "disabled for the application\n";
