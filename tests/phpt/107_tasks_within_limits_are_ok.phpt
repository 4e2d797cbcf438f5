--TEST--
Tasks that end within defer.task_timeout and defer.time_budget are "ok"; 0 means no limit for either setting
--FILE--
<?php
require __DIR__ . '/child.inc';

$code = <<<'PHP'
<?php
defer(function () {
    usleep(20000);
    echo "task 1 done\n";
});
defer(function () {
    usleep(600000);
    echo "task 2 done\n";
});
defer(function () {
    register_shutdown_function(function () {
        $status = defer_status();
        foreach ($status['tasks'] as $task) {
            printf("#%d %s %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
        printf("ran=%d failed=%d skipped=%d\n", $status['ran'], $status['failed'], $status['skipped']);
    });
});
PHP;
$cases = [
    'generous limits' => ['defer.task_timeout' => '5', 'defer.time_budget' => '10'],
    'no limits at all' => ['defer.task_timeout' => '0', 'defer.time_budget' => '0'],
    'only a task timeout' => ['defer.task_timeout' => '2', 'defer.time_budget' => '0'],
    'only a budget' => ['defer.task_timeout' => '0', 'defer.time_budget' => '3'],
    'task timeout below task 2' => ['defer.task_timeout' => '0.3', 'defer.time_budget' => '0'],
];
foreach ($cases as $name => $ini) {
    echo "== $name\n";
    $result = defer_child_run($code, $ini + ['error_log' => '/dev/null']);
    echo $result['stdout'], "status ", $result['status'], "\n";
}
?>
--EXPECTF--
== generous limits
task 1 done
task 2 done
#1 ok NULL
#2 ok NULL
#3 ok NULL
ran=3 failed=0 skipped=0
status 0
== no limits at all
task 1 done
task 2 done
#1 ok NULL
#2 ok NULL
#3 ok NULL
ran=3 failed=0 skipped=0
status 0
== only a task timeout
task 1 done
task 2 done
#1 ok NULL
#2 ok NULL
#3 ok NULL
ran=3 failed=0 skipped=0
status 0
== only a budget
task 1 done
task 2 done
#1 ok NULL
#2 ok NULL
#3 ok NULL
ran=3 failed=0 skipped=0
status 0
== task timeout below task 2
task 1 done
#1 ok NULL
#2 timeout 'stopped after %f s: defer.task_timeout of 0.3 s reached'
#3 ok NULL
ran=3 failed=1 skipped=0
status 0
