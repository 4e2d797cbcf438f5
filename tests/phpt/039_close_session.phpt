--TEST--
defer.close_session: the session is written and closed before the tasks run, unless disabled
--SKIPIF--
<?php if (!extension_loaded('session')) die('skip needs the session extension'); ?>
--INI--
session.save_handler=files
session.save_path={TMP}
session.use_cookies=0
session.cache_limiter=
defer.close_session=1
--FILE--
<?php
session_start();
$_SESSION['counter'] = 41;
$id = session_id();
defer(function () use ($id) {
    echo "closed in task 1: ", var_export(session_status() === PHP_SESSION_NONE, true), "\n";
    session_id($id);
    session_start();
    echo "written before task 1: ", $_SESSION['counter'], "\n";
    $_SESSION['counter']++;
    session_write_close();
    session_start();
    echo "counter now: ", $_SESSION['counter'], "\n";
    session_destroy();
});
echo "main status: ", session_status() === PHP_SESSION_ACTIVE ? 'active' : 'not active', "\n";
?>
--EXPECT--
main status: active
closed in task 1: true
written before task 1: 41
counter now: 42
