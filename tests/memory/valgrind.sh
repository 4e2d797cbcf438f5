#!/usr/bin/env bash
# The whole phpt suite under valgrind (run-tests.php -m, USE_ZEND_ALLOC=0): no memory error,
# no leak. Twice: with no php.ini (-n), and as PHP's own `run-tests.php -m` runs it, with the
# system's php.ini and its extensions (slower under valgrind: a stop's landings are further
# apart there). Prints "valgrind: N passed, N failed, N skipped" (a leak counts as failed).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/lib/phpt_summary.sh"
cd "$root"
log=$(mktemp -d /tmp/defer-valgrind.XXXXXX)
USE_ZEND_ALLOC=0 TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
    php -n run-tests.php -q -m -j"$(nproc)" -n -d extension="$root/modules/defer.so" -d defer.global_functions=1 tests/phpt >"$log/no-ini.log" 2>&1
USE_ZEND_ALLOC=0 TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
    php run-tests.php -q -m -j"$(nproc)" -d extension="$root/modules/defer.so" -d defer.global_functions=1 tests/phpt >"$log/system-ini.log" 2>&1
passed=0 failed=0 skipped=0 status=0
for run in no-ini system-ini; do
    echo "# $run"
    grep -E "^(FAIL|LEAK|BORK)|^Tests (passed|failed|leaked|skipped)" "$log/$run.log" | sed 's/\x1b\[[0-9;]*m//g'
    line=$(phpt_report "valgrind $run" "$log/$run.log" yes tests/phpt) || status=1
    echo "$line"
    line=$(tail -1 <<<"$line")
    passed=$((passed + $(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")))
    failed=$((failed + $(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")))
    skipped=$((skipped + $(grep -oE "[0-9]+ skipped" <<<"$line" | grep -oE "[0-9]+")))
done
rm -rf "$log"
echo "valgrind: $passed passed, $failed failed, $skipped skipped"
exit $status
