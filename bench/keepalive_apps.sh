#!/usr/bin/env bash
# Figure 7, applications that finish their own response (issue 16): a Symfony 7.4 and a
# Laravel 12 app (tests/frameworks/keepalive_apps/: 3 ms of main work, 200 ms after the
# response) behind nginx with `upstream { keepalive 16; }` + `fastcgi_keep_conn on` over a
# unix socket, php-fpm with OPcache, two pools of 32 workers: the default
# defer.close_kept_connection (1) and `always`. Variants, as route@pool:
#   nowork@1, nowork@always    nothing after the response (what `always` costs such a request)
#   defer@1, defer@always      Response::send(), then a Defer\defer() task
#   after@1, after@always      the framework's own after-response work (Symfony's
#                              kernel.terminate listener, Laravel's defer()), no extension task
# Measures, per app and variant: time to first byte of spaced sequential requests (100 ms
# apart: nowork@1 and nowork@always alternating request by request, then each other variant
# in a series of its own, where a request meets the work its predecessor left on a kept
# connection); wrk at 16 connections
# each pausing 200 ms: latency p50 / p99, non-2xx responses, nginx upstream errors; and
# requests per second of nowork@1 against nowork@always as fast as wrk goes.
# Writes <output dir>/ka_apps.txt ("app variant spaced_p50 spaced_p99 wrk_p50 wrk_p99
# wrk_requests non_2xx upstream_errors", ms) and ka_apps_rps.txt ("app pool rps"), and
# prints figure 7's rows for them (bench/keepalive_apps_report.php).
# Usage: bench/keepalive_apps.sh <defer.so> <output dir> [quick]   (DEFER_BENCH_APPS: "symfony laravel12")
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
extension=$1
out=$2
quick=${3:-}
requests=$([[ -n $quick ]] && echo 20 || echo 200)
seconds=$([[ -n $quick ]] && echo 3 || echo 8)
source "$root/tests/e2e/servers.sh"
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}  # where keepalive_apps.sh installs the apps
source "$root/tests/lib/front_controller.sh"
workers=32 keepalive=16
trap e2e_stop EXIT
trap 'e2e_stop; exit 1' INT TERM PIPE
mkdir -p "$out"
: >"$out/ka_apps.txt"
: >"$out/ka_apps_rps.txt"
printf 'function delay()\n    return 200\nend\n' >"$out/ka_pause.lua"
"$root/tests/frameworks/keepalive_apps.sh" --install-only >"$out/ka_apps_install.log" 2>&1 ||
    { cat "$out/ka_apps_install.log"; exit 1; }

fpm=${DEFER_PHP_FPM:-php-fpm8.2}
opcache_ini=opcache.enable=1
"$fpm" -n -m | grep -qx 'Zend OPcache' || opcache_ini=$'zend_extension=opcache\nopcache.enable=1'
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} print v}'; }
percentile() {  # percentile <0..1> < seconds, one a line: in ms
    sort -n | awk -v p="$1" '{v[NR] = $1 * 1000} END {i = int(p * NR + 0.999999); if (i < 1) i = 1; printf "%.2f", v[i]}'
}

for app_name in ${DEFER_BENCH_APPS:-symfony laravel12}; do
    case $app_name in
        symfony) app=$cache/keepalive-symfony/app ini="" ;;
        laravel12) app=$cache/keepalive-laravel12/app ini=$'extension=ctype\nextension=mbstring\nextension=tokenizer\ndefer.global_functions=0' ;;
    esac
    cmp -s "$root/tests/frameworks/keepalive_apps/record.inc" "$app/record.inc" || cp "$root/tests/frameworks/keepalive_apps/record.inc" "$app/record.inc"
    declare -A base=([1]=$(e2e_free_port) [always]=$(e2e_free_port))
    E2E_FPM_EXTRA=$(fpm_pool always "\$E2E_DIR/always.sock" always)
    E2E_HTTP_EXTRA="log_format ids '\\\$request_id \\\$status \\\$request_method';
$(nginx_front kept "unix:\$E2E_DIR/php-fpm.sock" "${base[1]}" "$app/public")
$(nginx_front kept_always "unix:\$E2E_DIR/always.sock" "${base[always]}" "$app/public")"
    export E2E_FPM_EXTRA E2E_HTTP_EXTRA
    e2e_start "$extension" "$app/public" "$workers" "$opcache_ini
pm.max_requests=0
defer.log=off
$ini" || { cat "$E2E_DIR"/*.log; exit 1; }
    url() { echo "http://127.0.0.1:${base[${1#*@}]}/${1%@*}"; }  # url <route@pool>
    # The no-work request in both pools alternates request by request (the baseline, and what
    # `always` costs it); each variant with work after the response then comes in a series of
    # its own, 100 ms apart, so that a request meets the 200 ms its predecessor left behind
    # whenever that one kept its connection.
    variants=(nowork@1 nowork@always)
    series=(defer@1 defer@always after@always after@1)
    for variant in "${variants[@]}" "${series[@]}"; do
        for _ in 1 2 3; do curl -s -o /dev/null "$(url "$variant")"; done  # OPcache filled
        : >"$out/ka_apps_spaced_$variant.txt"
    done
    sleep 1
    spaced() { curl -s -o /dev/null --max-time 10 -w '%{time_starttransfer}\n' "$(url "$1")" >>"$out/ka_apps_spaced_$1.txt"; sleep 0.1; }
    for round in $(seq 1 "$requests"); do
        for i in "${!variants[@]}"; do spaced "${variants[(i + round) % ${#variants[@]}]}"; done
    done
    for variant in "${series[@]}"; do
        sleep 1
        for _ in $(seq 1 "$requests"); do spaced "$variant"; done
    done
    for variant in "${variants[@]}" "${series[@]}"; do
        sleep 1
        : >"$E2E_DIR/nginx_error.log"
        result=$(wrk -t2 -c16 -d"${seconds}s" --timeout 10s --latency -s "$out/ka_pause.lua" "$(url "$variant")")
        sleep 0.5  # the last requests' after-response work, so that their errors are counted
        echo "$app_name $variant" \
            "$(percentile 0.5 <"$out/ka_apps_spaced_$variant.txt") $(percentile 0.99 <"$out/ka_apps_spaced_$variant.txt")" \
            "$(awk '$1 == "50%" {print $2}' <<<"$result" | ms) $(awk '$1 == "99%" {print $2}' <<<"$result" | ms)" \
            "$(awk '/requests in/ {print $1}' <<<"$result")" \
            "$(grep -oE "Non-2xx or 3xx responses: [0-9]+" <<<"$result" | grep -oE "[0-9]+$" || echo 0)" \
            "$(grep -cE 'upstream|\[(error|crit|alert|emerg)\]' "$E2E_DIR/nginx_error.log")" >>"$out/ka_apps.txt"
    done
    # What `always` costs a request that defers nothing: a new connection each time.
    for round in 1 2 3; do
        for pool in 1 always; do
            sleep 0.5
            echo "$app_name $pool $(wrk -t2 -c16 -d"${seconds}s" "$(url "nowork@$pool")" | awk '/Requests\/sec/ {print $2}')" >>"$out/ka_apps_rps.txt"
        done
    done
    e2e_stop
done
trap - EXIT INT TERM PIPE
php -n "$here/keepalive_apps_report.php" "$out"
