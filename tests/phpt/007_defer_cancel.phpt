--TEST--
defer_cancel(): true only for a pending task; false when unknown, running, already run or cancelled
--FILE--
<?php
$a = defer(function () {
    echo "a\n";
});
$b = defer(function () {
    echo "b (must not run)\n";
});
$c = defer(function () use (&$c, &$d, $a, $b) {
    echo "c\n";
    var_dump(defer_cancel($c)); // running: too late
    var_dump(defer_cancel($a)); // already ran
    var_dump(defer_cancel($b)); // already cancelled
    var_dump(defer_cancel($d)); // still pending
    var_dump(defer_cancel($d)); // twice
});
$d = defer(function () {
    echo "d (must not run)\n";
});
defer(function () {
    register_shutdown_function(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            echo $task['id'], ' ', $task['state'], "\n";
        }
        echo "ran=", $status['ran'], " cancelled=", $status['cancelled'], " failed=", $status['failed'], "\n";
    });
});

var_dump(defer_cancel($b));
var_dump(defer_cancel($b));
var_dump(defer_cancel(99));
var_dump(defer_cancel(PHP_INT_MAX));
echo "main end\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(false)
main end
a
c
bool(false)
bool(false)
bool(false)
bool(true)
bool(false)
1 ok
2 cancelled
3 ok
4 cancelled
5 ok
ran=3 cancelled=2 failed=0
