--TEST--
exit() in a shutdown function that runs before the hook: the tasks still run at request shutdown
--FILE--
<?php
register_shutdown_function(function () {
    echo "shutdown 1 calls exit()\n";
    exit(4);
});
defer(function () {
    echo "task 1\n";
    defer(function () {
        echo "task 3 (queued by task 1)\n";
        $status = defer_status();
        echo "queued=", $status['queued'], " ran=", $status['ran'], " skipped=", $status['skipped'], "\n";
    });
});
register_shutdown_function(function () {
    echo "shutdown 2 never runs\n";
});
defer(function () {
    echo "task 2\n";
});
echo "main end\n";
?>
--EXPECT--
main end
shutdown 1 calls exit()
task 1
task 2
task 3 (queued by task 1)
queued=3 ran=2 skipped=0
