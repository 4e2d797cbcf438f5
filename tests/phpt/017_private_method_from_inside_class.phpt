--TEST--
A private method deferred from inside its class runs later, outside that scope
--FILE--
<?php
class Vault
{
    private string $secret = 'hidden value';

    public function scheduleAll(): array
    {
        return [
            defer([$this, 'reveal'], 'instance'),
            defer([self::class, 'revealStatic'], 'static'),
            defer($this->reveal(...), 'first-class'),
            defer(function () {
                $this->reveal('closure');
            }),
        ];
    }

    private function reveal(string $how): void
    {
        echo "$how: {$this->secret}\n";
    }

    private static function revealStatic(string $how): void
    {
        echo "$how: private static\n";
    }
}

$vault = new Vault();
var_dump($vault->scheduleAll());
try {
    defer([$vault, 'reveal'], 'outside');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
defer(function () {
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            echo $task['id'], ' ', $task['state'], ' ', str_replace(__FILE__, 'FILE', $task['callable']), "\n";
        }
    });
});
unset($vault);
echo "main end\n";
?>
--EXPECT--
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
defer(): Argument #1 ($callback) must be a valid callback, cannot access private method Vault::reveal()
main end
instance: hidden value
static: private static
first-class: hidden value
closure: hidden value
1 ok Vault::reveal
2 ok Vault::revealStatic
3 ok Vault::reveal
4 ok {closure:FILE:12}
5 ok {closure:FILE:36}
