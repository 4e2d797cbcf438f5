--TEST--
Arguments are bound when defer() is called: values are copied, objects are shared by handle
--FILE--
<?php
$string = 'before';
$array = [1, 2];
$number = 1;
$reference = &$number;
defer(function ($string, $array, $number) {
    var_dump($string, $array, $number);
}, $string, $array, $reference);
$string = 'after';
$array[] = 3;
$number = 99;

$object = new stdClass();
$object->value = 'before';
defer(function (stdClass $object) {
    var_dump($object->value);
}, $object);
$object->value = 'changed through the same handle';
$object = new stdClass();
$object->value = 'a different object';

function by_value(array $list) {
    echo implode(',', $list), "\n";
}
$list = ['x'];
defer('by_value', $list);
$list[0] = 'y';
echo "main end\n";
?>
--EXPECT--
main end
string(6) "before"
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
int(1)
string(31) "changed through the same handle"
x
