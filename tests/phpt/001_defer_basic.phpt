--TEST--
defer() returns the first id and runs the task after the script has ended
--FILE--
<?php
$id = defer(function () {
    echo "task ran\n";
});
var_dump($id);
echo "main end\n";
?>
--EXPECT--
int(1)
main end
task ran
