#!/usr/bin/env bash
# Under load, nothing lost: wrk against 4 php-fpm workers behind nginx on 127.0.0.1, every
# request deferring a task that records the request's id. Afterwards every 200 response's
# task is recorded, no task is recorded twice or for a request PHP never saw, no worker
# crashed, and the workers' memory did not grow.
# Usage: tests/e2e/soak.sh [defer.so] [seconds=10] [connections=64]   Prints "soak: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
seconds=${2:-10}
connections=${3:-64}
source "$here/servers.sh"

worker_rss_kb() {  # total resident memory of the pool's workers
    local total=0 pid
    for pid in $(pgrep -f "php-fpm: pool app"); do
        total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

export E2E_HTTP_EXTRA="log_format soak '\\\$request_id \\\$status';"
export E2E_NGINX_EXTRA="access_log \$E2E_DIR/soak_access.log soak;"
trap e2e_stop EXIT INT TERM PIPE
e2e_start "$extension" "$root/bench/app" 4 "pm.max_requests=0
defer.log=errors" || { echo "could not start php-fpm and nginx"; echo "soak: 0 passed, 1 failed"; exit 1; }

# Warm up every worker, then measure memory once the load is running.
wrk -t2 -c"$connections" -d2s "$E2E_URL/record.php" >/dev/null 2>&1
sleep 0.5
: > "$E2E_DIR/soak_access.log"  # count only the measured run (nginx appends to the same file)
: > "$E2E_DIR/recorded.log"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s "$E2E_URL/record.php" >"$E2E_DIR/wrk.out" 2>&1 &
wrk_pid=$!
sleep $(( seconds / 4 > 0 ? seconds / 4 : 1 ))
rss_start=$(worker_rss_kb)
wait "$wrk_pid"
rss_end=$(worker_rss_kb)
cat "$E2E_DIR/wrk.out"

# Let the last deferred tasks finish.
previous=-1
for _ in $(seq 1 50); do
    current=$(wc -l < "$E2E_DIR/recorded.log" 2>/dev/null || echo 0)
    [[ $current -eq $previous ]] && break
    previous=$current; sleep 0.2
done
sleep 0.5

requests=$(grep -oE "^ *[0-9]+ requests in" "$E2E_DIR/wrk.out" | grep -oE "[0-9]+" | head -1)
non_2xx=$(grep -oE "Non-2xx or 3xx responses: [0-9]+" "$E2E_DIR/wrk.out" | grep -oE "[0-9]+$" || echo 0)
awk '$2 == 200 {print $1}' "$E2E_DIR/soak_access.log" | sort > "$E2E_DIR/ok.ids"
awk '$2 == 200 || $2 == 499 {print $1}' "$E2E_DIR/soak_access.log" | sort > "$E2E_DIR/reached.ids"
sort "$E2E_DIR/recorded.log" > "$E2E_DIR/recorded.ids"
ok_count=$(wc -l < "$E2E_DIR/ok.ids")
recorded_count=$(wc -l < "$E2E_DIR/recorded.ids")
lost=$(comm -23 "$E2E_DIR/ok.ids" "$E2E_DIR/recorded.ids" | wc -l)
unknown=$(comm -13 "$E2E_DIR/reached.ids" "$E2E_DIR/recorded.ids" | wc -l)
duplicates=$(uniq -d "$E2E_DIR/recorded.ids" | wc -l)
echo "wrk: ${requests:-0} responses (${non_2xx} not 2xx); nginx: $ok_count with status 200; tasks recorded: $recorded_count"
echo "worker memory: ${rss_start} kB at a quarter of the run, ${rss_end} kB at the end"

check "load ran (over 100 responses)" test "${requests:-0}" -gt 100
check "every response was 200" test "$non_2xx" -eq 0
# wrk stops counting with up to one request per connection still in flight.
check "nginx's 200s match what wrk received (${ok_count} vs ${requests:-0}, within $connections in flight)" \
    bash -c "(( $ok_count >= ${requests:-0} && $ok_count <= ${requests:-0} + $connections ))"
check "no task lost: every 200 response's task recorded ($lost missing)" test "$lost" -eq 0
check "no task recorded for a request PHP never saw ($unknown)" test "$unknown" -eq 0
check "no task recorded twice ($duplicates)" test "$duplicates" -eq 0
check "no worker crashed" bash -c "! grep -qiE 'exited on signal|SIGSEGV|SIGABRT|core dumped' '$E2E_DIR/php-fpm.log'"
# (wrk cutting its last requests short is logged as client_aborted: that is no failure)
check "no task failed or was skipped" bash -c "! grep -q 'defer: task' '$E2E_DIR/php_errors.log' 2>/dev/null"
check "workers' memory did not grow (${rss_start} -> ${rss_end} kB, allowed +2048)" test "$rss_end" -le $((rss_start + 2048))

e2e_stop
trap - EXIT INT TERM PIPE
echo "soak: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
