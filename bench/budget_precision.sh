#!/usr/bin/env bash
# Budget precision: how late after defer.task_timeout a spinning, a sleeping and a
# function-calling task are stopped (target: within 50 ms). Usage: bench/budget_precision.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
php -n -d extension="$root/modules/defer.so" -d defer.task_timeout=0.1 -d defer.time_budget=0 -d error_log=/dev/null \
    "$root/bench/budget_precision.php" "${1:-20}"
