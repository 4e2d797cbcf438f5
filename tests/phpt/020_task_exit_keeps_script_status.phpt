--TEST--
exit(), exceptions and fatal errors in tasks do not change the script's exit status
--FILE--
<?php
require __DIR__ . '/child.inc';

$cases = [
    'normal end, task exits 3' => '<?php defer(function () { exit(3); }); echo "main\n";',
    'main exits 7, task exits 3' => '<?php defer(function () { echo "task\n"; exit(3); }); exit(7);',
    'main exits 0, task exits 3' => '<?php defer(function () { echo "task\n"; exit(3); }); exit(0);',
    'uncaught exception in main, task exits 3' =>
        '<?php defer(function () { echo "task\n"; exit(3); }); throw new LogicException("main");',
    'task throws' => '<?php defer(function () { throw new RuntimeException("boom"); }); echo "main\n";',
    'task raises E_USER_ERROR' => '<?php defer(function () { trigger_error("bad", E_USER_ERROR); }); echo "main\n";',
    'main exits 2, task raises E_USER_ERROR' =>
        '<?php defer(function () { trigger_error("bad", E_USER_ERROR); }); exit(2);',
];
foreach ($cases as $name => $code) {
    $result = defer_child_run($code, ['display_errors' => '0', 'error_log' => '/dev/null']);
    printf("%s: status %d, stdout %s\n", $name, $result['status'], json_encode($result['stdout']));
}
?>
--EXPECT--
normal end, task exits 3: status 0, stdout "main\n"
main exits 7, task exits 3: status 7, stdout "task\n"
main exits 0, task exits 3: status 0, stdout "task\n"
uncaught exception in main, task exits 3: status 255, stdout "task\n"
task throws: status 0, stdout "main\n"
task raises E_USER_ERROR: status 0, stdout "main\n"
main exits 2, task raises E_USER_ERROR: status 2, stdout ""
