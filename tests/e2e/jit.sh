#!/usr/bin/env bash
# Under php-fpm with opcache's function JIT (opcache.jit=function), which checks the VM
# interrupt only at loop heads and after internal calls: a task recursing without a loop is
# still ended by its limit (the escalation from the signal handler), the next task runs, and
# the one worker serves its next request within the stop's grace, not after the recursion.
# Usage: tests/e2e/jit.sh [path/to/defer.so]    Prints "e2e jit: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
extension=${1:-$(cd "$here/../.." && pwd)/modules/defer.so}
source "$here/servers.sh"
fpm=${DEFER_PHP_FPM:-php-fpm8.2}
# PHP 8.5 builds opcache in; before, it is a zend_extension to load.
load_opcache="zend_extension=opcache"
"$fpm" -n -m 2>/dev/null | grep -qx "Zend OPcache" && load_opcache=""
export E2E_FPM_EXTRA="" E2E_NGINX_EXTRA="" E2E_HTTP_EXTRA=""
trap e2e_stop EXIT INT TERM PIPE
e2e_start "$extension" "$here/jit" 1 "$load_opcache
opcache.enable=1
opcache.jit=function
opcache.jit_buffer_size=64M
opcache.file_update_protection=0
defer.task_timeout=0.2
max_execution_time=60" || { echo "could not start php-fpm and nginx"; cat "$E2E_DIR"/*.log 2>/dev/null; echo "e2e jit: 0 passed, 1 failed"; exit 1; }

fetch -o /dev/null "$E2E_URL/hello.php" # the worker's first request: opcache warms up
fetch_timed -o "$E2E_DIR/one.body" "$E2E_URL/recursion.php?run=1"
check "recursion: whole response" test "$(cat "$E2E_DIR/one.body")" = "answered 1"
# The next request waits for the one worker: the stop (0.2 s) plus its escalation, not 20 s.
fetch_timed -o "$E2E_DIR/hello.body" --max-time 60 "$E2E_URL/hello.php"
check "the next request was served in ${seconds}s, within the 1 s grace (the recursion takes tens of seconds)" ok_within "$code" "$seconds" 1.5
check "the next task ran" wait_for_file "$E2E_DIR/recursion-1.json"
check "the JIT was on in php-fpm" test "$(json_field "$E2E_DIR/recursion-1.json" jit)" = on
check "the recursion was recorded as timeout" test "$(json_field "$E2E_DIR/recursion-1.json" status tasks 0 state)" = timeout
error=$(json_field "$E2E_DIR/recursion-1.json" status tasks 0 error)
check "the record says it was ended as not interruptible: $error" grep -q "defer.task_timeout of 0.2 s reached (not interruptible" <<<"$error"
# The worker is healthy: the same again.
fetch_timed -o "$E2E_DIR/two.body" "$E2E_URL/recursion.php?run=2"
check "a second recursion on the same worker: whole response" test "$(cat "$E2E_DIR/two.body")" = "answered 2"
check "a second recursion on the same worker: stopped, next task ran" wait_for_file "$E2E_DIR/recursion-2.json" 100
check "php-fpm: no worker crashed" bash -c "! grep -qiE 'SIGSEGV|SIGABRT|SIGBUS|core dumped|exited on signal' '$E2E_DIR/php-fpm.log'"
e2e_stop
trap - EXIT INT TERM PIPE
echo "e2e jit: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
