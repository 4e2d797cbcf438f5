<?php
// The application's own shutdown functions keep working and the tasks still run last.
require __DIR__ . '/record.inc';
register_shutdown_function(fn () => append_line('order', 'shutdown 1 (before the first defer)'));
defer(fn () => append_line('order', 'task 1'));
register_shutdown_function(fn () => append_line('order', 'shutdown 2 (after the first defer)'));
register_shutdown_function(function () {
    append_line('order', 'shutdown 3 (registers another)');
    register_shutdown_function(fn () => append_line('order', 'shutdown 4 (registered by 3)'));
});
defer(fn () => append_line('order', 'task 2'));
echo "order\n";
