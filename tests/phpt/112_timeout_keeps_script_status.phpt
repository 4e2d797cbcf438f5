--TEST--
A task stopped by defer.task_timeout, defer.time_budget or max_execution_time does not change the script's exit status
--FILE--
<?php
require __DIR__ . '/child.inc';

$cases = [
    'normal end, task times out' => ['<?php defer(function () { sleep(100); }); echo "main\n";', ['defer.task_timeout' => '0.1']],
    'main exits 7, task times out' =>
        ['<?php defer(function () { while (true) {} }); defer(function () { echo "next\n"; }); exit(7);', ['defer.task_timeout' => '0.1']],
    'main exits 0, budget spent' =>
        ['<?php defer(function () { sleep(100); }); defer(function () { echo "skipped\n"; }); exit(0);', ['defer.time_budget' => '0.1']],
    'uncaught exception in main, task times out' =>
        ['<?php defer(function () { sleep(100); }); throw new LogicException("main");', ['defer.task_timeout' => '0.1']],
    'main exits 3, task exceeds max_execution_time' =>
        ['<?php set_time_limit(1); defer(function () { while (true) {} }); defer(function () { echo "next\n"; }); exit(3);', []],
];
foreach ($cases as $name => [$code, $ini]) {
    $result = defer_child_run($code, $ini + ['display_errors' => '0', 'log_errors' => '0', 'error_log' => '/dev/null']);
    printf("%s: status %d, stdout %s\n", $name, $result['status'], json_encode($result['stdout']));
}
?>
--EXPECT--
normal end, task times out: status 0, stdout "main\n"
main exits 7, task times out: status 7, stdout "next\n"
main exits 0, budget spent: status 0, stdout ""
uncaught exception in main, task times out: status 255, stdout ""
main exits 3, task exceeds max_execution_time: status 3, stdout "next\n"
