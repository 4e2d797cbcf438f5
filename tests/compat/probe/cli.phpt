--TEST--
defer compat probe: the extension is loaded (or not) in the CLI test processes as the run expects
--FILE--
<?php
// DEFER_COMPAT_EXPECT (set by tests/compat/run.sh): "absent", "global" or "namespaced".
$expect = getenv('DEFER_COMPAT_EXPECT');
$state = !extension_loaded('defer') ? 'absent' : (function_exists('defer') ? 'global' : 'namespaced');
echo $state === $expect ? "as expected\n" : "expected $expect, got $state\n";
?>
--EXPECT--
as expected
