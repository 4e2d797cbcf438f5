#!/usr/bin/env bash
# The pool's numbers against a real php-fpm (4 workers) behind nginx on 127.0.0.1:
# defer_pool_status() adds up every worker's tasks, counts workers in their deferred phase
# (not one killed there), keeps its counters across a reload (USR2) and counts the work the
# reload cut; examples/metrics renders them in Prometheus' text format, which promtool
# accepts and a real Prometheus on 127.0.0.1 scrapes.
# Usage: tests/e2e/pool_metrics.sh [defer.so]     Prints "pool metrics: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
source "$here/servers.sh"

prometheus_pid=''
cleanup() {
    [[ -n $prometheus_pid ]] && kill "$prometheus_pid" 2>/dev/null && wait "$prometheus_pid" 2>/dev/null
    e2e_stop
}
trap cleanup EXIT
trap 'exit 1' INT TERM PIPE

scrape() { fetch -o "$E2E_DIR/scrape.txt" "$E2E_URL/metrics.php"; }
metric() { awk -v name="$1" '$1 == name {print $2}' "$E2E_DIR/scrape.txt"; }
lines() { [[ -f $1 ]] && wc -l < "$1" || echo 0; }
wait_lines() { local i; for i in $(seq 1 200); do [[ $(lines "$1") -ge $2 ]] && return 0; sleep 0.05; done; return 1; }
# until <tenths of a second> <command...>: polls the command until it succeeds.
until_true() { local i limit=$1; shift; for i in $(seq 1 "$limit"); do "$@" && return 0; sleep 0.1; done; return 1; }
metric_is() { scrape && [[ $(metric "$1") == "$2" ]]; }

e2e_start "$extension" "$here/pool" 4 "defer.log=errors" || { check "php-fpm and nginx started" false; echo "pool metrics: $passed passed, $failed failed"; exit 1; }

# 1. Fifty requests over the four workers, ten of whose tasks fail: the pool's counters are
#    the sum of every worker's.
seq 1 50 | xargs -P 8 -I{} sh -c 'if [ $(({} % 5)) -eq 0 ]; then q="?fail=1"; else q=""; fi; curl -s -o /dev/null --max-time 10 "$0/work.php$q"' "$E2E_URL"
wait_lines "$E2E_DIR/ran.log" 50
check "all 50 tasks ran" test "$(lines "$E2E_DIR/ran.log")" -eq 50
workers=$(sort -u "$E2E_DIR/ran.log" | wc -l)
check "they ran on several workers ($workers)" test "$workers" -ge 2
# The last task's counters are added right after it writes its line: poll for them.
until_true 50 metric_is defer_tasks_run_total 50
check "tasks run: 50 over all workers ($(metric defer_tasks_run_total))" test "$(metric defer_tasks_run_total)" = 50
check "tasks failed: 10 ($(metric defer_tasks_failed_total))" test "$(metric defer_tasks_failed_total)" = 10
check "phases: 50 ($(metric defer_phases_total))" test "$(metric defer_phases_total)" = 50
check "the histogram counts every task: +Inf bucket $(metric 'defer_task_duration_seconds_bucket{le="+Inf"}')" \
    test "$(metric 'defer_task_duration_seconds_bucket{le="+Inf"}')" = 50
check "each task took 2 ms or more: none in the 1 ms bucket" test "$(metric 'defer_task_duration_seconds_bucket{le="0.001"}')" = 0
fetch_timed -o "$E2E_DIR/status.json" "$E2E_URL/status.php"
check "json_encode(Defer\\pool_status(), JSON_THROW_ON_ERROR) answers 200 (got $code)" test "$code" = 200
check "... its open bucket is {\"le\":\"+Inf\",\"count\":50}" \
    php -n -r 'exit(array_slice(json_decode(file_get_contents($argv[1]), true)["task_seconds_buckets"], -1) === [["le" => "+Inf", "count" => 50]] ? 0 : 1);' "$E2E_DIR/status.json"
check "promtool check metrics accepts the endpoint's text" bash -c "promtool check metrics < '$E2E_DIR/scrape.txt'"
check "served as Prometheus' text format 0.0.4" bash -c \
    "curl -s -o /dev/null -w '%{content_type}' '$E2E_URL/metrics.php' | grep -q 'text/plain; version=0.0.4'"
started=$(metric defer_start_time_seconds)

# 2. Workers in their deferred phase right now: two held there, then released.
fetch -o /dev/null "$E2E_URL/hold.php?id=a"
fetch -o /dev/null "$E2E_URL/hold.php?id=b"
until_true 100 test -f "$E2E_DIR/held.a" -a -f "$E2E_DIR/held.b"
scrape
check "two workers in their phase while their tasks run ($(metric defer_workers_in_phase))" test "$(metric defer_workers_in_phase)" = 2
touch "$E2E_DIR/release.a" "$E2E_DIR/release.b"
until_true 100 test -f "$E2E_DIR/done.a" -a -f "$E2E_DIR/done.b"
check "none once they are done" until_true 50 metric_is defer_workers_in_phase 0

# 3. A worker killed (SIGKILL) in its phase never leaves it: it must not count for ever.
fetch -o /dev/null "$E2E_URL/hold.php?id=c"
until_true 100 test -f "$E2E_DIR/held.c"
scrape
check "the held worker counts ($(metric defer_workers_in_phase))" test "$(metric defer_workers_in_phase)" = 1
kill -KILL "$(cat "$E2E_DIR/held.c")"
check "a worker killed in its phase no longer counts" until_true 50 metric_is defer_workers_in_phase 0

# 4. A reload (USR2, process_control_timeout 0) while a worker runs three tasks: the reload
#    cuts that phase; the counters survive php-fpm's re-exec.
scrape
run_before=$(metric defer_tasks_run_total)
fetch -o /dev/null "$E2E_URL/hold.php?id=d"
until_true 100 test -f "$E2E_DIR/held.d"
master=$(cat "$E2E_DIR/php-fpm.pid")
kill -USR2 "$master"
until_true 100 grep -q "stopped by signal" "$E2E_DIR/php_errors.log"
# The new workers answer once the re-exec is done.
until_true 100 metric_is defer_phases_cut_by_signal_total 1
check "a reload's cut phase is counted: $(metric defer_phases_cut_by_signal_total)" test "$(metric defer_phases_cut_by_signal_total)" = 1
check "with the three tasks it did not finish: $(metric defer_tasks_cut_by_signal_total)" test "$(metric defer_tasks_cut_by_signal_total)" = 3
check "the counters survived the reload (tasks run $(metric defer_tasks_run_total), $run_before before)" \
    test "$(metric defer_tasks_run_total)" -ge "$run_before"
check "and kept their start time" test "$(metric defer_start_time_seconds)" = "$started"
check "php-fpm re-executed itself (its log: reloading: execvp)" grep -q 'reloading: execvp' "$E2E_DIR/php-fpm.log"
check "nobody in a phase after the reload" test "$(metric defer_workers_in_phase)" = 0

# 5. A real Prometheus on 127.0.0.1 scrapes the endpoint once.
prom_port=$(e2e_free_port)
mkdir -p "$E2E_DIR/prometheus"
cat > "$E2E_DIR/prometheus.yml" <<YAML
global: {scrape_interval: 1s, scrape_timeout: 1s}
scrape_configs:
  - job_name: defer
    metrics_path: /metrics.php
    static_configs: [{targets: ["127.0.0.1:$E2E_PORT"]}]
YAML
prometheus --config.file="$E2E_DIR/prometheus.yml" --storage.tsdb.path="$E2E_DIR/prometheus" \
    --web.listen-address="127.0.0.1:$prom_port" > "$E2E_DIR/prometheus.log" 2>&1 &
prometheus_pid=$!
scrape
expected=$(metric defer_tasks_run_total)
query() { curl -s --max-time 2 -G --data-urlencode "query=$1" "http://127.0.0.1:$prom_port/api/v1/query" | php -n -r '$r = json_decode(stream_get_contents(STDIN), true); echo $r["data"]["result"][0]["value"][1] ?? "";'; }
scraped() { [[ $(query defer_tasks_run_total) == "$expected" && $(query 'up{job="defer"}') == 1 ]]; }
check "Prometheus scraped it: defer_tasks_run_total = $expected, up = 1" until_true 300 scraped
check "Prometheus reads the histogram: $(query defer_task_duration_seconds_count) tasks" test "$(query defer_task_duration_seconds_count)" = "$expected"

check "nginx logged no upstream error" bash -c "! grep -qE 'upstream|\[(error|crit|alert|emerg)\]' '$E2E_DIR/nginx_error.log'"
echo "pool metrics: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
