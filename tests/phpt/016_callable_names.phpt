--TEST--
defer_status() names each kind of callable
--FILE--
<?php
namespace App {
    function helper() {}
}

namespace {
    class Base
    {
        public function method() {}
        public static function staticMethod() {}
        public function __invoke() {}
        public function __call($name, $args) {}
        public static function __callStatic($name, $args) {}
    }

    class Child extends Base {}

    $base = new Base();
    defer('strlen', 'x');
    defer('App\helper');
    defer('Base::staticMethod');
    defer([Base::class, 'staticMethod']);
    defer([$base, 'method']);
    defer([new Child(), 'method']);
    defer($base);
    defer(function () {});
    defer(fn() => null);
    defer(static function () {
    });
    defer(strlen(...), 'x');
    defer($base->method(...));
    defer(Base::staticMethod(...));
    defer(Closure::fromCallable([$base, 'method']));
    defer([$base, 'magicMethod']);
    defer('Base::magicStatic');

    defer(function () {
        register_shutdown_function(function () {
            foreach (defer_status()['tasks'] as $task) {
                printf("%2d %-9s %s\n", $task['id'], $task['state'],
                    str_replace(__FILE__, 'FILE', $task['callable']));
            }
        });
    });
}
?>
--EXPECT--
 1 ok        strlen
 2 ok        App\helper
 3 ok        Base::staticMethod
 4 ok        Base::staticMethod
 5 ok        Base::method
 6 ok        Child::method
 7 ok        Base::__invoke
 8 ok        {closure:FILE:26}
 9 ok        {closure:FILE:27}
10 ok        {closure:FILE:28}
11 ok        strlen
12 ok        Base::method
13 ok        Base::staticMethod
14 ok        Base::method
15 ok        Base::magicMethod
16 ok        Base::magicStatic
17 ok        {closure:FILE:37}
