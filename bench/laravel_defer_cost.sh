#!/usr/bin/env bash
# Cost of one Laravel defer() callback: Laravel's own collection against the defer/laravel
# package's (integrations/laravel) and the extension's Defer\defer(), on the CLI with OPcache,
# in the Laravel app tests/frameworks/laravel_package.sh installs (run it once first).
# Usage: bench/laravel_defer_cost.sh [defer.so] [Laravel major=12] [callbacks=5000] [batch=10] [rounds=9]
# Prints JSON (bench/laravel_defer_cost.php): microseconds per callback, best of the rounds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
extension=${1:-$root/modules/defer.so}
app=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}/laravel-package-${2:-12}/app
[[ -f $app/vendor/autoload.php ]] || { echo "no Laravel app in $app: run tests/frameworks/laravel_package.sh first" >&2; exit 1; }
php -n -d extension="$extension" -d extension=ctype -d extension=mbstring -d extension=tokenizer \
    -d zend_extension=opcache -d opcache.enable_cli=1 -d defer.log=off -d defer.max_tasks=100000 \
    "$root/bench/laravel_defer_cost.php" "$app" "${3:-5000}" "${4:-10}" "${5:-9}"
