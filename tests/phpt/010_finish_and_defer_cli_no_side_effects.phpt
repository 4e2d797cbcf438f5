--TEST--
finish_and_defer() without a client leaves the output buffers, the session and ignore_user_abort alone; the tasks still run after every buffer is flushed
--SKIPIF--
<?php if (!extension_loaded('session')) die('skip needs the session extension'); ?>
--INI--
session.save_handler=files
session.save_path={TMP}
session.use_cookies=0
session.cache_limiter=
--FILE--
<?php
session_start();
ob_start(function ($buffer) {
    return strtoupper($buffer);
});
ob_start();
echo "buffered before finish\n";
var_dump(ob_get_level());
var_dump(finish_and_defer(function () {
    echo "task sees ob level ", ob_get_level(), "\n";
    session_start(); // closed before the tasks by defer.close_session
    session_destroy();
}));
var_dump(ob_get_level(), session_status() === PHP_SESSION_ACTIVE, ignore_user_abort());
echo "printed after finish_and_defer\n";
?>
--EXPECT--
BUFFERED BEFORE FINISH
INT(2)
BOOL(FALSE)
INT(2)
BOOL(TRUE)
INT(0)
PRINTED AFTER FINISH_AND_DEFER
task sees ob level 0
