--TEST--
run_pending(): runs the queued tasks now (and those they queue), as a phase of its own; defer_status() shows that call's tasks, the counts of every task; ids go on; later tasks still run at the end
--INI--
defer.log=errors
--FILE--
<?php
var_dump(Defer\run_pending()); // nothing queued

defer(function () { echo "first\n"; defer(fn () => print("queued by first\n")); });
$cancelled = defer(fn () => print("never\n"));
defer_cancel($cancelled);
defer(function () { throw new RuntimeException('boom'); });
defer(function () { echo "exits\n"; exit(4); });
echo "before\n";
var_dump(Defer\run_pending());
echo "after\n";
$status = defer_status();
echo json_encode(array_map(fn ($t) => [$t['id'], $t['state']], $status['tasks'])), "\n";
printf("queued %d ran %d failed %d cancelled %d\n", $status['queued'], $status['ran'], $status['failed'], $status['cancelled']);

// The next call forgets the last one's tasks but keeps their counts; ids never repeat.
$id = defer(fn () => print("second batch\n"));
var_dump($id);
var_dump(defer_cancel(1));
var_dump(defer_run_pending());
$status = defer_status();
echo json_encode(array_map(fn ($t) => [$t['id'], $t['callable'], $t['state']], $status['tasks'])), "\n";
printf("queued %d ran %d failed %d\n", $status['queued'], $status['ran'], $status['failed']);

// From inside a task: refused, the task fails with that Error.
defer(function () { Defer\run_pending(); });
var_dump(defer_run_pending());
echo defer_status()['tasks'][0]['error'], "\n";

// The script's own state is untouched by what tasks did.
set_error_handler(fn () => print("the script's handler\n"));
defer(function () { set_error_handler(fn () => throw new Exception('task handler')); ob_start(); echo "buffered\n"; });
defer_run_pending();
echo $undefined_variable ?? '', trigger_error('after', E_USER_NOTICE) ? '' : '';
var_dump(ob_get_level());

defer(fn () => print("at the end of the script\n"));
echo "end\n";
?>
--EXPECTF--
int(0)
before
first
defer: task #3 ({closure:%s:7}) exception: RuntimeException: boom in %s:7
exits
defer: task #4 ({closure:%s:8}) exit: exit(4) called
queued by first
int(4)
after
[[1,"ok"],[2,"cancelled"],[3,"exception"],[4,"exit"],[5,"ok"]]
queued 5 ran 4 failed 2 cancelled 1
int(6)
bool(false)
second batch
int(1)
[[6,"{closure:%s:17}","ok"]]
queued 6 ran 5 failed 2
defer: task #7 ({closure:%s:26}) exception: Error: Defer\run_pending(): Cannot run the pending tasks from inside a deferred task in %s:26
int(1)
Error: Defer\run_pending(): Cannot run the pending tasks from inside a deferred task in %s:26
buffered
the script's handler
int(0)
end
at the end of the script
defer: request done: finished=no via none, client_aborted=no, connection_status=0 at finish and 0 at end, sigpipe=0, tasks: 9 queued, 8 ran, 3 failed, 0 timed out, 0 skipped, 1 cancelled, %f s
