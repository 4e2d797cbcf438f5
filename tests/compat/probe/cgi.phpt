--TEST--
defer compat probe: the extension is loaded (or not) in the CGI test processes as the run expects
--CGI--
--FILE--
<?php
$expect = getenv('DEFER_COMPAT_EXPECT');
$state = !extension_loaded('defer') ? 'absent' : (function_exists('defer') ? 'global' : 'namespaced');
echo php_sapi_name(), ": ", $state === $expect ? "as expected\n" : "expected $expect, got $state\n";
?>
--EXPECT--
cgi-fcgi: as expected
