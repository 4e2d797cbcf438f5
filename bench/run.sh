#!/usr/bin/env bash
# Every benchmark side by side in one run on this machine; prints a table and writes
# BENCHMARKS.md (with the machine's description) and bench/latency.png.
# Usage: bench/run.sh [--quick]     (--quick: shorter runs, for trying the command out)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=$([[ ${1:-} == --quick ]] && echo quick || echo "")
"$root/scripts/install-deps.sh"
export DEBIAN_FRONTEND=noninteractive
for tool in valgrind hyperfine gnuplot php-cgi8.2; do
    command -v "$tool" >/dev/null || apt-get install -y -qq valgrind hyperfine gnuplot-nox php8.2-cgi >/dev/null
done
"$root/scripts/build.sh"
extension="$root/modules/defer.so"
out=$(mktemp -d /tmp/defer-bench.XXXXXX)
echo "results in $out"

echo "1/6 cost of one call (callgrind) and memory per task"
"$root/bench/cost.sh" "$extension" "$([[ -n $quick ]] && echo 5000 || echo 20000)" > "$out/cost.json"
echo "1/6 cost of running one task, and of the pool's counters in it (callgrind)"
"$root/bench/task_cost.sh" "$extension" "$([[ -n $quick ]] && echo 5000 || echo 20000)" > "$out/task_cost.json"
echo "1/6 cost of one call (hyperfine)"
n=$([[ -n $quick ]] && echo 50000 || echo 200000)
php_cmd="php -n -d extension=$extension -d defer.global_functions=1 -d defer.max_tasks=10000000 -d memory_limit=-1 -d defer.time_budget=0.000001 -d defer.log=off"
hyperfine --style none --warmup 2 --runs "$([[ -n $quick ]] && echo 5 || echo 15)" --export-json "$out/hyperfine.json" \
    -n empty "$php_cmd $root/bench/cost.php empty $n" -n array "$php_cmd $root/bench/cost.php array $n" \
    -n collection "$php_cmd $root/bench/cost.php collection $n" -n defer "$php_cmd $root/bench/cost.php defer $n" >/dev/null
echo "$n" > "$out/hyperfine_n.txt"

echo "2-4/6 time to first byte, throughput, loaded but unused (nginx + php-fpm)"
"$root/bench/http.sh" "$extension" "$out" $quick
"$root/bench/unused_instructions.sh" "$extension" "$([[ -n $quick ]] && echo 300 || echo 2000)" > "$out/unused_instructions.json"

echo "7 kept-alive connections (nginx keepalive + fastcgi_keep_conn)"
"$root/bench/keepalive.sh" "$extension" "$out" $quick
echo "7 kept-alive connections under applications that finish their own response (Symfony, Laravel)"
"$root/bench/keepalive_apps.sh" "$extension" "$out" $quick > "$out/ka_apps.md"

echo "5/6 budget precision"
"$root/bench/budget_precision.sh" "$([[ -n $quick ]] && echo 10 || echo 30)" "$extension" > "$out/precision.json"

echo "6/6 under load, nothing lost"
soak_seconds=$([[ -n $quick ]] && echo 10 || echo 60)
echo "$soak_seconds" > "$out/soak_seconds.txt"
"$root/tests/e2e/soak.sh" "$extension" "$soak_seconds" 64 > "$out/soak.txt" 2>&1 || true

php -n "$root/bench/report.php" "$out" "$root"
