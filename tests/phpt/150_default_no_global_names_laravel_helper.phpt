--TEST--
At its defaults the extension registers no global defer() (only the Defer\ functions), so a Laravel-style `if (! function_exists('defer'))` helper is defined and is the one the bare name calls
--FILE--
<?php
require __DIR__ . '/child.inc';

// The child runs at the extension's defaults: no defer.global_functions on its command line,
// whatever this test's runner passes.
$command = defer_child_command(true, false);
$defaults = array_filter($command, fn (string $part) => str_starts_with($part, 'defer.'));
echo 'defer.* settings given to the child: ', json_encode(array_values($defaults)), "\n";

$child = defer_child_run(<<<'PHP'
<?php
var_dump(ini_get('defer.global_functions'));
foreach (['defer', 'defer_cancel', 'defer_status', 'finish_and_defer', 'defer_run_pending', 'defer_pool_status',
          'defer_named', 'defer_on_failure'] as $name) {
    if (function_exists($name)) {
        echo "global $name exists\n";
    }
}
var_dump(function_exists('Defer\defer'), function_exists('Defer\defer_named'), function_exists('Defer\on_failure'));

// Laravel's Illuminate/Foundation/helpers.php, in short.
if (! function_exists('defer')) {
    function defer(?callable $callback = null, ?string $name = null, bool $always = false)
    {
        return new class ($callback, $name, $always) {
            public function __construct(public $callback, public ?string $name, public bool $always) {}
            public function always(): static { $this->always = true; return $this; }
        };
    }
}
$deferred = defer(fn () => null, 'send-receipt')->always();
var_dump((new ReflectionFunction('defer'))->isUserDefined(), $deferred->name, $deferred->always);

\Defer\defer(function () { echo "the extension's task ran\n"; });
echo "end of script\n";
PHP, [], true, false);
echo $child['stdout'], $child['stderr'];
echo 'status ', $child['status'], "\n";
?>
--EXPECT--
defer.* settings given to the child: []
string(1) "0"
bool(true)
bool(true)
bool(true)
bool(true)
string(12) "send-receipt"
bool(true)
end of script
the extension's task ran
status 0
