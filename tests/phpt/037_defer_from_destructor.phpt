--TEST--
A task deferred by a destructor that runs at request shutdown still runs
--FILE--
<?php
class Resource_
{
    public function __construct(private string $name) {}

    public function __destruct()
    {
        echo "destructor of {$this->name}\n";
        $id = defer(function () {
            echo "cleanup task for {$this->name}\n";
        });
        echo "deferred #$id\n";
    }
}

$kept = new Resource_('global object');
defer(function () {
    echo "task 1\n";
});
echo "main end\n";
?>
--EXPECT--
main end
task 1
destructor of global object
deferred #2
cleanup task for global object
