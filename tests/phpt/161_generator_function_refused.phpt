--TEST--
A generator function is refused as a task (its body would never run), by defer(), Defer\defer_named() and finish_and_defer(), with a clear error
--FILE--
<?php
function numbers() { echo "never printed\n"; yield 1; }
class Jobs {
    public static function each() { yield 1; }
    public function all() { yield from [1, 2]; }
    public function normal() { echo "a method returning a generator is fine\n"; return numbers(); }
}
$cases = [
    'named function' => fn () => defer('numbers'),
    'closure' => fn () => defer(function () { yield 1; }),
    'arrow function with yield' => fn () => defer(fn () => yield 1),
    'static method' => fn () => defer([Jobs::class, 'each']),
    'method' => fn () => defer([new Jobs(), 'all']),
    'first-class callable' => fn () => defer(numbers(...)),
    'finish_and_defer' => fn () => finish_and_defer('numbers'),
    'defer_named' => fn () => Defer\defer_named('n', 'numbers'),
    'defer_named, closure' => fn () => Defer\defer_named('n', function () { yield 1; }),
];
foreach ($cases as $what => $call) {
    try {
        $call();
        echo "$what: accepted\n";
    } catch (ValueError $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
defer([new Jobs(), 'normal']);
$report = new class {
    public function __destruct() {
        $status = defer_status();
        echo "queued: {$status['queued']}, ", $status['tasks'][0]['callable'], ": ", $status['tasks'][0]['state'], "\n";
    }
};
?>
--EXPECT--
named function: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
closure: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
arrow function with yield: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
static method: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
method: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
first-class callable: ValueError: defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
finish_and_defer: ValueError: finish_and_defer(): Argument #1 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
defer_named: ValueError: Defer\defer_named(): Argument #2 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
defer_named, closure: ValueError: Defer\defer_named(): Argument #2 ($callback) must not be a generator function (calling it would only create a generator, its body would not run)
a method returning a generator is fine
queued: 1, Jobs::normal: ok
