<?php
// Writes package.xml (PECL) listing every file of the repository with its role.
// Usage: php tools/package_xml.php [output file]   (default: package.xml in the repository)
const RELEASE_DATE = '2026-11-22';
const STABILITY = 'alpha';

$root = dirname(__DIR__);
preg_match('/#define PHP_DEFER_VERSION "([^"]+)"/', file_get_contents("$root/src/php/php_defer.h"), $m);
$version = $m[1];
$files = array_filter(explode("\0", shell_exec('git -C ' . escapeshellarg($root) . ' ls-files -z') ?? ''));
$files = array_values(array_filter($files, fn ($f) => !preg_match('#^(\.ci/|\.gitignore$|package\.xml$)#', $f) && file_exists("$root/$f")));
sort($files);

function role(string $file): string
{
    return match (true) {
        preg_match('#^(config\.m4|CMakeLists\.txt|src/|include/|stubs/)#', $file) === 1 => 'src',
        str_starts_with($file, 'tests/') => 'test',
        default => 'doc',
    };
}

$entries = implode("\n", array_map(
    fn ($f) => sprintf('   <file name="%s" role="%s"/>', htmlspecialchars($f, ENT_XML1), role($f)), $files));
$date = RELEASE_DATE;
$stability = STABILITY;
$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>defer</name>
 <channel>pecl.php.net</channel>
 <summary>Run work after the response is sent, under a time budget</summary>
 <description>defer() queues work; finish_and_defer() sends the response now. At the end of the request the extension closes the session, flushes every output buffer, finishes the response through the SAPI (php-fpm, LiteSpeed, FrankenPHP, or Content-Length + Connection: close), then runs the queued callables one at a time under a wall-clock budget, recording each outcome (defer_status(), the error log).</description>
 <lead>
  <name>defer developers</name>
  <user>defer</user>
  <email>defer@php.invalid</email>
  <active>yes</active>
 </lead>
 <date>$date</date>
 <version>
  <release>$version</release>
  <api>$version</api>
 </version>
 <stability>
  <release>$stability</release>
  <api>$stability</api>
 </stability>
 <license uri="https://opensource.org/licenses/MIT">MIT</license>
 <notes>
First release: defer(), defer_cancel(), finish_and_defer(), defer_status(); time budget and per-task timeout; SIGPIPE and connection records.
 </notes>
 <contents>
  <dir name="/">
$entries
  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.2.0</min>
    <max>8.6.99</max>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>defer</providesextension>
 <extsrcrelease/>
</package>

XML;
file_put_contents($argv[1] ?? "$root/package.xml", $xml);
