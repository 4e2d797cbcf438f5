--TEST--
The script's error handler is back for the next task after a task's run of it ended in a fatal error (the engine had taken it out while calling it), or set another handler, or restored the one before it
--FILE--
<?php
require __DIR__ . '/child.inc';

$result = defer_child_run(<<<'PHP'
<?php
set_error_handler(function ($no, $message) {
    echo "the script's error handler: $message\n";
    if ($message === 'fail') {
        trigger_error('a fatal error inside the handler', E_USER_ERROR); // no handler runs for it
    }
    if ($message === 'replace') {
        set_error_handler(function ($no, $message) { echo "a handler set by a handler: $message\n"; return true; });
    }
    return true;
});
defer(function () { trigger_error('fail'); });
defer(function () { trigger_error('after the fatal error'); });
defer(function () { trigger_error('replace'); trigger_error('in the same task'); });
defer(function () { trigger_error('after the replacement'); });
defer(function () { restore_error_handler(); trigger_error('no handler left: goes to the log'); });
defer(function () { trigger_error('after the restore'); });
defer(function () {
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], substr($task['error'] ?? '-', 0, 30));
        }
    });
});
PHP, ['error_log' => '/dev/null', 'display_errors' => '0']);
echo $result['stdout'];
echo "exit status: ", $result['status'], "\n";
?>
--EXPECT--
the script's error handler: fail
the script's error handler: after the fatal error
the script's error handler: replace
a handler set by a handler: in the same task
the script's error handler: after the replacement
the script's error handler: after the restore
#1 fatal: a fatal error inside the handl
#2 ok: -
#3 ok: -
#4 ok: -
#5 ok: -
#6 ok: -
#7 ok: -
exit status: 0
