--TEST--
defer_status() while queued and after the tasks ran: counts, states, durations, elapsed
--INI--
error_log=/dev/null
--FILE--
<?php
function sleeper(int $microseconds): void
{
    usleep($microseconds);
}

defer('sleeper', 20000);
$cancelled = defer('sleeper', 1);
defer(function () {
    throw new LogicException('failing task');
});
defer_cancel($cancelled);
defer(function () {
    register_shutdown_function(function () {
        $status = defer_status();
        var_dump($status);
        var_dump($status['tasks'][0]['duration'] >= 0.02);
        var_dump($status['elapsed'] >= $status['tasks'][0]['duration']);
        var_dump($status['tasks'][1]['duration'] === 0.0);
    });
});

$before = defer_status();
var_dump($before['queued'], $before['ran'], $before['cancelled'], $before['elapsed']);
var_dump(array_column($before['tasks'], 'state'));
?>
--EXPECTF--
int(4)
int(0)
int(1)
float(0)
array(4) {
  [0]=>
  string(7) "pending"
  [1]=>
  string(9) "cancelled"
  [2]=>
  string(7) "pending"
  [3]=>
  string(7) "pending"
}
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
  int(4)
  ["ran"]=>
  int(3)
  ["failed"]=>
  int(1)
  ["skipped"]=>
  int(0)
  ["cancelled"]=>
  int(1)
  ["elapsed"]=>
  float(%f)
  ["tasks"]=>
  array(4) {
    [0]=>
    array(6) {
      ["id"]=>
      int(1)
      ["name"]=>
      NULL
      ["callable"]=>
      string(7) "sleeper"
      ["state"]=>
      string(2) "ok"
      ["duration"]=>
      float(%f)
      ["error"]=>
      NULL
    }
    [1]=>
    array(6) {
      ["id"]=>
      int(2)
      ["name"]=>
      NULL
      ["callable"]=>
      string(7) "sleeper"
      ["state"]=>
      string(9) "cancelled"
      ["duration"]=>
      float(0)
      ["error"]=>
      NULL
    }
    [2]=>
    array(6) {
      ["id"]=>
      int(3)
      ["name"]=>
      NULL
      ["callable"]=>
      string(%d) "{closure:%s014_defer_status_after_run.php:9}"
      ["state"]=>
      string(9) "exception"
      ["duration"]=>
      float(%f)
      ["error"]=>
      string(%d) "LogicException: failing task in %s014_defer_status_after_run.php:10"
    }
    [3]=>
    array(6) {
      ["id"]=>
      int(4)
      ["name"]=>
      NULL
      ["callable"]=>
      string(%d) "{closure:%s014_defer_status_after_run.php:13}"
      ["state"]=>
      string(2) "ok"
      ["duration"]=>
      float(%f)
      ["error"]=>
      NULL
    }
  }
}
bool(true)
bool(true)
bool(true)
