--TEST--
Named arguments are bound and passed to the task; a bad name fails only that task
--INI--
error_log=/dev/null
--FILE--
<?php
function show($a, $b = 'default b', ...$rest)
{
    echo "a=$a b=$b rest=", json_encode($rest), "\n";
}

function strict_show($a, $b = 'default b')
{
    echo "never\n";
}

defer('show', b: 'named b', a: 'named a');
defer('show', 'positional a', extra: 'goes to rest');
defer('show', a: 'only a');
defer('strict_show', a: 'a', nope: 'x');
defer(function () {
    register_shutdown_function(function () {
        foreach (defer_status()['tasks'] as $task) {
            echo $task['id'], ' ', $task['state'], ' ', $task['error'] ?? '-', "\n";
        }
    });
});
echo "main end\n";
?>
--EXPECTF--
main end
a=named a b=named b rest=[]
a=positional a b=default b rest={"extra":"goes to rest"}
a=only a b=default b rest=[]
1 ok -
2 ok -
3 ok -
4 exception Error: Unknown named parameter $nope, for the task deferred in %s005_named_args.php:15
5 ok -
