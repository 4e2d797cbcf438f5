--TEST--
finish_and_defer() flushes and closes every output buffer through its handler
--FILE--
<?php
ob_start(function ($buffer) {
    return strtoupper($buffer);
});
ob_start();
echo "buffered before finish\n";
var_dump(ob_get_level());
var_dump(finish_and_defer(function () {
    echo "task sees ob level ", ob_get_level(), "\n";
}));
var_dump(ob_get_level());
echo "printed after finish_and_defer\n";
?>
--EXPECT--
BUFFERED BEFORE FINISH
INT(2)
bool(false)
int(0)
printed after finish_and_defer
task sees ob level 0
