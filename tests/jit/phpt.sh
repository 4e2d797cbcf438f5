#!/usr/bin/env bash
# The phpt suite once more as production runs it: under opcache with the tracing JIT (every
# test), then with the function JIT (opcache.jit=function, which checks the VM interrupt
# only at loop heads and after internal calls) for the tests that stop tasks by their limits.
# opcache.file_update_protection=0: run-tests.php writes each test's script just before running
# it, and opcache would not cache (nor JIT) a file younger than 2 s.
# Usage: tests/jit/phpt.sh [defer.so]. Prints "jit: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
so=${1:-$root/modules/defer.so}
source "$root/tests/lib/phpt_summary.sh"
cd "$root"
log=$(mktemp -d /tmp/defer-jit.XXXXXX)
# PHP 8.5 builds opcache in; before, it is a zend_extension to load.
load_opcache=(-d zend_extension=opcache)
php -n -m | grep -qx "Zend OPcache" && load_opcache=()

run() { # run <mode> <tests...>
    local mode=$1; shift
    TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 php -n run-tests.php -q --show-diff -j"$(nproc)" \
        -n -d extension="$so" -d defer.global_functions=1 "${load_opcache[@]}" -d opcache.enable_cli=1 -d opcache.jit_buffer_size=64M \
        -d opcache.file_update_protection=0 -d opcache.jit="$mode" "$@" >"$log/$mode.log" 2>&1
    phpt_report "jit $mode" "$log/$mode.log" no tests/phpt | tail -40
}

# The JIT is really on in those runs (a wrong setting would silently test the interpreter).
jit_on() {
    php -n "${load_opcache[@]}" -d opcache.enable_cli=1 -d opcache.jit_buffer_size=64M -d opcache.jit="$1" \
        -r 'echo (opcache_get_status(false)["jit"]["on"] ?? false) ? "on" : "off";'
}
passed=0 failed=0
for mode in tracing function; do
    if [[ $(jit_on $mode) != on ]]; then
        echo "not ok - opcache.jit=$mode is not on with this PHP"
        failed=$((failed + 1))
    fi
done

limit_tests=$(grep -lE "task_timeout|time_budget" tests/phpt/*.phpt)
for mode in tracing function; do
    if [[ $mode == tracing ]]; then
        line=$(run tracing tests/phpt | tee /dev/stderr | tail -1)
    else
        # shellcheck disable=SC2086 # one argument per test file
        line=$(run function $limit_tests | tee /dev/stderr | tail -1)
    fi 2>&1
    passed=$((passed + $(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")))
    failed=$((failed + $(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")))
done
rm -rf "$log"
echo "jit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
