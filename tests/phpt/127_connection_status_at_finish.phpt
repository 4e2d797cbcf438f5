--TEST--
defer_status() has connection_status_at_finish next to connection_status, before, during and after the deferred phase, with and without finish_and_defer()
--INI--
error_log=/dev/null
--FILE--
<?php
function show(string $when): void
{
    $status = defer_status();
    printf("%s: finished=%s method=%s connection_status=%s at_finish=%s sigpipe=%s\n", $when,
        var_export($status['finished'], true), $status['finish_method'],
        var_export($status['connection_status'], true),
        var_export($status['connection_status_at_finish'] ?? 'missing', true),
        var_export($status['sigpipe'], true));
}

show('before anything');
var_dump(finish_and_defer(function () {
    show('in the task');
    register_shutdown_function('show', 'after the tasks');
}));
show('after finish_and_defer');
?>
--EXPECT--
before anything: finished=false method=none connection_status=0 at_finish=0 sigpipe=0
bool(false)
after finish_and_defer: finished=false method=none connection_status=0 at_finish=0 sigpipe=0
in the task: finished=false method=none connection_status=0 at_finish=0 sigpipe=0
after the tasks: finished=false method=none connection_status=0 at_finish=0 sigpipe=0
