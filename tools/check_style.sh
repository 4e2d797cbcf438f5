#!/usr/bin/env bash
# Code style: clang-format (.clang-format) and clang-tidy (.clang-tidy) over the C++ sources.
# Prints "style: N passed, N failed". Fix formatting with: clang-format -i <files>
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
passed=0
failed=0
sources=$(git ls-files 'src/*.cpp' 'src/*.h' 'include/*.h' 'tests/unit/*.cpp')
if clang-format --dry-run --Werror $sources; then
    passed=$((passed + 1)); echo "ok - clang-format: every source formatted"
else
    failed=$((failed + 1)); echo "not ok - clang-format: run clang-format -i on the files above"
fi
flags=(-std=c++17 -Iinclude -Isrc/php -I. $(php-config --includes) -DCOMPILE_DL_DEFER -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1)
[[ -f config.h ]] && flags+=(-DHAVE_CONFIG_H)  # written by ./configure
if clang-tidy --quiet $(git ls-files 'src/*.cpp') -- "${flags[@]}"; then
    passed=$((passed + 1)); echo "ok - clang-tidy: no warning of the enabled checks"
else
    failed=$((failed + 1)); echo "not ok - clang-tidy"
fi
echo "style: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
