#!/usr/bin/env bash
# Kept-alive FastCGI connections behind Apache: mpm_event + mod_proxy_fcgi with
# enablereuse=on in front of a real php-fpm, all on 127.0.0.1. A request with deferred work
# must not leave Apache a pooled connection to the busy worker: over TCP the extension
# closes it (END_REQUEST and FIN in one segment); over a unix socket it cannot do so
# without a race, so it keeps it, as without the extension, and says so once per worker.
# Usage: tests/e2e/apache_fcgi.sh [defer.so] [seconds of load=5]
# Prints "apache fcgi: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
source "$here/../lib/load.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
seconds=${2:-5}
source "$here/servers.sh"
docroot=$here/keepalive

# php-fpm as in the nginx suites (its nginx is not used here): the app pool on a unix
# socket, and a pool on TCP.
export E2E_FPM_EXTRA='[tcp]
user = root
group = root
listen = 127.0.0.1:$FCGI_TCP_PORT
pm = static
pm.max_children = 4
catch_workers_output = yes
env[E2E_DIR] = $E2E_DIR'
FCGI_TCP_PORT=$(e2e_free_port)
export FCGI_TCP_PORT
stop_all() { apache_fcgi_stop; e2e_stop; }
trap stop_all EXIT INT TERM PIPE
give_up() { echo "$1"; cat "$E2E_DIR"/*.log "$E2E_DIR"/apache/*.log 2>/dev/null | tail -30; echo "apache fcgi: 0 passed, 1 failed"; exit 1; }
e2e_start "$extension" "$docroot" 4 "pm.max_requests=0
defer.log=errors" || give_up "could not start php-fpm"

apache_fcgi_start "$(cat <<CONF
# The reuse users turn on for speed: pooled connections to php-fpm.
# No more pooled connections than workers: php-fpm serves a kept connection and nothing
# else until it closes, so a connection beyond the pool size would wait for a free worker.
<Proxy "fcgi://kept/" enablereuse=on max=4>
</Proxy>
<LocationMatch "^/kept/(.+\.php)\$">
    SetHandler "proxy:unix:$E2E_DIR/php-fpm.sock|fcgi://kept/"
</LocationMatch>
<Proxy "fcgi://127.0.0.1:$FCGI_TCP_PORT/" enablereuse=on max=4>
</Proxy>
<LocationMatch "^/tcp/(.+\.php)\$">
    SetHandler "proxy:fcgi://127.0.0.1:$FCGI_TCP_PORT/"
</LocationMatch>
CONF
)" || give_up "apache2 did not start (or refused its configuration)"
url=$APACHE_URL
# Both prefixes map to the same scripts.
mkdir -p "$E2E_DIR/apache/htdocs"
ln -s "$docroot" "$E2E_DIR/apache/htdocs/kept"
ln -s "$docroot" "$E2E_DIR/apache/htdocs/tcp"
for _ in $(seq 1 100); do fetch -o /dev/null "$url/kept/plain.php" 2>/dev/null && break; sleep 0.1; done

series() {  # series <prefix> <count>: requests 0.3 s apart, each deferring 1 s of work
    local i
    for i in $(seq 1 "$2"); do
        fetch -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$url/$1/work.php?ms=1000"
        sleep 0.3
    done
}
all_within() { awk -v limit="$2" '$1 != 200 || $2 >= limit {bad++} END {exit bad > 0 || NR == 0}' "$1"; }

# 1. Spaced requests: no response waits for an earlier request's deferred work.
series tcp 6 > "$E2E_DIR/kept.ttfb"
check "spaced requests: every response in under 0.5 s while 1 s tasks run ($(awk '{printf "%s ", $2}' "$E2E_DIR/kept.ttfb"))" \
    all_within "$E2E_DIR/kept.ttfb" 0.5
check "the tasks ran and say connection_closed" \
    bash -c "for _ in \$(seq 1 60); do [[ \$(grep -c '\"connection_closed\":true' '$E2E_DIR/tasks.log' 2>/dev/null) -ge 6 ]] && exit 0; sleep 0.1; done; exit 1"

# 2. A task calling its own site back through Apache completes at once.
fetch -o /dev/null "$url/tcp/callback.php?path=/tcp/plain.php"
check "a task calling its own site back through Apache got its answer" wait_for_file "$E2E_DIR/callback.log" 80
check "... in under 2 s of its 5 s timeout, from another worker ($(cat "$E2E_DIR/callback.log" 2>/dev/null))" \
    php -n -r '$r = json_decode(file_get_contents($argv[1]), true); exit($r["ok"] && $r["seconds"] < 2 && !$r["same_worker"] ? 0 : 1);' "$E2E_DIR/callback.log"

# 3. Under load, GET and POST: nothing but 2xx, every answered request's task recorded once.
# load <prefix> <what>: GET then POST under wrk; checks for each.
load() {  # load <prefix> <what> [path, default work.php]
    local prefix=$1 what=$2 path=${3:-work.php} method bad
    load_settle
    : > "$E2E_DIR/apache/access.log"
    : > "$E2E_DIR/tasks.log"
    load_run "$url/$prefix/$path" "$seconds"
    load_settle
    for method in GET POST; do
        load_tally "$method" "$E2E_DIR/apache/access.log"
        bad=$(awk -v m="$method" '$3 == m && $2 >= 500' "$E2E_DIR/apache/access.log" | wc -l)
        check "$what, $method under load: ${responses:-0} responses, all 2xx (wrk: $non_2xx not; Apache: $bad 5xx)" \
            bash -c "(( ${responses:-0} > 20 && $non_2xx == 0 && $bad == 0 ))"
        check "$what, $method under load: every 200 response's task recorded ($lost of $ok missing)" bash -c "(( $ok > 20 && $lost == 0 ))"
        check "$what, $method under load: no task recorded twice ($twice)" test "$twice" -eq 0
    done
}
load tcp "php-fpm on TCP"
check "php-fpm on TCP: every task says connection_closed" bash -c "! grep -q '\"connection_closed\":false' '$E2E_DIR/tasks.log'"
# The application finishes its own response (Response::send()) with work queued: closed in
# that call; work deferred only after the application's finish: the connection left alone.
load tcp "application's own finish, work queued, TCP" "work.php?finish=app"
check "application's own finish on TCP: every task says connection_closed" bash -c "! grep -q '\"connection_closed\":false' '$E2E_DIR/tasks.log'"
load tcp "work deferred after the application's finish, TCP" late.php
load kept "php-fpm on a unix socket (kept)"
check "php-fpm on a unix socket: every task says the connection was kept" bash -c "! grep -q '\"connection_closed\":true' '$E2E_DIR/tasks.log'"
check "Apache logged no proxy error" bash -c "! grep -E '\[proxy[a-z_]*:' '$E2E_DIR/apache/error.log'"
check "php logged no failed task" bash -c "! grep -E 'defer: task' '$E2E_DIR/php_errors.log' 2>/dev/null"
check "on the unix socket, each worker logged once why it kept the connection ($(grep -c 'defer: cannot close' "$E2E_DIR/php_errors.log"), 4 workers)" \
    bash -c "(( \$(grep -c 'defer: cannot close the kept-alive FastCGI connection (over a unix socket only nginx' '$E2E_DIR/php_errors.log') == 4 && \$(grep -c 'defer: cannot close' '$E2E_DIR/php_errors.log') == 4 ))"
check "no php-fpm worker crashed" bash -c "! grep -qiE 'exited on signal|SIGSEGV|SIGABRT|core dumped' '$E2E_DIR/php-fpm.log'"

stop_all
trap - EXIT INT TERM PIPE
echo "apache fcgi: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
