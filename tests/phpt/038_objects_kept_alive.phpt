--TEST--
The callable and the bound arguments stay alive until the task has run, and are released right after it (not at the end of the request)
--FILE--
<?php
class Tracked
{
    public function __construct(public string $name) {}

    public function run(Tracked $other): void
    {
        echo "run {$this->name} with {$other->name}\n";
    }

    public function __destruct()
    {
        echo "destroy {$this->name}\n";
    }
}

function schedule(): void
{
    $callee = new Tracked('callee');
    $argument = new Tracked('argument');
    defer([$callee, 'run'], $argument);
    $closureTarget = new Tracked('captured');
    defer(function () use ($closureTarget) {
        echo "closure sees {$closureTarget->name}\n";
    });
}

schedule();
gc_collect_cycles();
echo "main end\n";
?>
--EXPECT--
main end
run callee with argument
destroy callee
destroy argument
closure sees captured
destroy captured
