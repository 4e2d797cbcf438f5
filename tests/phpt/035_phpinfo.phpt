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
array(8) {
  ["defer.max_tasks"]=>
  string(5) "10000"
  ["defer.close_session"]=>
  string(1) "1"
  ["defer.close_kept_connection"]=>
  string(1) "1"
  ["defer.global_functions"]=>
  string(1) "1"
  ["defer.time_budget"]=>
  string(2) "30"
  ["defer.task_timeout"]=>
  string(1) "0"
  ["defer.run_immediately"]=>
  string(1) "0"
  ["defer.log"]=>
  string(6) "errors"
}
Defer\defer Defer\defer_cancel Defer\defer_named Defer\defer_status Defer\finish_and_defer Defer\on_failure Defer\pool_status Defer\run_pending defer defer_cancel defer_named defer_on_failure defer_pool_status defer_run_pending defer_status finish_and_defer
defer

defer support => enabled
Version => 0.1.0
Global functions => registered

Deferred tasks in this worker => Count
Run => 0
Failed => 0
Timed out => 0
Skipped => 0

Directive => Local Value => Master Value
defer.close_kept_connection => 1 => 1
defer.close_session => 1 => 1
defer.global_functions => 1 => 1
defer.log => errors => errors
defer.max_tasks => 10000 => 10000
defer.run_immediately => 0 => 0
defer.task_timeout => 0 => 0
defer.time_budget => 30 => 30
