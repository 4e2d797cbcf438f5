--TEST--
pcntl_fork() inside a task: a child never hangs at exit (with the watchdog running); its exit() ends it with that status; the parent's other tasks run once, in the parent only
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork() does not exist without pcntl'); ?>
--FILE--
<?php
require __DIR__ . '/child.inc';

$marks = tempnam(sys_get_temp_dir(), 'defer_fork_');
$result = defer_child_run(<<<PHP
<?php
\$marks = '$marks';
defer(function () use (\$marks) {
    \$statuses = [];
    for (\$i = 0; \$i < 12; \$i++) {
        \$pid = pcntl_fork();
        if (\$pid === 0) {
            if (\$i % 2 === 0) {
                exit(3);
            }
            return; // a child that returns from the task ends too
        }
        // Wait for the child, but never for ever: a hung child fails the test.
        \$waited = 0;
        while ((\$done = pcntl_waitpid(\$pid, \$status, WNOHANG)) === 0 && \$waited++ < 500) {
            usleep(10000);
        }
        if (\$done === 0) {
            posix_kill(\$pid, SIGKILL);
            pcntl_waitpid(\$pid, \$status);
            \$statuses[] = 'hung';
        } else {
            \$statuses[] = pcntl_wexitstatus(\$status);
        }
    }
    echo "children: ", implode(' ', \$statuses), "\\n";
});
defer(function () use (\$marks) {
    file_put_contents(\$marks, getmypid() . "\\n", FILE_APPEND);
    echo "task 2 runs in the parent only: ", var_export(count(file(\$marks)) === 1, true), "\\n";
});
PHP, ['defer.task_timeout' => '30', 'error_log' => '/dev/null']);
echo $result['stdout'];
echo "parent status: ", $result['status'], "\n";
echo "task 2 ran once in all: ", var_export(count(file($marks)) === 1, true), "\n";
unlink($marks);
?>
--EXPECT--
children: 3 0 3 0 3 0 3 0 3 0 3 0
task 2 runs in the parent only: true
parent status: 0
task 2 ran once in all: true
