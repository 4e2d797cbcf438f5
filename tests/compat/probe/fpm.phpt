--TEST--
defer compat probe: the extension is loaded (or not) in php-fpm's workers as the run expects
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php
// Copied into sapi/fpm/tests of the run's tree, next to php-src's FPM tester.
require_once "tester.inc";

$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR}}
pm = static
pm.max_children = 1
EOT;

$code = <<<EOT
<?php
echo php_sapi_name(), ' ', extension_loaded('defer') ? 'loaded' : 'absent';
EOT;

$expect = getenv('DEFER_COMPAT_EXPECT') === 'absent' ? 'absent' : 'loaded';
$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$tester->request()->expectBody("fpm-fcgi $expect");
$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();
?>
Done
--EXPECT--
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
