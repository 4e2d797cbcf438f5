#!/usr/bin/env bash
# Budget precision: how late after defer.task_timeout a spinning, a sleeping, a
# function-calling and a recursing task are stopped (target: within 50 ms), without the JIT
# and under opcache's tracing and function JITs. Prints one JSON object: the results without
# the JIT at the top level, and "by_jit": {"off": ..., "tracing": ..., "function": ...}.
# Usage: bench/budget_precision.sh [runs] [defer.so; built from this tree when not given]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
extension=${2:-}
if [[ -z $extension ]]; then
    "$root/scripts/build.sh" >/dev/null
    extension="$root/modules/defer.so"
fi
# PHP 8.5 builds opcache in; before, it is a zend_extension to load.
load_opcache=(-d zend_extension=opcache)
php -n -m | grep -qx "Zend OPcache" && load_opcache=()
out=$(mktemp -d)
for mode in off tracing function; do
    php -n -d extension="$extension" -d defer.global_functions=1 "${load_opcache[@]}" -d opcache.enable_cli=1 -d opcache.jit_buffer_size=64M \
        -d opcache.file_update_protection=0 -d opcache.jit="$mode" \
        -d defer.task_timeout=0.1 -d defer.time_budget=0 -d error_log=/dev/null -d display_errors=0 \
        "$root/bench/budget_precision.php" "${1:-20}" >"$out/$mode.json"
done
php -n -r '
    $by_jit = [];
    foreach (["off", "tracing", "function"] as $mode) {
        $by_jit[$mode] = json_decode(file_get_contents($argv[1] . "/$mode.json"), true, flags: JSON_THROW_ON_ERROR);
    }
    echo json_encode($by_jit["off"] + ["by_jit" => $by_jit], JSON_PRETTY_PRINT), "\n";
' "$out"
rm -rf "$out"
