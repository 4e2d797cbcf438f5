#!/usr/bin/env bash
# Regenerates stubs/*_arginfo.h with the gen_stub.php that php-dev ships.
# gen_stub.php would download PHP-Parser from GitHub; we give it the same version
# from Packagist instead, in a cache outside the repository.
# Usage: tools/gen_arginfo.sh [--check]   (--check: fail if the committed header is stale)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gen_stub=$(ls /usr/lib/php/*/build/gen_stub.php 2>/dev/null | head -1)
[[ -n $gen_stub ]] || { echo "gen_stub.php not found: install php8.2-dev" >&2; exit 1; }
parser_version=$(grep -oE '\$version = "[0-9.]+"' "$gen_stub" | grep -oE '[0-9.]+' | head -1)
cache=${DEFER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/defer-gen-stub}/$parser_version
if [[ ! -d $cache/PHP-Parser-$parser_version/lib ]]; then
    mkdir -p "$cache/composer"
    (cd "$cache/composer" && COMPOSER_ALLOW_SUPERUSER=1 composer require --quiet --no-interaction "nikic/php-parser:$parser_version")
    ln -sfn "$cache/composer/vendor/nikic/php-parser" "$cache/PHP-Parser-$parser_version"
fi
cp "$gen_stub" "$cache/gen_stub.php"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
for stub in "$root"/stubs/*.stub.php; do
    name=$(basename "$stub" .stub.php)
    cp "$stub" "$work/"
    php "$cache/gen_stub.php" --force-regeneration "$work/$name.stub.php" >/dev/null
    [[ -f $work/${name}_arginfo.h ]] || { echo "gen_stub.php failed on $stub" >&2; exit 1; }
    if [[ ${1:-} == --check ]]; then
        if ! diff -u "$root/stubs/${name}_arginfo.h" "$work/${name}_arginfo.h"; then
            echo "stubs/${name}_arginfo.h is stale: run tools/gen_arginfo.sh" >&2; status=1
        fi
    else
        cp "$work/${name}_arginfo.h" "$root/stubs/"
    fi
done
exit $status
