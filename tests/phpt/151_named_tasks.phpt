--TEST--
defer_named(): deferring under the name of a pending task cancels it ("replaced by task #N") and the later one runs in its own place; defer_cancel() takes a name; the name is in defer_status()
--INI--
defer.log=off
--FILE--
<?php
use function Defer\defer;
use function Defer\defer_named;
use function Defer\defer_cancel;
use function Defer\defer_status;

class Held {
    public function __construct(public string $what) {}
    public function __destruct() { echo "released: {$this->what}\n"; }
}

var_dump(defer_named('receipt', function (Held $held) { echo "first receipt\n"; }, new Held('first receipt')));
var_dump(defer(fn () => print("unnamed\n")));
echo "replacing\n";
var_dump(defer_named('receipt', fn (string $to) => print("second receipt to $to\n"), to: 'ann'));
var_dump(defer_named('other', fn () => print("other\n")));
var_dump(defer_named('Receipt', fn () => print("Receipt (another name)\n")));
var_dump(defer_named('gone', fn () => print("never runs\n")));
var_dump(defer_named('123', fn () => print("never runs either\n")));

echo "cancel by name: ";
var_dump(defer_cancel('gone'), defer_cancel('gone'), defer_cancel('no such name'));
echo "a numeric string is a name: ";
var_dump(defer_cancel('123'));
echo "an id still works: ";
var_dump(defer_cancel(4));

defer(function () {
    echo "in a task: a pending task is replaced, a started one is not\n";
    defer_named('later', fn () => print("later (replaced)\n"));
    defer_named('later', fn () => print("later (kept)\n"));
    defer_named('receipt', fn () => print("receipt again: the first ran already\n"));
    var_dump(defer_cancel('receipt'), defer_cancel('receipt'));
});

var_dump(Defer\run_pending());
$status = defer_status();
printf("queued %d, ran %d, cancelled %d\n", $status['queued'], $status['ran'], $status['cancelled']);
foreach ($status['tasks'] as $task) {
    printf("#%d %s %s %s\n", $task['id'], var_export($task['name'], true), $task['state'], var_export($task['error'], true));
}
?>
--EXPECT--
int(1)
int(2)
replacing
released: first receipt
int(3)
int(4)
int(5)
int(6)
int(7)
cancel by name: bool(true)
bool(false)
bool(false)
a numeric string is a name: bool(true)
an id still works: bool(true)
unnamed
second receipt to ann
Receipt (another name)
in a task: a pending task is replaced, a started one is not
bool(true)
bool(false)
later (kept)
int(5)
queued 11, ran 5, cancelled 6
#1 'receipt' cancelled 'replaced by task #3'
#2 NULL ok NULL
#3 'receipt' ok NULL
#4 'other' cancelled NULL
#5 'Receipt' ok NULL
#6 'gone' cancelled NULL
#7 '123' cancelled NULL
#8 NULL ok NULL
#9 'later' cancelled 'replaced by task #10'
#10 'later' ok NULL
#11 'receipt' cancelled NULL
