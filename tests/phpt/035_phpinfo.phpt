--TEST--
Extension version, default INI values and the phpinfo() section
--FILE--
<?php
$extension = new ReflectionExtension('defer');
var_dump($extension->getVersion());
var_dump(phpversion('defer'));
var_dump($extension->getINIEntries());
$functions = array_keys($extension->getFunctions());
sort($functions);
echo implode(' ', $functions), "\n";

ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$start = strpos($info, "\ndefer\n");
$section = substr($info, $start + 1, strpos($info, "\n\n", strpos($info, "Directive", $start)) - $start);
echo $section;
?>
--EXPECT--
string(5) "0.1.0"
string(5) "0.1.0"
array(3) {
  ["defer.max_tasks"]=>
  string(5) "10000"
  ["defer.close_session"]=>
  string(1) "1"
  ["defer.global_functions"]=>
  string(1) "1"
}
Defer\defer Defer\defer_cancel Defer\defer_status Defer\finish_and_defer defer defer_cancel defer_status finish_and_defer
defer

defer support => enabled
Version => 0.1.0
Global functions => registered

Directive => Local Value => Master Value
defer.close_session => 1 => 1
defer.global_functions => 1 => 1
defer.max_tasks => 10000 => 10000
