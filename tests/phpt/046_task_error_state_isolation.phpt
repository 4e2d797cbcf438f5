--TEST--
A task's error state does not leak: error_reporting and error_get_last() are restored for the next task and for the script
--INI--
error_reporting=E_ALL
error_log=/dev/null
--FILE--
<?php
// Reports from a destructor: after the deferred phase, outside the tasks' limits (a shutdown
// function a task registers is the task's code, run within its limits).
final class AfterThePhase { public function __construct(private Closure $report) {} public function __destruct() { ($this->report)(); } }
defer(function () {
    error_reporting(0);
    echo "task 1 sets error_reporting to 0\n";
});
defer(function () {
    echo "task 2 sees error_reporting ", error_reporting() === E_ALL ? 'E_ALL' : error_reporting(), "\n";
    trigger_error('a notice from task 2', E_USER_NOTICE);
    echo "task 2 error_get_last: ", error_get_last()['message'], "\n";
});
defer(function () {
    echo "task 3 sees error_get_last ", json_encode(error_get_last()), "\n";
    trigger_error('fatal in task 3', E_USER_ERROR);
});
defer(function () {
    echo "task 4 sees error_get_last ", json_encode(error_get_last()), ", error_reporting ", error_reporting() === E_ALL ? 'E_ALL' : error_reporting(), "\n";
    $GLOBALS['after_the_phase'] = new AfterThePhase(function () {
        echo "after the tasks: error_get_last ", error_get_last()['message'], "\n";
    });
});
@trigger_error('silenced warning from the script', E_USER_WARNING);
?>
--EXPECTF--
task 1 sets error_reporting to 0
task 2 sees error_reporting E_ALL

Notice: a notice from task 2 in %s046_task_error_state_isolation.php on line 11
task 2 error_get_last: a notice from task 2
task 3 sees error_get_last null
%r(\nDeprecated: Passing E_USER_ERROR to trigger_error\(\) is deprecated since 8\.4[^\n]* on line 16\n)?%r
Fatal error: fatal in task 3 in %s046_task_error_state_isolation.php on line 16
task 4 sees error_get_last null, error_reporting E_ALL
after the tasks: error_get_last silenced warning from the script
