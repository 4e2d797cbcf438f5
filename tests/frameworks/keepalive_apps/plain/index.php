<?php
// Plain PHP that finishes its own response, as hand-written code does.
//   /defer   Defer\defer(), then fastcgi_finish_request() (what Response::send() does)
//   /after   the seeds' by-hand pattern: echo, fastcgi_finish_request(), then slow work
//   /nowork  a few ms of work, nothing after the response
//   /opcache  whether OPcache is on in this worker (the suite runs as production does)
require __DIR__ . '/../record.inc';
$id = keepalive_request_id();
$method = $_SERVER['REQUEST_METHOD'];
$route = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
keepalive_main_work();
switch ($route) {
    case '/defer':
        \Defer\defer('keepalive_slow_work', $id, $method, 'defer');
        echo "$method $id\n";
        fastcgi_finish_request();
        break;
    case '/after':
        ignore_user_abort(true);
        set_time_limit(0);
        ob_start();
        echo "$method $id\n";
        header('Content-Length: ' . ob_get_length());
        ob_end_flush();
        flush();
        fastcgi_finish_request();
        keepalive_slow_work($id, $method, 'by hand');
        break;
    case '/nowork':
        echo "$method $id\n";
        break;
    case '/opcache':
        echo json_encode(function_exists('opcache_get_status') && (opcache_get_status(false)['opcache_enabled'] ?? false));
        break;
    default:
        http_response_code(404);
}
