--TEST--
defer.run_immediately=1 (for test suites): each task has run, with its record, when defer() (or finish_and_defer() with a callback) returns; a task deferred by a task runs after it
--INI--
defer.run_immediately=1
defer.log=off
--FILE--
<?php
$id = defer(function () {
    echo "task 1\n";
    defer(fn () => print("queued by task 1\n"));
    echo "task 1 goes on\n";
});
echo "defer() returned $id\n";
$status = defer_status();
printf("ran %d, state of #1: %s, #2: %s\n", $status['ran'], $status['tasks'][0]['state'], $status['tasks'][1]['state']);
var_dump(defer_cancel($id)); // already ran
defer(function () { throw new LogicException('reported, not thrown at the caller'); });
echo defer_status()['tasks'][0]['error'], "\n";
var_dump(finish_and_defer(fn () => print("finish_and_defer's callback runs at once too\n"))); // no client here
ini_set('defer.run_immediately', '0');
defer(fn () => print("at the end\n"));
echo "end\n";
?>
--EXPECTF--
task 1
task 1 goes on
queued by task 1
defer() returned 1
ran 2, state of #1: ok, #2: ok
bool(false)
LogicException: reported, not thrown at the caller in %s:11
finish_and_defer's callback runs at once too
bool(false)
end
at the end
