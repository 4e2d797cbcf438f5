--TEST--
defer.task_timeout stops a task looping over function calls: user functions, internal functions, callbacks called by internal functions, methods, recursion
--INI--
defer.task_timeout=0.1
error_log=/dev/null
--FILE--
<?php
function work(int $n): int
{
    return $n + strlen(str_repeat('x', 8));
}

function recurse(int $depth): int
{
    $sum = 0;
    for ($i = 0; $i < 1000; $i++) {
        $sum += $depth > 0 ? recurse($depth - 1) : work($i);
    }
    return $sum;
}

class Worker
{
    public function __invoke(int $n): int
    {
        return work($n);
    }
}

defer(function () {
    $n = 0;
    while (true) {
        $n = work($n) % 1000;
    }
});
defer(function () {
    while (true) {
        array_map(function ($x) {
            while (true) {
                $x = md5((string) $x);
            }
        }, [1]);
    }
});
defer(function () {
    $worker = new Worker();
    for (;;) {
        $list = range(100, 1);
        usort($list, fn ($a, $b) => $worker($a) <=> $worker($b));
    }
});
defer('recurse', 10);
defer(function () {
    do {
        $found = preg_replace_callback('/x/', fn ($m) => strtoupper($m[0]), str_repeat('x', 100));
    } while ($found !== '');
});
defer(function () {
    echo "last task\n";
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            printf("#%d %s: %s\n", $task['id'], $task['state'], var_export($task['error'], true));
        }
    });
});
?>
--EXPECTF--
last task
#1 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#2 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#3 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#4 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#5 timeout: 'stopped after %f s: defer.task_timeout of 0.1 s reached'
#6 ok: NULL
