--TEST--
Static and instance callables keep their called class (late static binding) when the task runs
--FILE--
<?php
class Base
{
    public static function who(string $how): void
    {
        echo "$how: ", static::class, "\n";
    }

    public function instance(string $how): void
    {
        echo "$how: ", static::class, "\n";
    }

    private function secret(): void
    {
        echo "private via child object: ", static::class, "\n";
    }

    public function schedule(): void
    {
        defer([$this, 'secret']);
    }
}

class Child extends Base {}

defer('Child::who', 'string');
defer([Child::class, 'who'], 'array');
defer(Child::who(...), 'first-class callable');
defer([new Child(), 'instance'], 'instance');
(new Child())->schedule();
defer(function () {
    echo implode(', ', array_column(defer_status()['tasks'], 'callable')), "\n";
});
?>
--EXPECTF--
string: Child
array: Child
first-class callable: Child
instance: Child
private via child object: Child
Child::who, Child::who, Child::who, Child::instance, Child::secret, {closure:%s:32}
