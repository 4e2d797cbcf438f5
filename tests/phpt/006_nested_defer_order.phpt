--TEST--
A task deferred by a running task runs after the tasks already queued
--FILE--
<?php
defer(function () {
    echo "A\n";
    $id = defer(function () {
        echo "A2 (queued by A)\n";
        $id = defer(function () {
            echo "A3 (queued by A2)\n";
        });
        echo "A2 queued #$id\n";
    });
    echo "A queued #$id\n";
});
defer(function () {
    echo "B\n";
});
defer(function () {
    echo "C\n";
    defer(function () {
        echo "C2 (queued by C)\n";
        $status = defer_status();
        echo "queued=", $status['queued'], " ran=", $status['ran'], "\n";
    });
});
echo "main end\n";
?>
--EXPECT--
main end
A
A queued #4
B
C
A2 (queued by A)
A2 queued #6
C2 (queued by C)
queued=6 ran=4
A3 (queued by A2)
