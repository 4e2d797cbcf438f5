#!/usr/bin/env bash
# Runs inside the sid chroot, in a scratch copy of the sources (tests/versions/run.sh):
# builds with Debian's PHP <version> (no compiler warning), compiles the glue with ZTS
# defined against the same headers, runs the whole phpt suite and the end-to-end suite on
# that version's php-fpm behind nginx, the kept-alive connection suite and the kept-alive
# framework suite (nginx only), and the phpt suite under opcache's tracing and function JITs.
# Prints
# "php<version>: N passed, N failed".
set -u
version=$1
name=php$version
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
source tests/lib/check.sh
source tests/lib/phpt_summary.sh
log=$(mktemp -d /tmp/defer-$name.XXXXXX)

# `php`, `phpize` and `php-config` are this version's for every script below.
bin=$log/bin
mkdir -p "$bin"
for tool in php phpize php-config php-cgi; do ln -s "/usr/bin/$tool$version" "$bin/$tool"; done
export PATH=$bin:$PATH DEFER_PHP_FPM=/usr/sbin/php-fpm$version
echo "# $(php -n -v | head -1)"

# 1. The build: every compiler diagnostic is a failure.
build() {
    phpize >"$log/phpize.log" 2>&1 && ./configure --enable-defer >"$log/configure.log" 2>&1 &&
        make -j"$(nproc)" >"$log/make.log" 2>&1
}
no_compiler_warning() {
    ! grep -E "(warning|error):" "$log/make.log" && [[ -f modules/defer.so ]]
}
check "$name: builds" build
check "$name: no compiler warning" no_compiler_warning

# 2. ZTS: Debian ships no thread-safe PHP, so the glue is compiled (not run) with ZTS
#    defined against this version's headers, with the same flags as the real build.
zts_compile() {
    local file status=0
    for file in src/php/*.cpp; do
        g++ -std=c++17 -fsyntax-only -Wall -Wextra -Wno-unused-parameter -DZTS=1 -DCOMPILE_DL_DEFER=1 \
            -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -DHAVE_CONFIG_H -I. -Iinclude -Isrc/php \
            $(php-config --includes) "$file" >>"$log/zts.log" 2>&1 || status=1
    done
    cat "$log/zts.log"
    [[ $status -eq 0 && ! -s $log/zts.log ]]
}
check "$name: the glue compiles with ZTS defined, without a warning" zts_compile

# 3. The whole phpt suite: nothing may fail or skip.
phpt_passed=0 phpt_failed=1
if [[ -f modules/defer.so ]]; then
    TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 php -n run-tests.php -q --show-diff -j"$(nproc)" \
        -n -d extension="$src/modules/defer.so" -d defer.global_functions=1 tests/phpt >"$log/phpt.log" 2>&1
    line=$(phpt_report "$name phpt" "$log/phpt.log" no tests/phpt | tee /dev/stderr | tail -1)
    phpt_passed=$(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")
    phpt_failed=$(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")
fi 2>&1
passed=$((passed + phpt_passed)) failed=$((failed + phpt_failed))

# shell_suite <name> <script>: one of the shell suites, its counts added to this version's.
shell_suite() {
    local suite=$1 line; shift
    "$@" "$src/modules/defer.so" >"$log/$suite.log" 2>&1
    grep -E "^not ok" "$log/$suite.log"
    line=$(grep -E "^$suite: [0-9]+ passed" "$log/$suite.log" | tail -1)
    [[ -n $line ]] || { tail -20 "$log/$suite.log"; line="$suite: 0 passed, 1 failed"; }
    echo "$name $line"
    passed=$((passed + $(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")))
    failed=$((failed + $(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")))
}
# 4. The phpt suite once more under opcache: the tracing JIT, and the function JIT for the limits.
shell_suite jit tests/jit/phpt.sh
shell_suite "e2e jit" tests/e2e/jit.sh
# 5. End to end on this version's php-fpm behind nginx (both inside the chroot).
shell_suite e2e tests/e2e/run.sh
# 6. Kept-alive FastCGI connections (nginx keepalive, wrk load).
shell_suite keepalive tests/e2e/keepalive.sh
# 7. Applications that finish their own response (Symfony, Laravel, by hand) behind nginx's
#    kept-alive connections, unix socket and TCP (no Apache in the chroot), on the Composer
#    installs the host prepared (tests/versions/run.sh; its log is frameworks-install.log).
#    Laravel 11 and 12 do not run on PHP 8.6 yet: every request answers 500 (PHP 8.6's
#    deprecations, which Laravel reports as errors: ArraySessionHandler lacks create_sid(),
#    spl_object_hash()), whatever the extension does; on 8.6 only plain PHP and Symfony.
[[ -s frameworks-install.log ]] && cat frameworks-install.log
apps="plain symfony laravel11 laravel12"
if [[ $version == 8.6 ]]; then
    apps="plain symfony"
    echo "# $name: Laravel 11 and 12 not run in the kept-alive framework suite: they do not run on PHP 8.6 (500 on every request)"
fi
DEFER_FRAMEWORKS_CACHE=/var/tmp/defer-frameworks-$name DEFER_FRAMEWORKS_PREPARED=1 DEFER_KEEPALIVE_APPS=$apps \
    DEFER_KEEPALIVE_TRANSPORTS="nginx-unix nginx-tcp" shell_suite "framework keepalive" tests/frameworks/keepalive_apps.sh

rm -rf "$log"
echo "$name: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
