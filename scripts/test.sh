#!/usr/bin/env bash
# Installs, builds and runs every suite: phpt (run-tests.php), Catch2 (CTest), end to end
# and the fault matrix (php-fpm + nginx on loopback). Ends with one line "N passed, N failed" over all of them;
# exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/scripts/install-deps.sh" || { echo "installing the dependencies failed"; echo "0 passed, 1 failed"; exit 1; }
"$root/scripts/build.sh" || { echo "the build failed"; echo "0 passed, 1 failed"; exit 1; }

total_passed=0
total_failed=0
add() { total_passed=$((total_passed + $1)); total_failed=$((total_failed + $2)); }
logs=$(mktemp -d /tmp/defer-tests.XXXXXX)

echo "== packaging: composer.json, package.xml, arginfo"
"$root/tools/check_package.sh" 2>&1 | tee "$logs/packaging.log"
packaging_line=$(grep -E "^packaging: [0-9]+ passed, [0-9]+ failed" "$logs/packaging.log" || echo "packaging: 0 passed, 1 failed")
add "$(echo "$packaging_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$packaging_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

echo "== code style: clang-format, clang-tidy"
"$root/tools/check_style.sh" 2>&1 | tee "$logs/style.log" | grep -E "^(ok|not ok|style)|warning|error" | head -40
style_line=$(grep -E "^style: [0-9]+ passed, [0-9]+ failed" "$logs/style.log" || echo "style: 0 passed, 1 failed")
add "$(echo "$style_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$style_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

echo "== phpt"
TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 php -n run-tests.php -q --show-diff \
    -n -d extension="$root/modules/defer.so" tests/phpt 2>&1 | tee "$logs/phpt.log" | grep -E "^(PASS|FAIL|SKIP|BORK)|^Tests " || true
phpt_passed=$(grep -oE "^Tests passed +: +[0-9]+" "$logs/phpt.log" | grep -oE "[0-9]+$" || echo 0)
phpt_failed=$(grep -oE "^Tests failed +: +[0-9]+" "$logs/phpt.log" | grep -oE "[0-9]+$" || echo 0)
phpt_borked=$(grep -oE "^Tests borked +: +[0-9]+" "$logs/phpt.log" | grep -oE "[0-9]+$" || echo 0)
phpt_skipped=$(grep -oE "^Tests skipped +: +[0-9]+" "$logs/phpt.log" | grep -oE "[0-9]+$" || echo 0)
[[ $phpt_passed -gt 0 ]] || phpt_failed=$((phpt_failed + 1))  # a run that ran nothing is a failure
add "$phpt_passed" $((phpt_failed + phpt_borked + phpt_skipped))
echo "phpt: $phpt_passed passed, $((phpt_failed + phpt_borked + phpt_skipped)) failed"

echo "== Catch2"
if cmake -S "$root" -B "$root/cmake-build" -DCMAKE_BUILD_TYPE=Debug >"$logs/cmake.log" 2>&1 &&
   cmake --build "$root/cmake-build" -j"$(nproc)" >>"$logs/cmake.log" 2>&1; then
    ctest --test-dir "$root/cmake-build" --output-on-failure 2>&1 | tee "$logs/ctest.log" | tail -3
    unit_total=$(grep -oE "tests failed out of [0-9]+" "$logs/ctest.log" | grep -oE "[0-9]+$" || echo 0)
    unit_failed=$(grep -oE "[0-9]+ tests failed out of" "$logs/ctest.log" | grep -oE "^[0-9]+" || echo 0)
    unit_passed=$((unit_total - unit_failed))
    [[ $unit_total -gt 0 ]] || unit_failed=$((unit_failed + 1))  # no test ran: a failure
    add "$unit_passed" "$unit_failed"
    echo "catch2: $unit_passed passed, $unit_failed failed"
else
    cat "$logs/cmake.log"
    add 0 1
    echo "catch2: the unit tests did not build"
fi

echo "== end to end (php-fpm + nginx on 127.0.0.1)"
"$root/tests/e2e/run.sh" "$root/modules/defer.so" 2>&1 | tee "$logs/e2e.log"
e2e_line=$(grep -E "^e2e: [0-9]+ passed, [0-9]+ failed" "$logs/e2e.log" || echo "e2e: 0 passed, 1 failed")
add "$(echo "$e2e_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$e2e_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

echo "== fault matrix (php-fpm + nginx on 127.0.0.1)"
"$root/tests/e2e/fault_matrix.sh" "$root/modules/defer.so" 2>&1 | tee "$logs/faults.log"
faults_line=$(grep -E "^fault matrix: [0-9]+ passed, [0-9]+ failed" "$logs/faults.log" || echo "fault matrix: 0 passed, 1 failed")
add "$(echo "$faults_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$faults_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

echo "== Apache mod_php (connection_close) on 127.0.0.1"
"$root/tests/e2e/apache.sh" "$root/modules/defer.so" 2>&1 | tee "$logs/apache.log" | grep -E "^(not ok|apache:)|^#" | head -40
apache_line=$(grep -E "^apache: [0-9]+ passed, [0-9]+ failed" "$logs/apache.log" || echo "apache: 0 passed, 1 failed")
add "$(echo "$apache_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$apache_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

echo "== soak: 10 s of wrk at 64 connections against 4 workers, nothing lost"
"$root/tests/e2e/soak.sh" "$root/modules/defer.so" 10 64 2>&1 | tee "$logs/soak.log"
soak_line=$(grep -E "^soak: [0-9]+ passed, [0-9]+ failed" "$logs/soak.log" || echo "soak: 0 passed, 1 failed")
add "$(echo "$soak_line" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+")" "$(echo "$soak_line" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+")"

rm -rf "$logs"
echo "$total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
