#!/usr/bin/env bash
# The whole phpt suite under valgrind (run-tests.php -m, USE_ZEND_ALLOC=0): no memory error,
# no leak. Prints "valgrind: N passed, N failed, N skipped" (a leak counts as failed).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
log=$(mktemp)
USE_ZEND_ALLOC=0 TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
    php -n run-tests.php -q -m -j"$(nproc)" -n -d extension="$root/modules/defer.so" tests/phpt >"$log" 2>&1
grep -E "^(FAIL|LEAK|BORK)|^Tests (passed|failed|leaked|skipped)" "$log" | sed 's/\x1b\[[0-9;]*m//g'
count() { grep -oE "^Tests $1 +: +[0-9]+" "$log" | grep -oE "[0-9]+$" || echo 0; }
passed=$(count passed); failed=$(( $(count failed) + $(count leaked) + $(count borked) )); skipped=$(count skipped)
[[ $passed -gt 0 ]] || failed=$((failed + 1))
rm -f "$log"
echo "valgrind: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
