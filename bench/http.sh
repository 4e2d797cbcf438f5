#!/usr/bin/env bash
# Time to first byte, throughput and the cost of the extension loaded but unused, through
# nginx + php-fpm (4 workers) on 127.0.0.1. Writes results into the directory given.
# Usage: bench/http.sh <defer.so> <output dir> [quick]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
extension=$1
out=$2
quick=${3:-}
requests=$([[ -n $quick ]] && echo 15 || echo 100)
seconds=$([[ -n $quick ]] && echo 2 || echo 8)
source "$root/tests/e2e/servers.sh"
trap e2e_stop EXIT INT TERM PIPE

# 1. Time to first byte: sequential requests spaced 230 ms apart, so no earlier request's
#    200 ms of deferred work still runs on the 2 cores while the next one is measured.
e2e_start "$extension" "$here/app" 4 "pm.max_requests=0
max_execution_time=0"
for variant in baseline sync by_hand extension; do
    curl -s -o /dev/null "$E2E_URL/$variant.php"  # warm up
    : > "$out/ttfb_$variant.txt"
    for _ in $(seq 1 "$requests"); do
        curl -s -o /dev/null --max-time 10 -w '%{time_starttransfer}\n' "$E2E_URL/$variant.php" >> "$out/ttfb_$variant.txt"
        sleep 0.23
    done
done

# 2. Throughput against the pool at several concurrencies.
for variant in sync by_hand extension; do
    for connections in 1 4 16; do
        sleep 0.5  # let deferred work from the previous round end
        rps=$(wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s "$E2E_URL/$variant.php" | awk '/Requests\/sec/ {print $2}')
        echo "$variant $connections $rps" >> "$out/throughput.txt"
    done
done
e2e_stop

# 3. Loaded but unused: hello world with and without the extension, alternated; requests
#    per second, and the php-fpm processes' CPU time per request (client noise left out).
fpm_cpu_ticks() {
    local total=0 pid
    for pid in $(pgrep -f "php-fpm: (pool app|master process \($E2E_DIR)"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
for round in 1 2 3 4 5 6 7; do
    for with in none "$extension"; do
        e2e_start "$with" "$here/app" 4 "pm.max_requests=0"
        wrk -t2 -c8 -d1s "$E2E_URL/hello.php" >/dev/null
        before=$(fpm_cpu_ticks)
        result=$(wrk -t2 -c8 -d"${seconds}s" "$E2E_URL/hello.php")
        after=$(fpm_cpu_ticks)
        rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
        count=$(echo "$result" | awk '/requests in/ {print $1}')
        cpu_us=$(awk "BEGIN {printf \"%.2f\", ($after - $before) * 1000000 / $(getconf CLK_TCK) / $count}")
        echo "$([[ $with == none ]] && echo without || echo with) $round $rps $cpu_us" >> "$out/unused.txt"
        e2e_stop
    done
done
