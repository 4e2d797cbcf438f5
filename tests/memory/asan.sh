#!/usr/bin/env bash
# The whole phpt suite under a debug + ZTS + AddressSanitizer PHP built from Debian's source
# package (tools/build_asan_php.sh, cached between runs), with the extension built against
# it with ASan too. Prints "asan: N passed, N failed, N skipped".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/lib/phpt_summary.sh"
prefix=$("$root/tools/build_asan_php.sh") || { echo "building the ASan PHP failed"; echo "asan: 0 passed, 1 failed"; exit 1; }
build=$(mktemp -d /tmp/defer-asan-build.XXXXXX)
trap 'rm -rf "$build"' EXIT
# A scratch copy, so that this phpize/configure does not touch the main build.
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$build")
cd "$build"
if ! { "$prefix/bin/phpize" && CFLAGS="-fsanitize=address -fno-omit-frame-pointer -g" \
        CXXFLAGS="-fsanitize=address -fno-omit-frame-pointer -g" LDFLAGS="-fsanitize=address" \
        ./configure --with-php-config="$prefix/bin/php-config" --enable-defer && make -j"$(nproc)"; } >"$build/build.log" 2>&1; then
    tail -30 "$build/build.log"; echo "asan: 0 passed, 1 failed"; exit 1
fi
log="$build/tests.log"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 TEST_PHP_EXECUTABLE="$prefix/bin/php" NO_INTERACTION=1 \
    "$prefix/bin/php" -n run-tests.php -q --asan -j"$(nproc)" -n -d extension="$build/modules/defer.so" -d defer.global_functions=1 tests/phpt >"$log" 2>&1
grep -E "^(FAIL|LEAK|BORK)|^Tests (passed|failed|leaked|skipped)" "$log" | sed 's/\x1b\[[0-9;]*m//g'
phpt_report asan "$log" yes tests/phpt
