--TEST--
Task ids count up from 1 in queue order and tasks run first in, first out
--FILE--
<?php
function task(string $name): void
{
    echo "run $name\n";
}

$ids = [];
foreach (['one', 'two', 'three', 'four', 'five'] as $name) {
    $ids[$name] = defer('task', $name);
}
var_dump($ids);
echo "main end\n";
?>
--EXPECT--
array(5) {
  ["one"]=>
  int(1)
  ["two"]=>
  int(2)
  ["three"]=>
  int(3)
  ["four"]=>
  int(4)
  ["five"]=>
  int(5)
}
main end
run one
run two
run three
run four
run five
