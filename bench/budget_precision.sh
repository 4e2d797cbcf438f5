#!/usr/bin/env bash
# Budget precision: how late after defer.task_timeout a spinning, a sleeping and a
# function-calling task are stopped (target: within 50 ms).
# Usage: bench/budget_precision.sh [runs] [defer.so; built from this tree when not given]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
extension=${2:-}
if [[ -z $extension ]]; then
    "$root/scripts/build.sh" >/dev/null
    extension="$root/modules/defer.so"
fi
php -n -d extension="$extension" -d defer.global_functions=1 -d defer.task_timeout=0.1 -d defer.time_budget=0 -d error_log=/dev/null \
    "$root/bench/budget_precision.php" "${1:-20}"
