#!/usr/bin/env bash
# Installs, builds and runs every suite: packaging, code style, phpt (run-tests.php) plain and under opcache's tracing and function JITs, Catch2
# (CTest), end to end and the fault matrix (php-fpm + nginx on loopback), Apache mod_php,
# the frameworks (Symfony, Laravel), a soak test under load, and the phpt suite under
# valgrind and under a debug + ZTS + AddressSanitizer PHP, and the version matrix (PHP 8.4, 8.5
# and 8.6 in a cached Debian sid chroot: build, phpt, e2e). Ends with one line
# "N passed, N failed, N skipped" over all of them; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source "$root/tests/lib/phpt_summary.sh"

"$root/scripts/install-deps.sh" || { echo "installing the dependencies failed"; echo "0 passed, 1 failed"; exit 1; }
"$root/scripts/build.sh" || { echo "the build failed"; echo "0 passed, 1 failed"; exit 1; }

total_passed=0
total_failed=0
total_skipped=0
logs=$(mktemp -d /tmp/defer-tests.XXXXXX)

# run_suite <name> <title> <command...>: the command prints "<name>: N passed, N failed[, N skipped]".
run_suite() {
    local name=$1 title=$2; shift 2
    echo "== $title"
    "$@" > "$logs/$name.log" 2>&1
    grep -avE "^ok - |^$name: [0-9]+ passed" "$logs/$name.log" | tail -40
    local line passed failed skipped
    line=$(grep -aE "^$name: [0-9]+ passed, [0-9]+ failed" "$logs/$name.log" | tail -1)
    [[ -n $line ]] || line="$name: 0 passed, 1 failed (no summary line)"
    passed=$(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")
    failed=$(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")
    skipped=$(grep -oE "[0-9]+ skipped" <<<"$line" | grep -oE "[0-9]+" || echo 0)
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    echo "$line"
}

phpt() {
    TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 php -n run-tests.php -q --show-diff -j"$(nproc)" \
        -n -d extension="$root/modules/defer.so" -d defer.global_functions=1 tests/phpt > "$logs/phpt-run.log" 2>&1
    grep -E "^(FAIL|SKIP|BORK|LEAK)|^Tests " "$logs/phpt-run.log"
    phpt_report phpt "$logs/phpt-run.log" no tests/phpt  # nothing may be skipped in the plain run
}

catch2() {
    if ! { cmake -S "$root" -B "$root/cmake-build" -DCMAKE_BUILD_TYPE=Debug && cmake --build "$root/cmake-build" -j"$(nproc)"; } > "$logs/cmake.log" 2>&1; then
        tail -30 "$logs/cmake.log"; echo "catch2: 0 passed, 1 failed"; return
    fi
    ctest --test-dir "$root/cmake-build" --output-on-failure > "$logs/ctest.log" 2>&1
    grep -E "tests passed|Failed|\*\*\*" "$logs/ctest.log"
    local total failed
    total=$(grep -oE "tests failed out of [0-9]+" "$logs/ctest.log" | grep -oE "[0-9]+$" || echo 0)
    failed=$(grep -oE "[0-9]+ tests failed out of" "$logs/ctest.log" | grep -oE "^[0-9]+" || echo 0)
    [[ $total -gt 0 ]] || { echo "catch2: 0 passed, 1 failed"; return; }
    echo "catch2: $((total - failed)) passed, $failed failed"
}

so="$root/modules/defer.so"
run_suite packaging "packaging: composer.json, package.xml, arginfo" "$root/tools/check_package.sh"
run_suite "pecl install" "pecl install: pear package, then pecl install of the tarball into a scratch root, loaded and run" "$root/tests/install/pecl.sh"
run_suite style "code style: clang-format, clang-tidy" "$root/tools/check_style.sh"
run_suite phpt "phpt (run-tests.php)" phpt
run_suite jit "phpt under opcache: the tracing JIT (every test), the function JIT (the tests of the limits)" "$root/tests/jit/phpt.sh" "$so"
run_suite catch2 "Catch2 (CTest)" catch2
run_suite compat "compat: php-src's own tests (Zend, lang, standard, session, CLI, CGI, php-fpm) without and with the extension" "$root/tests/compat/run.sh" "$so"
run_suite e2e "end to end (php-fpm + nginx on 127.0.0.1)" "$root/tests/e2e/run.sh" "$so"
run_suite "fault matrix" "fault matrix (php-fpm + nginx on 127.0.0.1)" "$root/tests/e2e/fault_matrix.sh" "$so"
run_suite "e2e jit" "php-fpm with opcache.jit=function: a loop-free recursion is ended by its limit, the worker serves its next request" "$root/tests/e2e/jit.sh" "$so"
run_suite apache "Apache mod_php (connection_close) on 127.0.0.1" "$root/tests/e2e/apache.sh" "$so"
run_suite deploys "deploys: php-fpm USR2, QUIT and TERM during deferred work, with and without process_control_timeout" "$root/tests/e2e/deploys.sh" "$so"
run_suite "disabled finish" "fastcgi_finish_request() in disable_functions (php.ini, per pool): responses still finished early, said once per worker" "$root/tests/e2e/disabled_finish.sh" "$so"
run_suite syscalls "no system call per task: strace -c over 10 and 2 010 trivial tasks, CLI and a php-fpm worker" "$root/tests/e2e/syscalls.sh" "$so"
run_suite keepalive "kept-alive FastCGI connections: nginx keepalive + fastcgi_keep_conn, GET and POST under load" "$root/tests/e2e/keepalive.sh" "$so"
run_suite "apache fcgi" "kept-alive FastCGI connections: Apache mpm_event + proxy_fcgi enablereuse=on" "$root/tests/e2e/apache_fcgi.sh" "$so"
run_suite "framework keepalive" "kept-alive FastCGI connections under applications that finish their own response: Symfony, Laravel 11 and 12, by hand; nginx (unix, TCP) and Apache proxy_fcgi (TCP), GET and POST under load" "$root/tests/frameworks/keepalive_apps.sh" "$so"
run_suite "pool metrics" "the pool's numbers: defer_pool_status() over php-fpm's workers and a reload, examples/metrics through promtool and a real Prometheus" "$root/tests/e2e/pool_metrics.sh" "$so"
run_suite "redis handoff" "hand-off to a real queue: examples/redis, deferred LPUSH, consumer SIGKILLed halfway, every job done once" "$root/tests/e2e/redis_handoff.sh" "$so"
run_suite frameworks "frameworks: plain PHP, Symfony, Laravel examples" "$root/tests/frameworks/run.sh" "$so"
run_suite "laravel package" "Laravel package (integrations/laravel): Laravel 11 and 12 from Packagist with defer/laravel under php-fpm + nginx keepalive + OPcache, with and without the extension; Artisan, queue:work, PHPUnit" "$root/tests/frameworks/laravel_package.sh" "$so"
run_suite messenger "Symfony Messenger worker: run_pending() after each message" "$root/tests/frameworks/messenger.sh" "$so"
run_suite phpunit "PHPUnit: a controller calling finish_and_defer(), tests asserting deferred effects with run_pending(), no risky test" "$root/tests/frameworks/phpunit.sh" "$so"
run_suite soak "soak: 10 s of wrk at 64 connections against 4 workers, nothing lost" "$root/tests/e2e/soak.sh" "$so" 10 64
run_suite valgrind "phpt under valgrind (USE_ZEND_ALLOC=0)" "$root/tests/memory/valgrind.sh"
run_suite asan "phpt under a debug + ZTS + ASan PHP (built once, cached)" "$root/tests/memory/asan.sh"
# The newer PHPs, from Debian's binary packages in a sid chroot (made once, cached).
for version in 8.4 8.5 8.6; do
    run_suite "php$version" "PHP $version (sid chroot): build without warning, ZTS compile, phpt, php-fpm + nginx e2e" \
        "$root/tests/versions/run.sh" "$version"
done

rm -rf "$logs"
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[[ $total_failed -eq 0 ]]
