--TEST--
defer_status() before anything was deferred
--FILE--
<?php
var_dump(defer_status());
var_dump(Defer\defer_status() === defer_status());
?>
--EXPECT--
array(14) {
  ["finished"]=>
  bool(false)
  ["finish_method"]=>
  string(4) "none"
  ["client_aborted"]=>
  bool(false)
  ["connection_closed"]=>
  bool(false)
  ["connection_status"]=>
  int(0)
  ["connection_status_at_finish"]=>
  int(0)
  ["sigpipe"]=>
  int(0)
  ["queued"]=>
  int(0)
  ["ran"]=>
  int(0)
  ["failed"]=>
  int(0)
  ["skipped"]=>
  int(0)
  ["cancelled"]=>
  int(0)
  ["elapsed"]=>
  float(0)
  ["tasks"]=>
  array(0) {
  }
}
bool(true)
