--TEST--
finish_and_defer() on CLI: returns false (no client), queues its callback, later calls return false too
--FILE--
<?php
echo "main start\n";
var_dump(finish_and_defer(function ($x, $y) {
    echo "callback $x $y\n";
}, 'bound', y: 'named'));
$status = defer_status();
var_dump($status['finished'], $status['finish_method'], $status['queued'], $status['tasks'][0]['state']);
var_dump(finish_and_defer(function () {
    echo "second callback\n";
}));
var_dump(finish_and_defer());
var_dump(finish_and_defer(null));
var_dump(defer(function () {
    echo "plain defer\n";
}));
var_dump(defer_status()['finished']);
echo "main still prints after finish_and_defer\n";
?>
--EXPECT--
main start
bool(false)
bool(false)
string(4) "none"
int(1)
string(7) "pending"
bool(false)
bool(false)
bool(false)
int(3)
bool(false)
main still prints after finish_and_defer
callback bound named
second callback
plain defer
