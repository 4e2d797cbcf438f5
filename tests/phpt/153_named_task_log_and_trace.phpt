--TEST--
A named task's log lines carry its name (task #N "name" (callable)), and the stack traces of what it throws show a "{defer:name}" frame, after the response and in run_pending()
--INI--
error_log={PWD}/153_named_task_log_and_trace.log
log_errors=0
defer.time_budget=2
--FILE--
<?php
use function Defer\defer;
use function Defer\defer_named;

@unlink(ini_get('error_log'));
Defer\on_failure(function (array $task, ?Throwable $e) {
    if ($e !== null) {
        echo "trace of task #{$task['id']}:\n", $e->getTraceAsString(), "\n";
    }
});
defer_named('in-run-pending', function () { throw new LogicException('early'); });
defer(function () { throw new RuntimeException('unnamed'); });
defer_named('hog', function () { usleep(20000000); }); // the budget stops it
defer_named('never', 'strlen', 'x');
defer_named('never either', 'strlen', 'y');
Defer\run_pending();
foreach (file(ini_get('error_log'), FILE_IGNORE_NEW_LINES) as $line) {
    echo str_replace(__FILE__, 'FILE', $line), "\n";
}

// After the response: the hook's frame is under the task's.
defer_named('send-receipt', function () { throw new RuntimeException('boom'); });
?>
--CLEAN--
<?php
@unlink(__DIR__ . '/153_named_task_log_and_trace.log');
?>
--EXPECTF--
trace of task #1:
#0 [internal function]: {closure%S}()
#1 [internal function]: {defer:in-run-pending}()
#2 %s(16): Defer\run_pending()
#3 {main}
trace of task #2:
#0 [internal function]: {closure%S}()
#1 %s(16): Defer\run_pending()
#2 {main}
[%s] defer: task #1 "in-run-pending" ({closure:FILE:11}) exception: LogicException: early in FILE:11
[%s] defer: task #2 ({closure:FILE:12}) exception: RuntimeException: unnamed in FILE:12
[%s] defer: task #3 "hog" ({closure:FILE:13}) timeout: stopped after %f s: defer.time_budget of 2 s spent
[%s] defer: 2 tasks skipped: defer.time_budget of 2 s spent before it could start: #4 "never" (strlen), #5 "never either" (strlen)
trace of task #6:
#0 [internal function]: {closure%S}()
#1 [internal function]: {defer:send-receipt}()
#2 [internal function]: {defer}()
#3 {main}
