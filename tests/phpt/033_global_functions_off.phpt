--TEST--
defer.global_functions=0 registers only the Defer\ functions
--INI--
defer.global_functions=0
--FILE--
<?php
namespace App;

foreach (['defer', 'defer_cancel', 'finish_and_defer', 'defer_status'] as $name) {
    echo $name, ': global ', var_export(\function_exists($name), true),
        ', Defer\\', $name, ' ', var_export(\function_exists('Defer\\' . $name), true), "\n";
}
\var_dump(\ini_get('defer.global_functions'));
\ob_start();
\phpinfo(\INFO_MODULES);
\preg_match('/^Global functions => .*$/m', \ob_get_clean(), $m);
echo $m[0], "\n";
$names = \array_keys((new \ReflectionExtension('defer'))->getFunctions());
\sort($names);
echo \implode(' ', $names), "\n";

use function Defer\defer;
use function Defer\defer_cancel;

$id = defer(function () {
    echo "namespaced defer works\n";
    \var_dump(\Defer\defer_status()['ran']);
});
\var_dump($id, \Defer\finish_and_defer());
\var_dump(defer_cancel(\Defer\defer('strlen', 'x')));
try {
    \defer('strlen', 'x');
} catch (\Error $e) {
    echo \get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
defer: global false, Defer\defer true
defer_cancel: global false, Defer\defer_cancel true
finish_and_defer: global false, Defer\finish_and_defer true
defer_status: global false, Defer\defer_status true
string(1) "0"
Global functions => not registered
Defer\defer Defer\defer_cancel Defer\defer_named Defer\defer_status Defer\finish_and_defer Defer\on_failure Defer\pool_status Defer\run_pending
int(1)
bool(false)
bool(true)
Error: Call to undefined function defer()
namespaced defer works
int(0)
