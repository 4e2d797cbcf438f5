#!/usr/bin/env bash
# Cost of running one deferred task against doing the same by hand, and of one defer() call,
# without and with opcache + the tracing JIT (as production runs it): callgrind over CLI
# scripts that do N trivial tasks (a closure with 2 arguments), net of the same script doing 1,
# divided by N-1 (bench/task_cost.php). "defer" counts defer() and the task's run (timer,
# sandbox, record, the SIGTERM line, the pool's counters); "by hand" appends [$callback, $args]
# to an array and calls each in a loop. The pool's counters' share comes from callgrind's
# inclusive cost of the php_defer_pool_* functions. Prints JSON.
# Usage: bench/task_cost.sh <defer.so> [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
extension=$1
n=${2:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jit=(-d zend_extension=opcache.so -d opcache.enable_cli=1 -d opcache.jit=tracing -d opcache.jit_buffer_size=64M)

run() {  # run <name> <variant> <tasks> [php flags...]: total instructions (and counters') into $work/<name>.<tasks>
    local name=$1 variant=$2 tasks=$3; shift 3
    local dump=()
    [[ $variant == *_call ]] && dump=(--dump-before=php_request_shutdown)
    valgrind --tool=callgrind --smc-check=all "${dump[@]}" --callgrind-out-file="$work/cg.$name.$tasks.%p" \
        php -n "$@" -d extension="$extension" -d defer.log=off -d defer.max_tasks=10000000 -d memory_limit=-1 \
        "$here/task_cost.php" "$variant" "$tasks" >/dev/null 2>&1
    local file  # with --dump-before, the part before the request's shutdown is the ".1" file
    if [[ ${#dump[@]} -gt 0 ]]; then file=$(ls "$work"/cg."$name"."$tasks".*.1); else file=$(ls "$work"/cg."$name"."$tasks".*); fi
    local total counters
    total=$(grep -E '^summary:' "$file" | awk '{print $2}')
    counters=$(callgrind_annotate --inclusive=yes --threshold=100 "$file" 2>/dev/null \
        | { grep -E 'php_defer_pool_(task_settled|phase_entered|phase_left)' || true; } | awk '{gsub(",", "", $1); s += $1} END {print s + 0}')
    echo "$total $counters"
}
per() {  # per <name> <variant> [php flags...]: instructions per task, and counters' per task
    local name=$1 variant=$2; shift 2
    local t1 c1 tn cn
    read -r t1 c1 < <(run "$name" "$variant" 1 "$@")
    read -r tn cn < <(run "$name" "$variant" "$n" "$@")
    php -n -r 'printf("%.1f %.1f\n", ($argv[3] - $argv[1]) / ($argv[5] - 1), ($argv[4] - $argv[2]) / ($argv[5] - 1));' \
        "$t1" "$c1" "$tn" "$cn" "$n"
}
read -r defer_task counters < <(per defer defer)
read -r by_hand _ < <(per by_hand by_hand)
read -r named _ < <(per named defer_named)
read -r defer_call _ < <(per defer_call defer_call)
read -r array_call _ < <(per array_call array_call)
read -r defer_task_jit _ < <(per defer_jit defer "${jit[@]}")
read -r by_hand_jit _ < <(per by_hand_jit by_hand "${jit[@]}")
read -r defer_call_jit _ < <(per defer_call_jit defer_call "${jit[@]}")
read -r array_call_jit _ < <(per array_call_jit array_call "${jit[@]}")
php -n -r '[, $n, $dt, $c, $bh, $nm, $dc, $ac, $dtj, $bhj, $dcj, $acj] = $argv;
    echo json_encode(["tasks" => (int) $n,
        "instructions_per_task" => (float) $dt, "by_hand_per_task" => (float) $bh, "ratio_to_by_hand" => round($dt / $bh, 2),
        "counters_per_task" => (float) $c, "counters_share" => round($c / $dt, 4),
        "named_function_task" => (float) $nm,
        "defer_call" => (float) $dc, "array_call" => (float) $ac,
        "jit" => ["instructions_per_task" => (float) $dtj, "by_hand_per_task" => (float) $bhj, "ratio_to_by_hand" => round($dtj / $bhj, 2),
                  "defer_call" => (float) $dcj, "array_call" => (float) $acj, "settings" => "opcache.jit=tracing, opcache.jit_buffer_size=64M"]],
        JSON_PRETTY_PRINT), "\n";' \
    "$n" "$defer_task" "$counters" "$by_hand" "$named" "$defer_call" "$array_call" "$defer_task_jit" "$by_hand_jit" "$defer_call_jit" "$array_call_jit"
