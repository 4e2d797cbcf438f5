#!/usr/bin/env bash
# Applications that finish their own response (issue 16), behind kept-alive FastCGI
# connections: Symfony 7.4 (Response::send(), a kernel.terminate listener), Laravel 11 and 12
# (Defer\defer() in a controller, Laravel's own defer()) and plain PHP (Defer\defer() then
# fastcgi_finish_request(); the seeds' by-hand echo, fastcgi_finish_request(), slow work).
# Each request does a few ms of work and leaves 200 ms of work for after the response
# (tests/frameworks/keepalive_apps/). php-fpm with OPcache (8.2; 8.4 to 8.6 in the version
# matrix, nginx only), 8 workers per pool, behind
#   nginx   upstream { keepalive 8; } + fastcgi_keep_conn on, over a unix socket and TCP
#   Apache  mpm_event + proxy_fcgi enablereuse=on, over TCP
# Work queued with Defer\defer() runs in pools with the default defer.close_kept_connection;
# the frameworks' own after-response work in pools with defer.close_kept_connection=always.
# For each application and transport:
#   - back-to-back requests answer in the time of the request's own work, not after the
#     200 ms the previous request left behind;
#   - wrk GET and POST load: nothing but 2xx, no upstream error (nginx: "upstream sent
#     unexpected FastCGI record") in the web server's log;
#   - every answered (200) request's after-response work ran exactly once.
# Usage: tests/frameworks/keepalive_apps.sh [defer.so] [seconds of each wrk run=3]
#        tests/frameworks/keepalive_apps.sh --install-only
# DEFER_KEEPALIVE_TRANSPORTS (default "nginx-unix nginx-tcp apache-tcp") picks the web servers
# (the version matrix's chroot has no Apache), DEFER_KEEPALIVE_APPS (default "plain symfony
# laravel11 laravel12") the applications; DEFER_FRAMEWORKS_PREPARED=1 uses the Composer
# installs prepared earlier (tests/frameworks/composer.sh). Prints
# "framework keepalive: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/lib/check.sh"
source "$root/tests/lib/load.sh"
source "$root/tests/e2e/servers.sh"
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}
mkdir -p "$cache"
source "$here/composer.sh"
source "$root/tests/lib/front_controller.sh"
extension=${1:-$root/modules/defer.so}
seconds=${2:-3}
transports=${DEFER_KEEPALIVE_TRANSPORTS:-nginx-unix nginx-tcp apache-tcp}
apps=$here/keepalive_apps
workers=8

fail() { failed=$((failed + 1)); echo "not ok - $1"; }
stop_all() { apache_fcgi_stop; e2e_stop; }
trap stop_all EXIT
trap 'stop_all; exit 1' INT TERM PIPE

# --- servers -------------------------------------------------------------------------------
# php-fpm: the [app] pool of servers.sh (unix socket, default setting) and three more, each
# with $workers workers: unix + always, TCP, TCP + always. nginx: one server (port) per pool,
# each behind its kept-alive upstream. Apache: a virtual host per TCP pool.
# (fpm_pool, nginx_front, apache_front: tests/lib/front_controller.sh)
declare -A url  # url[<transport> <default|always>]
# start_app <docroot> <php.ini lines>: php-fpm and nginx, and Apache when it is asked for.
start_app() {
    local docroot=$1 ini=$2 name
    local -A port
    for name in unix unix_always tcp tcp_always fcgi_tcp fcgi_tcp_always; do port[$name]=$(e2e_free_port); done
    E2E_FPM_EXTRA="$(fpm_pool always "\$E2E_DIR/always.sock" always)
$(fpm_pool tcp "127.0.0.1:${port[fcgi_tcp]}")
$(fpm_pool tcp_always "127.0.0.1:${port[fcgi_tcp_always]}" always)"
    E2E_HTTP_EXTRA="log_format ids '\\\$request_id \\\$status \\\$request_method';
$(nginx_front unix "unix:\$E2E_DIR/php-fpm.sock" "${port[unix]}" "$docroot")
$(nginx_front unix_always "unix:\$E2E_DIR/always.sock" "${port[unix_always]}" "$docroot")
$(nginx_front tcp "127.0.0.1:${port[fcgi_tcp]}" "${port[tcp]}" "$docroot")
$(nginx_front tcp_always "127.0.0.1:${port[fcgi_tcp_always]}" "${port[tcp_always]}" "$docroot")"
    export E2E_FPM_EXTRA E2E_HTTP_EXTRA
    e2e_start "$extension" "$docroot" "$workers" "$opcache_ini
defer.log=errors
$ini" || { cat "$E2E_DIR"/*.log 2>/dev/null | tail -20; return 1; }
    touch "$E2E_DIR/tasks.log"
    url[nginx-unix default]=http://127.0.0.1:${port[unix]}
    url[nginx-unix always]=http://127.0.0.1:${port[unix_always]}
    url[nginx-tcp default]=http://127.0.0.1:${port[tcp]}
    url[nginx-tcp always]=http://127.0.0.1:${port[tcp_always]}
    [[ " $transports " == *" apache-tcp "* ]] || return 0
    # Apache: each TCP pool's connections reused (no more of them than the pool has
    # workers: php-fpm serves a kept connection and nothing else until it closes).
    # The default setting's pool in the main server, the always pool's in a virtual host.
    local always_port conf
    always_port=$(e2e_free_port)
    conf=$(apache_front "${port[fcgi_tcp]}" "$docroot")
    conf+=$'\n'"Listen 127.0.0.1:$always_port
<VirtualHost 127.0.0.1:$always_port>
$(apache_front "${port[fcgi_tcp_always]}" "$docroot")
</VirtualHost>"
    apache_fcgi_start "$conf" || { cat "$E2E_DIR"/apache/*.log 2>/dev/null | tail -20; return 1; }
    url[apache-tcp default]=$APACHE_URL
    url[apache-tcp always]=http://127.0.0.1:$always_port
}

# install_keepalive_app <plain|symfony|laravel11|laravel12>: sets $app (tests/frameworks/composer.sh).
install_keepalive_app() {
    case $1 in
        plain) app=$apps/plain ;;
        symfony) install_src=$apps/symfony install_app keepalive-symfony ;;
        laravel11) install_src=$apps/laravel install_app keepalive-laravel11 laravel/framework '^11.0' ;;
        laravel12) install_src=$apps/laravel install_app keepalive-laravel12 laravel/framework '^12.0' ;;
        *) echo "# no application $1"; return 1 ;;
    esac
}
# --install-only: the Composer installs, nothing started (tests/versions/run.sh prepares the
# chroot's copies on the host with it).
if [[ ${1:-} == --install-only ]]; then
    for app_name in symfony laravel11 laravel12; do install_keepalive_app "$app_name" || exit 1; done
    exit 0
fi

# --- checks --------------------------------------------------------------------------------
ttfb() { fetch -o /dev/null -w '%{http_code} %{time_starttransfer} %{size_download}\n' "$1"; }
median() { sort -n | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : 99}'; }
# in_nowork_time <file of "status seconds bytes" lines>: 8 answers, all 200 with a body
# (a web server that took a stale record on a reused connection for the answer may give an
# empty 200 without running the request), their median under
# 0.1 s and at most one (a loaded machine's hiccup) at 0.15 s or more; a request that waited
# for the 0.2 s the previous one left would take longer.
in_nowork_time() {
    [[ $(awk '$1 == 200 && $3 > 0' "$1" | wc -l) -eq 8 ]] &&
        [[ $(awk '$2 >= 0.15' "$1" | wc -l) -le 1 ]] &&
        less_than "$(awk '{print $2}' "$1" | median)" 0.1
}
# web_log <transport> / access_log <transport> <setting>: the web server's error and access logs.
web_log() { [[ $1 == apache-tcp ]] && echo "$E2E_DIR/apache/error.log" || echo "$E2E_DIR/nginx_error.log"; }
access_log() {
    local name=${1#nginx-}
    [[ $1 == apache-tcp ]] && { echo "$E2E_DIR/apache/access.log"; return; }
    [[ $2 == always ]] && name+=_always
    echo "$E2E_DIR/${name}_access.log"
}
# A web server's complaint about its FastCGI connections: nginx's "upstream ..." errors
# ("upstream sent unexpected FastCGI record", "upstream prematurely closed"), Apache's proxy
# errors.
web_errors() { grep -cE 'upstream|unexpected FastCGI|\[(error|crit|alert|emerg)\]|\[proxy[a-z_]*:' "$1"; }

# check_case <title> <transport> <setting> <route>
check_case() {
    local t="$1 ($2)" transport=$2 setting=$3 route=$4 base log access method other cut nowork times
    base=${url[$transport $setting]}
    log=$(web_log "$transport")
    access=$(access_log "$transport" "$setting")
    load_settle
    : >"$log"
    # The time of a request that leaves nothing for after the response, OPcache filled.
    for _ in 1 2 3; do ttfb "$base/nowork" >/dev/null; done
    nowork=$(for _ in 1 2 3 4 5; do ttfb "$base/nowork"; done | awk '{print $2}' | median)
    # Back to back: the next request comes as soon as the previous response is there; on a
    # kept connection held by the previous request's work, it would wait for that work.
    for _ in $(seq 1 8); do ttfb "$base$route"; done >"$E2E_DIR/sequential.ttfb"
    times=$(awk '{printf "%s%s", sep, $2; sep = " "}' "$E2E_DIR/sequential.ttfb")
    check "$t: back-to-back requests answer 200 in the no-work time (${nowork}s), not after the 0.2 s of work left by the one before: $times" \
        in_nowork_time "$E2E_DIR/sequential.ttfb"
    # Under load, GET then POST.
    load_settle
    : >"$access"
    : >"$E2E_DIR/tasks.log"
    load_run "$base$route" "$seconds"
    load_settle
    for method in GET POST; do
        load_tally "$method" "$access"
        check "$t, $method under load: ${responses:-0} responses, all 2xx (wrk: $non_2xx not; logged: $other neither 200 nor cut short by wrk's end)" \
            bash -c "(( ${responses:-0} > 10 && $non_2xx == 0 && $other == 0 && $cut <= 16 ))"
        check "$t, $method under load: every 200 response's work ran ($lost of $ok missing), none twice ($twice)" \
            bash -c "(( $ok > 10 && $lost == 0 && $twice == 0 ))"
    done
    check "$t: the web server logged no upstream error ($(web_errors "$log"): $(grep -m1 -oE '(upstream|proxy).{0,60}' "$log"))" \
        test "$(web_errors "$log")" -eq 0
}

# run_app <name> <docroot> <php.ini lines> <route title>...: the application on every transport.
run_app() {
    local name=$1 docroot=$2 ini=$3 transport route title setting
    shift 3
    if ! start_app "$docroot" "$ini"; then
        fail "$name: could not start php-fpm and the web servers"
        stop_all
        return
    fi
    if [[ $name == plain ]]; then
        check "plain: OPcache is on in the php-fpm workers" test "$(fetch "${url[nginx-unix default]}/opcache")" = true
    fi
    for transport in $transports; do
        local cases=("$@") i
        for ((i = 0; i < ${#cases[@]}; i += 3)); do
            route=${cases[i]} setting=${cases[i + 1]} title=${cases[i + 2]}
            check_case "$name: $title" "$transport" "$setting" "$route"
        done
    done
    local php_errors='PHP (Fatal|Warning|Notice|Deprecated|Parse)|defer: (task|cannot)|exited on signal|SIGSEGV|SIGABRT'
    check "$name: PHP logged no error, no failed task, no crash ($(grep -hE "$php_errors" "$E2E_DIR/php_errors.log" "$E2E_DIR/php-fpm.log" 2>/dev/null | sort -u | head -3))" \
        bash -c "! grep -qE '$php_errors' '$E2E_DIR/php_errors.log' '$E2E_DIR/php-fpm.log' 2>/dev/null"
    stop_all
}

# --- the applications ----------------------------------------------------------------------
# OPcache as production runs it (built in from PHP 8.5 on, a shared extension before); the
# shared extensions Laravel uses where this PHP has them (Symfony's polyfills, which Laravel
# installs, stand in for a missing ctype or mbstring, as in the version matrix's chroot for
# 8.5 and 8.6; the mbstring polyfill needs iconv).
fpm=${DEFER_PHP_FPM:-php-fpm8.2}
opcache_ini=opcache.enable=1
"$fpm" -n -m | grep -qx 'Zend OPcache' || opcache_ini=$'zend_extension=opcache\nopcache.enable=1'
modules=$("$fpm" -n -i | awk -F' => ' '$1 == "extension_dir" {print $2; exit}')
laravel_ini=defer.global_functions=0
for module in ctype iconv mbstring tokenizer; do
    if [[ -f $modules/$module.so ]]; then laravel_ini+=$'\n'"extension=$module"; else echo "# no $module extension in $modules: Laravel runs on Symfony's polyfill"; fi
done
echo "# $("$fpm" -n -v | head -1); transports: $transports"
for app_name in ${DEFER_KEEPALIVE_APPS:-plain symfony laravel11 laravel12}; do
    echo "== $app_name (tests/frameworks/keepalive_apps/${app_name%1?})"
    install_keepalive_app "$app_name" || { fail "$app_name: installing its dependencies with Composer"; continue; }
    case $app_name in
        plain)
            run_app plain "$apps/plain" "" \
                /defer default "Defer\\defer() then fastcgi_finish_request()" \
                /after always "by hand: echo, fastcgi_finish_request(), slow work, close_kept_connection=always" ;;
        symfony)
            cmp -s "$apps/record.inc" "$app/record.inc" || cp "$apps/record.inc" "$app/record.inc"
            echo "# symfony/http-kernel $(installed_version "$app" symfony/http-kernel)"
            run_app symfony "$app/public" "" \
                /defer default "Response::send(), then a Defer\\defer() task" \
                /after always "Response::send(), then a slow kernel.terminate listener, close_kept_connection=always" ;;
        laravel*)
            cmp -s "$apps/record.inc" "$app/record.inc" || cp "$apps/record.inc" "$app/record.inc"
            echo "# laravel/framework $(installed_version "$app" laravel/framework)"
            : >"$app/storage/logs/laravel.log"
            run_app "$app_name" "$app/public" "$laravel_ini" \
                /defer default "a controller calling Defer\\defer()" \
                /after always "Laravel's defer(), close_kept_connection=always"
            check "$app_name: nothing in Laravel's log" test ! -s "$app/storage/logs/laravel.log" ;;
    esac
done

trap - EXIT INT TERM PIPE
echo "framework keepalive: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
