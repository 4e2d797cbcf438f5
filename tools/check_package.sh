#!/usr/bin/env bash
# Packaging checks: composer.json (PIE), package.xml (PECL: every file listed, valid), the
# arginfo header generated from the stub. Prints "ok"/"not ok" lines and
# "packaging: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
passed=0
failed=0
check() {
    local description=$1; shift
    if "$@" >"$tmp/out" 2>&1; then passed=$((passed + 1)); echo "ok - $description"
    else failed=$((failed + 1)); echo "not ok - $description"; sed 's/^/    /' "$tmp/out" | tail -20; fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Composer before 2.7 does not know the php-ext key and lists it among "publish errors";
# everything else is validated strictly, and php-ext is checked against PIE's rules below.
check "composer validate --strict" env COMPOSER_ALLOW_SUPERUSER=1 composer validate --strict --no-check-publish
# And strictly against the schema of a Composer that knows php-ext (2.7+), from Packagist.
schema_cache=${DEFER_TOOLS_CACHE:-/var/tmp/defer-tools}/composer-schema
if [[ ! -f $schema_cache/res/composer-schema.json ]]; then
    rm -rf "$schema_cache"
    COMPOSER_ALLOW_SUPERUSER=1 timeout 300 composer create-project --no-install --no-scripts --quiet \
        "composer/composer:^2.8" "$schema_cache" >/dev/null 2>&1
fi
check "composer.json strictly valid against Composer $(php -n -r 'echo json_decode(@file_get_contents($argv[1]), true)["version"] ?? "2.8+";' "$schema_cache/composer.json" 2>/dev/null)'s schema (php-ext included)" \
    php -n tools/validate_composer_schema.php composer.json "$schema_cache/res/composer-schema.json"
check "composer.json is a php-ext package for the defer extension" php -n -r '
    $c = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR);
    $e = $c["php-ext"] ?? [];
    $ok = ($c["type"] ?? "") === "php-ext"
        && preg_match("/^[A-Za-z][a-zA-Z0-9_]+$/", $e["extension-name"] ?? "") && $e["extension-name"] === "defer"
        && is_bool($e["support-zts"] ?? null) && is_bool($e["support-nts"] ?? null)
        && in_array("enable-defer", array_column($e["configure-options"] ?? [], "name"), true)
        && str_contains(file_get_contents("config.m4"), "PHP_ARG_ENABLE([defer]");
    exit($ok ? 0 : 1);'
php tools/package_xml.php "$tmp/package.xml"
check "package.xml lists every file (regenerate: php tools/package_xml.php)" diff -u package.xml "$tmp/package.xml"
# PEAR warns when the release date is not today's: that one warning depends on the calendar,
# not on the file, so it alone is accepted (for exactly the date package.xml gives).
pear_validate() {
    local date output warnings other
    date=$(sed -n 's|^ *<date>\(.*\)</date>|\1|p' package.xml | head -1)
    output=$(pear package-validate package.xml)
    echo "$output"
    grep -q '^Validation: 0 error(s), [0-9]* warning(s)' <<<"$output" || return 1
    warnings=$(sed -n 's/^Validation: 0 error(s), \([0-9]*\) warning(s)/\1/p' <<<"$output")
    other=$(grep '^Warning: ' <<<"$output" | grep -cvxF "Warning: Channel validator warning: field \"date\" - Release Date \"$date\" is not today")
    [[ $other -eq 0 && $warnings -le 1 ]]
}
check "pear package-validate package.xml (0 errors; no warning but the release date's)" pear_validate
check "stubs/defer_arginfo.h is what gen_stub.php makes of the stub" tools/gen_arginfo.sh --check
echo "packaging: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
