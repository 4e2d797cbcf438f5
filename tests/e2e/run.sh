#!/usr/bin/env bash
# End-to-end tests: a real php-fpm behind nginx on 127.0.0.1, started and stopped here.
# Usage: tests/e2e/run.sh [path/to/defer.so]     Prints "e2e: N passed, N failed".
# E2E_EXTRA_INI="setting=value" adds php.ini lines (e.g. to see a check fail without a feature).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
extension=${1:-$(cd "$here/../.." && pwd)/modules/defer.so}
source "$here/servers.sh"


# A pool that sets defer.global_functions, which only php.ini can: refused with a warning.
export E2E_FPM_EXTRA='[globals]
user = root
group = root
listen = $E2E_DIR/globals.sock
listen.mode = 0666
pm = static
pm.max_children = 1
catch_workers_output = yes
php_admin_value[defer.global_functions] = 0'
export E2E_NGINX_EXTRA="location = /pool/globals.php { include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME $here/app/globals.php; fastcgi_pass unix:\$E2E_DIR/globals.sock; }"
trap e2e_stop EXIT INT TERM PIPE
e2e_start "$extension" "$here/app" 3 "${E2E_EXTRA_INI:-}" || { echo "could not start php-fpm and nginx"; cat "$E2E_DIR"/*.log 2>/dev/null; echo "e2e: 0 passed, 1 failed"; exit 1; }

# 1. The whole response arrives long before the 500 ms task ends; its effect shows afterwards.
fetch_timed -o "$E2E_DIR/slow.body" "$E2E_URL/slow_task.php?run=1"
check "slow task: status 200" test "$code" = 200
check "slow task: body complete" grep -qx "response body" "$E2E_DIR/slow.body"
check "slow task: response in ${seconds}s, under 0.25 s of a 0.5 s task" ok_within "$code" "$seconds" 0.25
check "slow task: its effect is not there yet when the response arrives" test ! -e "$E2E_DIR/slow_task.1"
check "slow task: its effect appears afterwards" wait_for_file "$E2E_DIR/slow_task.1"
check "slow task: finished through fastcgi_finish_request" test "$(json_export "$E2E_DIR/slow_task.1" finish_method)" = "'fastcgi_finish_request'"
check "slow task: finished is true" test "$(json_export "$E2E_DIR/slow_task.1" finished)" = "true"

# 2. Output from a task after the finish (1 MB + flush) is discarded and does not kill it.
fetch -o "$E2E_DIR/noisy.body" "$E2E_URL/noisy_task.php?run=1"
check "noisy task: client got only the response" test "$(cat "$E2E_DIR/noisy.body")" = "quiet response"
check "noisy task: the next task still ran" wait_for_file "$E2E_DIR/noisy_task.1"
check "noisy task: recorded as ok" test "$(json_export "$E2E_DIR/noisy_task.1" tasks 0 state)" = "'ok'"
check "noisy task: the worker was not aborted" test "$(json_export "$E2E_DIR/noisy_task.1" client_aborted)" = "false"

# 3. The session lock is released before the deferred work: a second request with the
#    same cookie is not held up by the first one's 1 s of deferred work.
fetch -c "$E2E_DIR/cookies" -o /dev/null "$E2E_URL/session_hold.php"
fetch -b "$E2E_DIR/cookies" -o "$E2E_DIR/hold.body" "$E2E_URL/session_hold.php?work=1" &
hold_pid=$!
sleep 0.2  # let the first request take the lock and reach its deferred work
fetch_timed -b "$E2E_DIR/cookies" -o "$E2E_DIR/read.body" "$E2E_URL/session_read.php"
wait $hold_pid
check "session: second request took ${seconds}s, under 0.5 s despite 1 s of deferred work" ok_within "$code" "$seconds" 0.5
check "session: second request sees the first one's write" grep -qx "count=2" "$E2E_DIR/read.body"

# 4. Status code, headers and a gzip body set by the script arrive intact.
fetch -D "$E2E_DIR/gzip.headers" -H 'Accept-Encoding: gzip' -o "$E2E_DIR/gzip.raw" "$E2E_URL/headers_gzip.php"
check "gzip: status 201" grep -q "^HTTP/1.1 201" "$E2E_DIR/gzip.headers"
check "gzip: custom header kept" grep -qi "^X-Defer-Test: kept" "$E2E_DIR/gzip.headers"
check "gzip: Content-Encoding gzip" grep -qi "^Content-Encoding: gzip" "$E2E_DIR/gzip.headers"
php -n -r 'for ($i = 0; $i < 2000; $i++) echo "line $i of the compressed body\n";' > "$E2E_DIR/gzip.expected"
check "gzip: body decompresses to exactly what was printed" sh -c "gzip -dc '$E2E_DIR/gzip.raw' | cmp -s - '$E2E_DIR/gzip.expected'"

# 5. finish_and_defer() mid-script: the client gets what was printed before, the script goes on.
fetch_timed -o "$E2E_DIR/early.body" "$E2E_URL/finish_early.php?run=1"
check "finish_and_defer: body is what was printed before it" test "$(cat "$E2E_DIR/early.body")" = "sent before finish"
check "finish_and_defer: response in ${seconds}s, before the script's 0.5 s tail" ok_within "$code" "$seconds" 0.25
check "finish_and_defer: the script went on" wait_for_file "$E2E_DIR/finish_early.1.main"
check "finish_and_defer: returned true, then false" test "$(php -n -r 'echo file_get_contents($argv[1]);' "$E2E_DIR/finish_early.1.main")" = '{"finished_now":true,"again":false}'
check "finish_and_defer: the callback ran" wait_for_file "$E2E_DIR/finish_early.1"

# 6. defer.global_functions set for a pool is refused, with a warning naming where to set it.
fetch -o "$E2E_DIR/globals.json" "$E2E_URL/pool/globals.php"
check "pool: defer.global_functions=0 refused, ini_get() and the functions agree ($(cat "$E2E_DIR/globals.json"))" \
    test "$(cat "$E2E_DIR/globals.json")" = '{"ini":"1","defer":true,"namespaced":true}'
check "pool: the refusal is logged, naming the setting and php.ini" \
    grep -q 'defer.global_functions can only be set in php.ini or with -d' "$E2E_DIR/php-fpm.log" "$E2E_DIR/php_errors.log"

# 7. Every failure went to the log, none did: no task failed in these scripts.
check "log: no defer failure lines" sh -c "! grep -q 'defer: task' '$E2E_DIR/php_errors.log' 2>/dev/null"
check "php-fpm: no worker crashed" sh -c "! grep -qiE 'SIGSEGV|exited on signal|core dumped' '$E2E_DIR/php-fpm.log'"

e2e_stop
trap - EXIT INT TERM PIPE

# 8. Another SAPI without a finish function: PHP's built-in server, connection_close.
dir=$(mktemp -d /tmp/defer-cli-server.XXXXXX)
port=$(e2e_free_port)
E2E_DIR=$dir php -n -d extension="$extension" -d defer.global_functions=1 -d output_buffering=4096 -S "127.0.0.1:$port" -t "$here/app" >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do fetch -o /dev/null "http://127.0.0.1:$port/none.txt" 2>/dev/null; [[ $? -ne 7 ]] && break; sleep 0.1; done
fetch_timed -D "$dir/headers" -o "$dir/body" "http://127.0.0.1:$port/slow_task.php?run=cli"
check "cli-server: response in ${seconds}s, under 0.25 s of a 0.5 s task" ok_within "$code" "$seconds" 0.25
check "cli-server: finished through connection_close" wait_for_file "$dir/slow_task.cli"
check "cli-server: recorded as connection_close" test "$(json_export "$dir/slow_task.cli" finish_method)" = "'connection_close'"
check "cli-server: Connection: close sent" grep -qi "^Connection: close" "$dir/headers"
check "cli-server: Content-Length matches the body" grep -qi "^Content-Length: 14" "$dir/headers"
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
rm -rf "$dir"

echo "e2e: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
