#!/usr/bin/env bash
# Kept-alive FastCGI connections (nginx `fastcgi_keep_conn on` + upstream `keepalive`): a
# request with deferred work must not keep its connection, or nginx hands the next request
# to the busy worker (php-src issue 10335). Real php-fpm and nginx on 127.0.0.1.
# Usage: tests/e2e/keepalive.sh [defer.so] [seconds of load=5]
# Prints "keepalive: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
source "$here/../lib/load.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
seconds=${2:-5}
source "$here/servers.sh"
docroot=$here/keepalive

# Three pools behind three kept-alive upstreams: /kept/ as users run it, /off/ with the
# feature turned off, to show that the checks below see the problem when it is there, and
# /always/ with defer.close_kept_connection=always.
pool() {  # pool <name> <workers> <defer.close_kept_connection>: a php-fpm pool on $E2E_DIR/<name>.sock
    printf '[%s]\nuser = root\ngroup = root\nlisten = $E2E_DIR/%s.sock\nlisten.mode = 0666\npm = static\npm.max_children = %s\ncatch_workers_output = yes\nenv[E2E_DIR] = $E2E_DIR\nphp_admin_value[defer.close_kept_connection] = %s\n' "$1" "$1" "$2" "$3"
}
E2E_FPM_EXTRA="$(pool off 2 0)
$(pool always 4 always)"
export E2E_FPM_EXTRA
location() {  # location <prefix> <upstream>
    printf 'location ^~ /%s/ { rewrite ^/%s/(.*)$ /\\$1 break; include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME \\$document_root\\$uri; fastcgi_param E2E_DIR $E2E_DIR; fastcgi_param REQUEST_ID \\$request_id; fastcgi_keep_conn on; fastcgi_pass %s; access_log $E2E_DIR/%s_access.log ids; }\n' "$1" "$1" "$2" "$1"
}
export E2E_HTTP_EXTRA='upstream kept { server unix:$E2E_DIR/php-fpm.sock; keepalive 8; }
upstream kept_off { server unix:$E2E_DIR/off.sock; keepalive 8; }
upstream kept_always { server unix:$E2E_DIR/always.sock; keepalive 8; }
log_format ids '"'"'\$request_id \$status \$request_method'"'"';'
E2E_NGINX_EXTRA="$(location kept kept)
$(location off kept_off)
$(location always kept_always)"
export E2E_NGINX_EXTRA

trap e2e_stop EXIT INT TERM PIPE
e2e_start "$extension" "$docroot" 4 "pm.max_requests=0
defer.log=errors" || { echo "could not start php-fpm and nginx"; cat "$E2E_DIR"/*.log 2>/dev/null; echo "keepalive: 0 passed, 1 failed"; exit 1; }

# ttfb_series <prefix> <count>: requests 0.3 s apart, each deferring 1 s of work (4 workers
# keep up); prints each one's time to first byte.
ttfb_series() {
    local i
    for i in $(seq 1 "$2"); do
        fetch -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$E2E_URL/$1/work.php?ms=1000"
        sleep 0.3
    done
}
all_within() { awk -v limit="$2" '$1 != 200 || $2 >= limit {bad++} END {exit bad > 0 || NR == 0}' "$1"; }
any_beyond() { awk -v limit="$2" '$1 == 200 && $2 >= limit {late++} END {exit late == 0}' "$1"; }

# 1. Spaced requests: every response arrives long before the previous requests' 1 s of
#    deferred work ends, because each such request leaves its connection closed.
ttfb_series kept 6 > "$E2E_DIR/kept.ttfb"
check "spaced requests: every response in under 0.5 s while 1 s tasks run ($(awk '{printf "%s ", $2}' "$E2E_DIR/kept.ttfb"))" \
    all_within "$E2E_DIR/kept.ttfb" 0.5
ttfb_series off 4 > "$E2E_DIR/off.ttfb"
check "with defer.close_kept_connection=0 a response waits for the previous task ($(awk '{printf "%s ", $2}' "$E2E_DIR/off.ttfb"))" \
    any_beyond "$E2E_DIR/off.ttfb" 0.5
check "the tasks of the spaced requests ran" bash -c "for _ in \$(seq 1 60); do [[ \$(wc -l < '$E2E_DIR/tasks.log') -ge 10 ]] && exit 0; sleep 0.1; done; exit 1"
connections_of() {  # the connection each deferring request came on (kept pool only)
    php -n -r 'foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $l) { $t = json_decode($l, true); if ($t["connection_closed"] === (bool) $argv[2]) echo $t["connection"], "\n"; }' "$E2E_DIR/tasks.log" "$1"
}
check "each deferring request came on a connection of its own ($(connections_of 1 | sort -u | wc -l) of 6)" \
    test "$(connections_of 1 | sort -u | wc -l)" -eq 6
check "defer_status() says connection_closed, and false where it is turned off" \
    bash -c "[[ \$(grep -c '\"connection_closed\":true' '$E2E_DIR/tasks.log') -eq 6 && \$(grep -c '\"connection_closed\":false' '$E2E_DIR/tasks.log') -eq 4 ]]"

# 2. A request with nothing deferred keeps its connection: nginx reuses it.
for _ in $(seq 1 10); do fetch "$E2E_URL/kept/plain.php" >> "$E2E_DIR/plain.ids"; done
check "plain requests reuse kept-alive connections ($(sort -u "$E2E_DIR/plain.ids" | wc -l) connections for 10 requests)" \
    test "$(sort -u "$E2E_DIR/plain.ids" | wc -l)" -lt 5

# 3. A task that calls its own site back through the same upstream completes at once.
fetch -o /dev/null "$E2E_URL/kept/callback.php"
check "a task calling its own site back got its answer" wait_for_file "$E2E_DIR/callback.log" 80
check "... in under 2 s of its 5 s timeout, from another worker ($(cat "$E2E_DIR/callback.log" 2>/dev/null))" \
    php -n -r '$r = json_decode(file_get_contents($argv[1]), true); exit($r["ok"] && $r["seconds"] < 2 && !$r["same_worker"] ? 0 : 1);' "$E2E_DIR/callback.log"

# 4. Under load, GET and POST: every 200 response's task is recorded once, nothing else
#    than 200 is answered, and nginx logs no upstream error (a POST written to a connection
#    that turns out closed would not be retried: it would be a 502).
# load_checks <label> <path> [pool]: wrk GET and POST against /<pool>/<path> (pool: kept),
# then the tally.
load_checks() {
    local label=$1 path=$2 pool=${3:-kept} method cut other
    load_settle
    : > "$E2E_DIR/${pool}_access.log"
    : > "$E2E_DIR/recorded.log"
    : > "$E2E_DIR/tasks.log"
    load_run "$E2E_URL/$pool/$path" "$seconds"
    load_settle
    for method in GET POST; do
        load_tally "$method" "$E2E_DIR/${pool}_access.log"
        check "$label$method under load: ${responses:-0} responses, all 2xx (wrk: $non_2xx not)" bash -c "(( ${responses:-0} > 20 && $non_2xx == 0 ))"
        check "$label$method under load: nginx answered nothing but 200 ($other other; $cut cut short by wrk's end)" \
            bash -c "(( $other == 0 && $cut <= 16 ))"
        check "$label$method under load: every 200 response's task recorded ($lost of $ok missing)" bash -c "(( $ok > 20 && $lost == 0 ))"
        check "$label$method under load: no task recorded twice ($twice)" test "$twice" -eq 0
    done
    check "${label}POST under load: every task saw its request's body" \
        bash -c "! grep '\"method\":\"POST\"' '$E2E_DIR/tasks.log' | grep -v '\"body\":\"payload=posted\"' | grep -q ."
}
load_checks "" work.php

# 5. The application finishes its own response (Symfony's and Laravel's Response::send(),
#    the seeds' fastcgi_finish_request()). With work queued, the connection is closed in that
#    call: the spaced responses do not wait for the previous request's work, and under load
#    nothing reaches nginx after the request ended (a second END_REQUEST on a connection
#    nginx had reused was read as the next request's answer: "upstream sent unexpected
#    FastCGI record: 3", 502).
: > "$E2E_DIR/tasks.log"
for _ in $(seq 1 6); do
    fetch -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$E2E_URL/kept/work.php?ms=1000&finish=app"
    sleep 0.3
done > "$E2E_DIR/app.ttfb"
check "application's own finish, work queued: every response in under 0.5 s while 1 s tasks run ($(awk '{printf "%s ", $2}' "$E2E_DIR/app.ttfb"))" \
    all_within "$E2E_DIR/app.ttfb" 0.5
check "... and each such request's task says connection_closed" \
    bash -c "for _ in \$(seq 1 80); do [[ \$(grep -c '\"connection_closed\":true' '$E2E_DIR/tasks.log') -ge 6 ]] && exit 0; sleep 0.1; done; exit 1"
load_checks "application's own finish, work queued: " "work.php?finish=app"
# Work deferred only after the application's finish leaves the connection alone (kept).
load_checks "work deferred after the application's finish: " late.php
check "... its tasks say the connection was kept (left alone)" bash -c "! grep -q '\"connection_closed\":true' '$E2E_DIR/tasks.log'"

# 6. Work after the application's own finish that is no extension task (the seeds' by-hand
#    pattern, a framework's terminate step): by default it holds the kept-alive connection,
#    so the next request waits for it; defer.close_kept_connection=always closes it at the
#    application's finish, and a request with nothing after its finish keeps its connection.
spaced() {  # spaced <url> <file>: 6 requests 0.3 s apart, each one's status and time to first byte
    for _ in $(seq 1 6); do fetch -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$1"; sleep 0.3; done > "$2"
}
load_settle
spaced "$E2E_URL/kept/by_hand.php?ms=1000" "$E2E_DIR/by_hand_default.ttfb"
check "by hand, default setting: a response waits for the previous request's work ($(awk '{printf "%s ", $2}' "$E2E_DIR/by_hand_default.ttfb"))" \
    any_beyond "$E2E_DIR/by_hand_default.ttfb" 0.5
load_settle
spaced "$E2E_URL/always/by_hand.php?ms=1000" "$E2E_DIR/by_hand_always.ttfb"
check "by hand, close_kept_connection=always: every response in under 0.5 s while 1 s of work runs ($(awk '{printf "%s ", $2}' "$E2E_DIR/by_hand_always.ttfb"))" \
    all_within "$E2E_DIR/by_hand_always.ttfb" 0.5
load_checks "by hand, always: " by_hand.php always
: > "$E2E_DIR/plain.ids"
for _ in $(seq 1 10); do fetch "$E2E_URL/always/plain.php" >> "$E2E_DIR/plain.ids"; done
check "always: plain requests (no early finish) still reuse kept-alive connections ($(sort -u "$E2E_DIR/plain.ids" | wc -l) for 10 requests)" \
    test "$(sort -u "$E2E_DIR/plain.ids" | wc -l)" -lt 5
check "nginx logged no upstream error or warning" bash -c "! grep -E '\[(warn|error|crit|alert|emerg)\]' '$E2E_DIR/nginx_error.log'"
check "php logged no failed task, and no fallback from closing the connection" \
    bash -c "! grep -E 'defer: (task|cannot)' '$E2E_DIR/php_errors.log' 2>/dev/null"
check "no worker crashed" bash -c "! grep -qiE 'exited on signal|SIGSEGV|SIGABRT|core dumped' '$E2E_DIR/php-fpm.log'"

e2e_stop
trap - EXIT INT TERM PIPE
echo "keepalive: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
