--TEST--
defer.max_tasks: queuing past the limit throws an Error and queues nothing
--INI--
defer.max_tasks=3
--FILE--
<?php
var_dump(ini_get('defer.max_tasks'));
$ids = [];
for ($i = 1; $i <= 3; $i++) {
    $ids[] = defer(function () use ($i) {
        echo "task $i\n";
    });
}
var_dump($ids);
try {
    defer(function () {
        echo "fourth task must not run\n";
    });
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
ob_start();
try {
    var_dump(finish_and_defer(function () {
        echo "finish_and_defer task must not run\n";
    }));
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$level = ob_get_level(); // the response was not finished: the buffer is still open
ob_end_flush();
echo "ob level after the failed finish_and_defer(): $level\n";
try {
    Defer\defer('strlen', 'x');
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// a cancelled task still counts against the limit
var_dump(defer_cancel(3));
try {
    defer('strlen', 'x');
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$status = defer_status();
var_dump($status['queued'], $status['finish_method']);
// finish_and_defer() without a callback needs no room
var_dump(finish_and_defer());

var_dump(ini_set('defer.max_tasks', '4'));
var_dump(defer(function () {
    echo "task 4 after raising the limit\n";
    try {
        defer('strlen', 'x');
    } catch (Error $e) {
        echo "inside a task: ", $e->getMessage(), "\n";
    }
}));
echo "main end\n";
?>
--EXPECT--
string(1) "3"
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
Error: defer(): Cannot queue more than 3 tasks in one request (defer.max_tasks)
Error: finish_and_defer(): Cannot queue more than 3 tasks in one request (defer.max_tasks)
ob level after the failed finish_and_defer(): 1
Error: Defer\defer(): Cannot queue more than 3 tasks in one request (defer.max_tasks)
bool(true)
Error: defer(): Cannot queue more than 3 tasks in one request (defer.max_tasks)
int(3)
string(4) "none"
bool(false)
string(1) "3"
int(4)
main end
task 1
task 2
task 4 after raising the limit
inside a task: defer(): Cannot queue more than 4 tasks in one request (defer.max_tasks)
