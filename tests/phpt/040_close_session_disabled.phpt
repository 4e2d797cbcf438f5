--TEST--
defer.close_session=0: the session stays open while the tasks run
--SKIPIF--
<?php if (!extension_loaded('session')) die('skip needs the session extension'); ?>
--INI--
session.save_handler=files
session.save_path={TMP}
session.use_cookies=0
session.cache_limiter=
defer.close_session=0
--FILE--
<?php
session_start();
$_SESSION['value'] = 'from main';
defer(function () {
    echo "active in task: ", var_export(session_status() === PHP_SESSION_ACTIVE, true), "\n";
    echo "value: ", $_SESSION['value'], "\n";
    session_destroy();
});
?>
--EXPECT--
active in task: true
value: from main
