#!/usr/bin/env bash
# Cost of running one deferred task, and the part of it spent in the pool's shared counters
# (defer_pool_status()): callgrind over a CLI script that defers N trivial tasks, net of one
# that defers 1, divided by N-1; the counters' share from callgrind's inclusive cost of the
# php_defer_pool_* functions. Prints JSON.
# Usage: bench/task_cost.sh <defer.so> [N]
set -euo pipefail
extension=$1
n=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/tasks.php" <<'PHP'
<?php
function trivial_task(): void {}
for ($i = 0, $n = (int) $argv[1]; $i < $n; $i++) {
    defer('trivial_task');
}
PHP
count() {  # count <tasks>: total instructions, and the counters' (inclusive) instructions
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" php -n -d extension="$extension" -d defer.global_functions=1 \
        -d defer.log=off -d defer.max_tasks=1000000 "$work/tasks.php" "$1" >/dev/null 2>&1
    local total counters
    total=$(grep -E '^summary:' "$work/cg.$1" | awk '{print $2}')
    counters=$(callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.$1" 2>/dev/null \
        | { grep -E 'php_defer_pool_(task_settled|phase_entered|phase_left)' || true; } | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
    echo "$total $counters"
}
read -r total_1 counters_1 < <(count 1)
read -r total_n counters_n < <(count "$n")
php -n -r '[$n, $t1, $c1, $tn, $cn] = array_map("intval", array_slice($argv, 1));
    $task = ($tn - $t1) / ($n - 1); $counters = ($cn - $c1) / ($n - 1);
    echo json_encode(["tasks" => $n, "instructions_per_task" => round($task, 1),
        "counters_per_task" => round($counters, 1), "counters_share" => round($counters / $task, 4),
        "phase_counters" => $c1]), "\n";' "$n" "$total_1" "$counters_1" "$total_n" "$counters_n"
