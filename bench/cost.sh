#!/usr/bin/env bash
# Cost of queuing one task: instructions per call with callgrind (repeatable), counted up to
# php_request_shutdown so the tasks' later run is not included, net of the loop itself;
# and memory per queued task at 1 000 and 100 000 tasks. Prints JSON.
# Usage: bench/cost.sh <defer.so> [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
extension=$1
n=${2:-20000}
php_cmd=(php -n -d extension="$extension" -d defer.global_functions=1 -d defer.max_tasks=10000000 -d memory_limit=-1 -d error_log=/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

instructions() {  # instructions up to request shutdown for <variant> <n>
    valgrind --tool=callgrind --dump-before=php_request_shutdown --callgrind-out-file="$work/cg.%p" \
        "${php_cmd[@]}" "$here/cost.php" "$1" "$2" 2>/dev/null >/dev/null
    local first; first=$(ls "$work"/cg.*.1)
    grep -E '^summary:' "$first" | awk '{print $2}'
    rm -f "$work"/cg.*
}

base=$(instructions empty 0)
empty_n=$(instructions empty "$n")
loop=$(( (empty_n - base) ))
echo "{"
echo "  \"n\": $n, \"loop_instructions_per_iteration\": $(awk "BEGIN{printf \"%.1f\", $loop/$n}"),"
for variant in array collection defer; do
    total=$(instructions "$variant" "$n")
    per=$(awk "BEGIN{printf \"%.1f\", ($total - $empty_n)/$n}")
    echo "  \"${variant}_instructions\": $per,"
done
for count in 1000 100000; do
    for variant in array collection defer; do
        zero=$("${php_cmd[@]}" "$here/cost.php" "$variant" 0 memory)
        full=$("${php_cmd[@]}" "$here/cost.php" "$variant" "$count" memory)
        php -n -r '$z = json_decode($argv[1], true); $f = json_decode($argv[2], true); $n = (int)$argv[3];
            printf("  \"%s_memory_%d\": {\"heap_bytes\": %.1f, \"rss_bytes\": %.1f},\n", $argv[4], $n, ($f["heap"] - $z["heap"]) / $n, ($f["rss"] - $z["rss"]) / $n);' \
            "$zero" "$full" "$count" "$variant"
    done
done
echo "  \"tool\": \"valgrind --tool=callgrind $(valgrind --version | sed 's/valgrind-//')\""
echo "}"
