#!/usr/bin/env bash
# Hand-off to a real queue (examples/redis): php-fpm answers and defers only the push of a
# job to Redis; examples/redis/worker.php consumes the jobs. A private redis-server, php-fpm
# and nginx on 127.0.0.1; a few hundred requests; the consumer is SIGKILLed halfway and
# started again. Every answered request's job must be done exactly once, and nothing left.
# Usage: tests/e2e/redis_handoff.sh [path/to/defer.so]
# Prints "redis handoff: N passed, N failed". Needs redis-server and php8.2-redis.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
example=$root/examples/redis
source "$here/servers.sh"

requests=300
concurrency=8
work_ms=20
seeded_job=left-by-an-earlier-crash
repeated_id=sent-twice
# Debian's php-redis is built against igbinary; -n (as servers.sh runs php-fpm) loads neither.
redis_ini="extension=igbinary
extension=redis"
php_redis=(php -n -d extension=igbinary -d extension=redis)

summary() { echo "redis handoff: $passed passed, $failed failed"; }
bail() { check "$1" false; summary; exit 1; }  # the cleanup trap still runs

tmp=$(mktemp -d /tmp/defer-redis.XXXXXX)
redis_pid='' consumer_pid='' requests_pid=''
cleanup() {
    local pid
    for pid in $requests_pid $consumer_pid $redis_pid; do
        kill -KILL "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    e2e_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM PIPE

command -v redis-server >/dev/null && "${php_redis[@]}" -r 'exit(class_exists("Redis") ? 0 : 1);' 2>/dev/null \
    || bail "redis-server and php8.2-redis are installed (scripts/install-deps.sh)"

# A redis-server of our own, never the system's: loopback, a free port, nothing persisted.
redis_port=$(e2e_free_port)
mkdir -p "$tmp/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir "$tmp/redis" --logfile "$tmp/redis.log" --daemonize no &
redis_pid=$!
redis() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
for _ in $(seq 1 100); do [[ $(redis ping 2>/dev/null) == PONG ]] && break; sleep 0.1; done
[[ $(redis ping 2>/dev/null) == PONG ]] || bail "redis-server started on 127.0.0.1:$redis_port"

export E2E_FPM_EXTRA="env[REDIS_PORT] = $redis_port"
e2e_start "$extension" "$example/public" 4 "$redis_ini" \
    || { cat "$E2E_DIR"/*.log 2>/dev/null; bail "php-fpm and nginx started"; }

start_consumer() {  # one consumer, always under the same name, so a restart finds its list
    CONSUMER=consumer-a WORK_MS=$work_ms REDIS_PORT=$redis_port \
        "${php_redis[@]}" "$example/worker.php" "$tmp/done.log" >> "$tmp/consumer.log" 2>&1 &
    consumer_pid=$!
}
lines() { [[ -f $1 ]] && wc -l < "$1" || echo 0; }
count() { grep -c "$@" || true; }
# wait_until <tenths of a second> <command...>: polls for an event, bounded.
wait_until() { local limit=$1 i; shift; for ((i = 0; i < limit; i++)); do "$@" && return 0; sleep 0.1; done; "$@"; }

# A job a previous run of the consumer took and never finished, as a crash leaves it.
redis rpush jobs:processing:consumer-a "{\"id\":\"$seeded_job\",\"type\":\"receipt\",\"order\":0}" >/dev/null
start_consumer
check "the consumer re-queued the job an earlier crash left in its processing list" \
    wait_until 100 grep -qs 're-queued 1 unfinished' "$tmp/consumer.log"

# The load: each response carries its job id (nginx's $request_id), status and time.
seq 1 "$requests" | xargs -P "$concurrency" -I{} curl -sS --max-time 10 -o /dev/null \
    -w '%{http_code} %{time_total} %header{x-job-id}\n' "$E2E_URL/index.php" \
    >> "$tmp/responses.txt" 2>> "$tmp/curl.log" &
requests_pid=$!

# Halfway through the responses, SIGKILL the consumer: its job in hand stays in its list.
half_answered() { (($(lines "$tmp/responses.txt") >= requests / 2)) || ! kill -0 "$requests_pid" 2>/dev/null; }
wait_until 600 half_answered
kill -KILL "$consumer_pid"; wait "$consumer_pid" 2>/dev/null; consumer_pid=''
in_hand=$(redis llen jobs:processing:consumer-a)
done_at_kill=$(lines "$tmp/done.log")
answered_at_kill=$(awk '$1 == 200' "$tmp/responses.txt" | wc -l)

wait "$requests_pid"; requests_pid=''
# The same id twice, as a client retrying: done once.
for _ in 1 2; do
    fetch -o /dev/null -w '%{http_code} %{time_total} %header{x-job-id}\n' "$E2E_URL/index.php?id=$repeated_id" >> "$tmp/responses.txt"
done
waiting=$(redis llen jobs)
start_consumer

# The jobs to be done: every answered request's id (the repeated one once), and the seeded job.
answered=$(awk '$1 == 200 && $3 != ""' "$tmp/responses.txt" | wc -l)
{ awk '$1 == 200 && $3 != "" {print $3}' "$tmp/responses.txt"; echo "$seeded_job"; } | sort -u > "$tmp/known.ids"
expected=$(lines "$tmp/known.ids")
drained() { [[ $(redis llen jobs) == 0 && $(redis llen jobs:processing:consumer-a) == 0 ]]; }
# Done: every job recorded and nothing left; or, when jobs are missing, nothing left for 3 s.
drained_polls=0
settled() {
    if drained; then ((++drained_polls >= 30 || $(lines "$tmp/done.log") >= expected)); else drained_polls=0; return 1; fi
}
wait_until 1200 settled
sort "$tmp/done.log" > "$tmp/done.sorted"

check "all $((requests + 2)) requests answered 200 with a job id ($answered; $(awk '$1 != 200' "$tmp/responses.txt" | wc -l) other, $(lines "$tmp/curl.log") curl errors)" \
    test "$answered" -eq $((requests + 2))
check "the consumer was SIGKILLed halfway through the requests ($done_at_kill jobs done, $in_hand in hand; $waiting waited in Redis while it was down)" \
    bash -c "(( $done_at_kill < $requests && $in_hand <= 1 && $waiting > 0 ))"
check "its restart re-queued the $in_hand job(s) it had in hand" \
    grep -q "re-queued $in_hand unfinished" <(sed -n '2,$p' <(grep 'started,' "$tmp/consumer.log"))
check "every answered request's job was done ($(comm -23 "$tmp/known.ids" <(sort -u "$tmp/done.sorted") | wc -l) of $(lines "$tmp/known.ids") missing)" \
    test -z "$(comm -23 "$tmp/known.ids" <(sort -u "$tmp/done.sorted"))"
check "no job was done twice ($(uniq -d "$tmp/done.sorted" | wc -l) twice)" test -z "$(uniq -d "$tmp/done.sorted")"
check "no job done that no request asked for" test -z "$(comm -13 "$tmp/known.ids" <(sort -u "$tmp/done.sorted"))"
check "the id sent twice was done once, the second delivery noticed ($(count -x "$repeated_id" "$tmp/done.log") done)" \
    bash -c "[[ \$(grep -cx '$repeated_id' '$tmp/done.log') == 1 ]] && grep -q 'job $repeated_id was already done' '$tmp/consumer.log'"
check "the queue, the processing list and the failed list are empty" \
    bash -c "[[ \$(redis-cli -p $redis_port llen jobs) == 0 && \$(redis-cli -p $redis_port llen jobs:processing:consumer-a) == 0 && \$(redis-cli -p $redis_port llen jobs:failed) == 0 ]]"
check "php logged no failed task and no error" \
    bash -c "! grep -qE 'defer: |PHP (Fatal|Warning|Notice)|Redis' '$E2E_DIR/php_errors.log' 2>/dev/null"
check "nginx logged no upstream error" bash -c "! grep -qE '\[(error|crit|alert|emerg)\]' '$E2E_DIR/nginx_error.log'"

# The responses did not wait for the work: the jobs hold $requests x $work_ms ms of it, done
# one at a time by one consumer, and many responses came while no consumer ran at all.
work_seconds=$(php -n -r 'printf("%.1f", $argv[1] * $argv[2] / 1000);' "$requests" "$work_ms")
slowest=$(awk '{print $2}' "$tmp/responses.txt" | sort -n | tail -1)
median=$(awk '{print $2}' "$tmp/responses.txt" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
check "every response in under 1 s although the jobs hold $work_seconds s of work (median ${median} s, slowest ${slowest} s)" \
    less_than "$slowest" 1
check "$((answered - answered_at_kill)) requests were answered 200 while no consumer ran" \
    bash -c "(( $answered - $answered_at_kill > 0 ))"

kill -TERM "$consumer_pid"
check "the consumer stops on SIGTERM, after the job in hand" \
    bash -c "for _ in \$(seq 1 50); do kill -0 $consumer_pid 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
wait "$consumer_pid" 2>/dev/null; consumer_pid=''
grep -q 'stopped after' "$tmp/consumer.log" || echo "# consumer log: $(tail -3 "$tmp/consumer.log")"

summary
[[ $failed -eq 0 ]]
