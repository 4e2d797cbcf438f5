#!/usr/bin/env bash
# examples/phpunit under PHPUnit (from Packagist) with the extension loaded: a controller
# that calls finish_and_defer() is tested, and PHPUnit reports no risky, warned or failed
# test (it runs each test inside an output buffer of its own and flags one that is closed).
# Usage: tests/frameworks/phpunit.sh [defer.so]     Prints "phpunit: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}
export COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1 COMPOSER_CACHE_DIR=$cache/composer
app=$cache/phpunit/app
stamp=$(cat "$root/examples/phpunit/composer.json" | sha256sum | cut -c1-16)

# A copy of the example, its dependencies installed once per composer.json.
mkdir -p "$app"
cp -r "$root/examples/phpunit/." "$app/"
if [[ "$(cat "$app/.installed" 2>/dev/null)" != "$stamp" || ! -f $app/vendor/bin/phpunit ]]; then
    (cd "$app" && rm -rf vendor && timeout 600 composer install --no-progress --quiet) >"$cache/phpunit.log" 2>&1 && echo "$stamp" >"$app/.installed"
fi
check "PHPUnit installed from Packagist" test -x "$app/vendor/bin/phpunit"

# Debian's php.ini and conf.d (the dom, mbstring, xml... PHPUnit needs), plus the extension.
(cd "$app" && php -d extension="$extension" vendor/bin/phpunit) >"$cache/phpunit.out" 2>&1
status=$?
cat "$cache/phpunit.out" | sed 's/^/    /' | tail -15
check "PHPUnit exits 0 (failOnRisky, failOnWarning)" test "$status" -eq 0
check "PHPUnit ran all 6 tests, none risky, warned, failed or skipped" grep -qE '^OK \(6 tests, [0-9]+ assertions\)$' "$cache/phpunit.out"
check "the extension was loaded in PHPUnit's process" bash -c "cd '$app' && php -d extension='$extension' -r 'exit(extension_loaded(\"defer\") ? 0 : 1);'"

echo "phpunit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
