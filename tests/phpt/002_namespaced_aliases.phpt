--TEST--
Every function exists under its global name and as a Defer\ alias sharing one queue
--FILE--
<?php
foreach (['defer', 'defer_cancel', 'finish_and_defer', 'defer_status'] as $name) {
    $alias = 'Defer\\' . $name;
    printf("%s %s %s %s\n", $name, var_export(function_exists($name), true),
        $alias, (new ReflectionFunction($alias))->getExtensionName());
}

$a = Defer\defer(function () { echo "namespaced task\n"; });
$b = defer(function () { echo "global task\n"; });
$c = \Defer\defer(function () { echo "cancelled task\n"; });
var_dump($a, $b, $c);
var_dump(Defer\defer_cancel($c), defer_cancel($c));
var_dump(Defer\finish_and_defer(function () { echo "finish_and_defer task\n"; }));
$status = Defer\defer_status();
var_dump($status['queued'], $status['cancelled']);
var_dump($status === defer_status());
echo "main end\n";
?>
--EXPECT--
defer true Defer\defer defer
defer_cancel true Defer\defer_cancel defer
finish_and_defer true Defer\finish_and_defer defer
defer_status true Defer\defer_status defer
int(1)
int(2)
int(3)
bool(true)
bool(false)
bool(false)
int(4)
int(1)
bool(true)
main end
namespaced task
global task
finish_and_defer task
