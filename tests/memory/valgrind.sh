#!/usr/bin/env bash
# The whole phpt suite under valgrind (run-tests.php -m, USE_ZEND_ALLOC=0): no memory error,
# no leak. Prints "valgrind: N passed, N failed, N skipped" (a leak counts as failed).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/lib/phpt_summary.sh"
cd "$root"
log=$(mktemp)
USE_ZEND_ALLOC=0 TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
    php -n run-tests.php -q -m -j"$(nproc)" -n -d extension="$root/modules/defer.so" -d defer.global_functions=1 tests/phpt >"$log" 2>&1
grep -E "^(FAIL|LEAK|BORK)|^Tests (passed|failed|leaked|skipped)" "$log" | sed 's/\x1b\[[0-9;]*m//g'
phpt_report valgrind "$log" yes tests/phpt
status=$?
rm -f "$log"
exit $status
