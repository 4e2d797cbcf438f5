#!/usr/bin/env bash
# The fault matrix, each row against a real php-fpm behind nginx on 127.0.0.1 (pm = static
# with one worker, so the next request lands on the same worker), checking what the client
# saw, what the tasks did and what the log says.
# Usage: tests/e2e/fault_matrix.sh [path/to/defer.so]    Prints "fault matrix: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
extension=${1:-$(cd "$here/../.." && pwd)/modules/defer.so}
docroot="$here/faults"
source "$here/servers.sh"

log_has() { grep -qE "$1" "$E2E_DIR/php_errors.log" 2>/dev/null; }
fpm_log_has() { grep -qE "$1" "$E2E_DIR/php-fpm.log" 2>/dev/null; }

pool() {  # pool <name> <request_terminate_timeout_track_finished>
    printf '[%s]\nuser = root\ngroup = root\nlisten = $E2E_DIR/%s.sock\nlisten.mode = 0666\npm = static\npm.max_children = 1\ncatch_workers_output = yes\nrequest_terminate_timeout = 1s\nrequest_terminate_timeout_track_finished = %s\nenv[E2E_DIR] = $E2E_DIR\n' "$1" "$1" "$2"
}
# With fastcgi_keep_conn nginx keeps a worker bound to its idle connection: give it a pool.
E2E_FPM_EXTRA="$(pool tracked yes)
$(pool untracked no)
$(pool kept no | sed 's/^request_terminate_timeout = 1s$/request_terminate_timeout = 0/')"
E2E_HTTP_EXTRA="upstream kept { server unix:\$E2E_DIR/kept.sock; keepalive 4; }"
E2E_NGINX_EXTRA="location = /keep.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $docroot/keep.php; fastcgi_keep_conn on; fastcgi_pass kept; }
location = /tracked/terminate.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $docroot/terminate.php; fastcgi_pass unix:\$E2E_DIR/tracked.sock; }
location = /untracked/terminate.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $docroot/terminate.php; fastcgi_pass unix:\$E2E_DIR/untracked.sock; }"
export E2E_FPM_EXTRA E2E_HTTP_EXTRA E2E_NGINX_EXTRA

trap e2e_stop EXIT INT TERM PIPE
e2e_start "$extension" "$docroot" 1 "defer.task_timeout=0.5
memory_limit=32M
max_execution_time=30" || { echo "could not start php-fpm and nginx"; cat "$E2E_DIR"/*.log 2>/dev/null; echo "fault matrix: 0 passed, 1 failed"; exit 1; }

# The client disconnects before the response is finished.
fetch --max-time 0.3 -o /dev/null "$E2E_URL/abort.php" 2>/dev/null
check "abort: curl gave up before the response (exit 28)" test $? -eq 28
check "abort: the task still ran" wait_for_file "$E2E_DIR/abort.json"
check "abort: client_aborted is true" test "$(json_field "$E2E_DIR/abort.json" status client_aborted)" = true
check "abort: connection_status at finish is ABORTED (1)" test "$(json_field "$E2E_DIR/abort.json" status connection_status_at_finish)" = 1
check "abort: the log says so" bash -c "for i in \$(seq 1 30); do grep -q 'client_aborted=yes' '$E2E_DIR/php_errors.log' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"

# Faulty tasks: the client gets its whole response at once, the fault is recorded and logged.
declare -A expected_state=([throw]=exception [exit]=exit [undefined]=exception [loop]=timeout [sleep]=timeout [noisy]=ok)
declare -A expected_log=([throw]='task #1 .* exception: RuntimeException: webhook refused'
    [exit]='task #1 .* exit: exit\(7\) called' [undefined]='task #1 .* exception: Error: Call to undefined function no_such_function\(\)'
    [loop]='task #1 .* timeout: stopped after 0\.5[0-9]* s: defer.task_timeout of 0.5 s reached'
    [sleep]='task #1 .* timeout: stopped after 0\.5[0-9]* s: defer.task_timeout of 0.5 s reached' [noisy]='')
for case in throw exit undefined loop sleep noisy; do
    log_lines_before=$(cat "$E2E_DIR/php_errors.log" 2>/dev/null | wc -l)
    fetch_timed -o "$E2E_DIR/$case.body" "$E2E_URL/task_fault.php?case=$case"
    check "$case: whole response in ${seconds}s" ok_within "$code" "$seconds" 0.25
    check "$case: body intact" test "$(cat "$E2E_DIR/$case.body")" = "answered $case"
    check "$case: the next task ran" wait_for_file "$E2E_DIR/fault-$case.json"
    check "$case: recorded as ${expected_state[$case]}" test "$(json_field "$E2E_DIR/fault-$case.json" status tasks 0 state)" = "${expected_state[$case]}"
    if [[ -n ${expected_log[$case]} ]]; then
        check "$case: logged" log_has "${expected_log[$case]}"
    else
        check "$case: nothing logged for it" test "$(cat "$E2E_DIR/php_errors.log" 2>/dev/null | wc -l)" = "$log_lines_before"
    fi
done
fetch_timed -o "$E2E_DIR/memory.body" "$E2E_URL/task_fault.php?case=memory"
check "memory: whole response in ${seconds}s" ok_within "$code" "$seconds" 0.25
check "memory: body intact" test "$(cat "$E2E_DIR/memory.body")" = "answered memory"
check "memory: the fatal error is logged with the task" bash -c "for i in \$(seq 1 50); do grep -qE 'task #1 .* fatal: Allowed memory size of 33554432 bytes exhausted' '$E2E_DIR/php_errors.log' && exit 0; sleep 0.1; done; exit 1"
check "memory: the recorder task is reported skipped, not lost" log_has 'task #2 .* skipped'

# A task suspends the Fiber that runs Defer\run_pending() (an event loop's pattern): its limit
# pauses, the main script is not stopped by it and sends its whole response.
fetch_timed -o "$E2E_DIR/fiber.body" "$E2E_URL/fiber.php"
check "fiber: status 200" test "$code" = 200
check "fiber: body intact (the main script was not stopped by the suspended task's limit)" test "$(cat "$E2E_DIR/fiber.body")" = "answered fiber"
check "fiber: the task finished once resumed" wait_for_file "$E2E_DIR/fiber-task"
check "fiber: the recorder ran" wait_for_file "$E2E_DIR/fault-fiber.json"
check "fiber: the task recorded ok" test "$(json_field "$E2E_DIR/fault-fiber.json" status tasks 0 state)" = ok

# The application's shutdown functions keep working; tasks run last.
fetch -o /dev/null "$E2E_URL/shutdown_order.php"
wait_for_file "$E2E_DIR/order" 20
sleep 0.3
printf '%s\n' "shutdown 1 (before the first defer)" "shutdown 2 (after the first defer)" "shutdown 3 (registers another)" \
    "shutdown 4 (registered by 3)" "task 1" "task 2" > "$E2E_DIR/order.expected"
check "shutdown functions: all ran, tasks last" cmp -s "$E2E_DIR/order" "$E2E_DIR/order.expected"
fetch -o /dev/null "$E2E_URL/shutdown_exit.php"
check "shutdown function calling exit(): the task still ran" wait_for_file "$E2E_DIR/shutdown-exit.json"

# fastcgi_keep_conn on with upstream keepalive: two requests on one connection to nginx.
fetch_timed -o "$E2E_DIR/keep1.body" "$E2E_URL/keep.php?run=1"
check "keep_conn: response in ${seconds}s, before 0.3 s of deferred work" ok_within "$code" "$seconds" 0.25
check "keep_conn: body intact" test "$(cat "$E2E_DIR/keep1.body")" = "keepalive body 1"
check "keep_conn: the deferred work completed" wait_for_file "$E2E_DIR/keep-1.json"
fetch -o "$E2E_DIR/keep2.body" "$E2E_URL/keep.php?run=2" -o "$E2E_DIR/keep3.body" "$E2E_URL/keep.php?run=3"
check "keep_conn: later responses on the kept connection are not corrupted by stray output" \
    bash -c "test \"\$(cat '$E2E_DIR/keep2.body')\" = 'keepalive body 2' && test \"\$(cat '$E2E_DIR/keep3.body')\" = 'keepalive body 3'"
check "keep_conn: nginx saw no upstream protocol error" bash -c "! grep -qiE 'upstream sent|unexpected' '$E2E_DIR/nginx_error.log'"

# request_terminate_timeout (1 s) with 2 s of deferred work.
fetch_timed -o "$E2E_DIR/untracked.body" "$E2E_URL/untracked/terminate.php?pool=untracked"
check "terminate timeout, not tracking finished: response at once" ok_within "$code" "$seconds" 0.25
check "terminate timeout, not tracking finished: the 2 s of work completes" wait_for_file "$E2E_DIR/terminate-untracked.json" 40
fetch_timed -o "$E2E_DIR/tracked.body" "$E2E_URL/tracked/terminate.php?pool=tracked"
check "terminate timeout, tracking finished: response at once, intact" \
    bash -c "[[ $code == 200 ]] && test \"\$(cat '$E2E_DIR/tracked.body')\" = 'answered before the work'"
sleep 3
check "terminate timeout, tracking finished: php-fpm killed the worker during the work" test ! -e "$E2E_DIR/terminate-tracked.json"
check "terminate timeout, tracking finished: php-fpm logged the kill" fpm_log_has "tracked.*(execution timed out|terminated)"
out=$(fetch -o /dev/null -w '%{http_code}' "$E2E_URL/tracked/terminate.php?pool=tracked-again")
check "terminate timeout, tracking finished: the pool serves the next request" test "$out" = 200

# Sequential requests on the one worker: nothing of A shows in B.
fetch -o /dev/null "$E2E_URL/sequence_a.php"
check "sequence: A's tasks ran (after a timeout and a fatal error)" wait_for_file "$E2E_DIR/sequence-a.json"
check "sequence: A recorded the timeout" test "$(json_field "$E2E_DIR/sequence-a.json" status tasks 0 state)" = timeout
check "sequence: A recorded the fatal error" test "$(json_field "$E2E_DIR/sequence-a.json" status tasks 1 state)" = fatal
fetch -o "$E2E_DIR/b.json" "$E2E_URL/sequence_b.php"
check "sequence: B ran on the same worker as A" test "$(json_field "$E2E_DIR/b.json" pid)" = "$(json_field "$E2E_DIR/sequence-a.json" pid)"
check "sequence: B starts with an empty record" test "$(json_field "$E2E_DIR/b.json" before)" = \
    '{"finished":false,"finish_method":"none","client_aborted":false,"connection_closed":false,"connection_status":0,"connection_status_at_finish":0,"sigpipe":0,"queued":0,"ran":0,"failed":0,"skipped":0,"cancelled":0,"elapsed":0,"tasks":[]}'
check "sequence: B's first task id is 1" test "$(json_field "$E2E_DIR/b.json" first_id)" = 1
check "sequence: B's queue holds only its own task" test "$(json_field "$E2E_DIR/b.json" after queued)" = 1

# The worker's lifetime counters in phpinfo() add up what this one worker did above.
fetch -o "$E2E_DIR/counters.json" "$E2E_URL/counters.php"
check "phpinfo: counters shown by the same worker" test "$(json_field "$E2E_DIR/counters.json" pid)" = "$(json_field "$E2E_DIR/sequence-a.json" pid)"
check "phpinfo: tasks run counted (> 10)" test "$(json_field "$E2E_DIR/counters.json" counters Run)" -gt 10
check "phpinfo: timed-out tasks counted (loop, sleep, sequence A: >= 3)" test "$(json_field "$E2E_DIR/counters.json" counters 'Timed out')" -ge 3
check "phpinfo: failed tasks counted (>= 6)" test "$(json_field "$E2E_DIR/counters.json" counters Failed)" -ge 6

check "php-fpm: no worker crashed (segfault or abort)" bash -c "! grep -qiE 'SIGSEGV|SIGABRT|SIGBUS|core dumped' '$E2E_DIR/php-fpm.log'"

e2e_stop
trap - EXIT INT TERM PIPE
echo "fault matrix: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
