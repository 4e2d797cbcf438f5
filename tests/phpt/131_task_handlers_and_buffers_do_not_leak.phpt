--TEST--
A task's error and exception handlers and the output buffers it leaves open do not reach the next task: handlers are put back, buffers closed through their handlers inside the task's sandbox and time limit, and what a buffer's handler does is that task's outcome
--FILE--
<?php
require __DIR__ . '/child.inc';

$result = defer_child_run(<<<'PHP'
<?php
set_error_handler(function () { echo "the script's error handler\n"; return true; });
defer(function () {
    set_error_handler(function ($no, $message) { throw new ErrorException("task 1's handler: $message"); });
    set_exception_handler(function () { echo "task 1's exception handler: must not run\n"; });
    ob_start(fn ($buffer) => strtoupper($buffer));
    echo "task 1 output, through its own buffer\n";
});
defer(function () {
    echo "task 2 output, not captured\n";
    echo @$undefined_in_task_2, "task 2: a silenced warning does not throw\n";
    trigger_error('task 2 notice');
});
defer(function () {
    ob_start(function () { sleep(5); return "never\n"; });
    echo "task 3 leaves a buffer whose handler sleeps\n";
});
defer(function () {
    ob_start(function () { exit(7); });
    echo "task 4 leaves a buffer whose handler exits\n";
});
defer(function () {
    ob_start(function () { throw new RuntimeException('handler of task 5 failed'); });
});
defer(function () {
    echo "task 6: ob level ", ob_get_level(), "\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], $task['error'] ?? '-');
        }
    });
});
PHP, ['defer.task_timeout' => '0.5', 'error_log' => '/dev/null']);
echo $result['stdout'];
echo "exit status: ", $result['status'], "\n";
?>
--EXPECTF--
TASK 1 OUTPUT, THROUGH ITS OWN BUFFER
task 2 output, not captured
the script's error handler
task 2: a silenced warning does not throw
the script's error handler
task 3 leaves a buffer whose handler sleeps
task 4 leaves a buffer whose handler exits
task 6: ob level 0
#1 ok: -
#2 ok: -
#3 timeout: stopped after %f s: defer.task_timeout of 0.5 s reached
#4 exit: exit(7) called
#5 exception: RuntimeException: handler of task 5 failed in %s:%d
#6 ok: -
exit status: 0
