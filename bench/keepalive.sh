#!/usr/bin/env bash
# Kept-alive FastCGI connections (nginx upstream keepalive + fastcgi_keep_conn on): time to
# first byte of the deferring variants against no deferred work, spaced and under wrk (each
# connection pausing between requests, so that the pool is not saturated); and what closing
# a deferring request's connection costs in requests per second.
# Usage: bench/keepalive.sh <defer.so> <output dir> [quick]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
extension=$1
out=$2
quick=${3:-}
requests=$([[ -n $quick ]] && echo 20 || echo 300)
seconds=$([[ -n $quick ]] && echo 3 || echo 8)
source "$root/tests/e2e/servers.sh"
trap e2e_stop EXIT INT TERM PIPE

export E2E_HTTP_EXTRA='upstream kept { server unix:$E2E_DIR/php-fpm.sock; keepalive 16; }'
export E2E_NGINX_EXTRA='location ^~ /kept/ { rewrite ^/kept/(.*)$ /\$1 break; include /etc/nginx/fastcgi_params; fastcgi_param SCRIPT_FILENAME \$document_root\$uri; fastcgi_keep_conn on; fastcgi_pass kept; }'
# 24 workers: under wrk (16 connections, 200 ms pause) the pool runs at about two thirds.
e2e_start "$extension" "$here/app" 24 "pm.max_requests=0
max_execution_time=0
defer.log=off"
printf 'function delay()\n    return 200\nend\n' > "$out/ka_pause.lua"

# 1. Spaced sequential requests, 100 ms apart, through the kept-alive upstream. The baseline
#    and the extension alternate request by request, so that both see the same machine over
#    the same minutes (a deferring request's connection is closed, so it leaves no busy worker
#    on a kept connection). By hand comes after them: interleaved, a request after a by-hand
#    one lands on that busy worker's kept connection (a first try measured exactly that).
spaced() { curl -s -o /dev/null --max-time 10 -w '%{time_starttransfer}\n' "$E2E_URL/kept/$1.php" >> "$out/ka_spaced_$1.txt"; sleep 0.1; }
for variant in baseline extension by_hand; do
    curl -s -o /dev/null "$E2E_URL/kept/$variant.php"
    : > "$out/ka_spaced_$variant.txt"
done
sleep 1.5
for _ in $(seq 1 "$requests"); do
    spaced baseline
    spaced extension
done
sleep 1.5
for _ in $(seq 1 "$requests"); do spaced by_hand; done

# 2. wrk, 16 connections, each pausing 200 ms between requests: latency p50 / p99 (ms), in
#    rounds that alternate the variants (a p99 of one run rests on a handful of samples; the
#    report takes each variant's median over the rounds).
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} print v}'; }
rounds=$([[ -n $quick ]] && echo 1 || echo 5)
for round in $(seq 1 "$rounds"); do
for variant in baseline by_hand extension; do
    sleep 1
    result=$(wrk -t2 -c16 -d"${seconds}s" --timeout 10s --latency -s "$out/ka_pause.lua" "$E2E_URL/kept/$variant.php")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$result" | ms)
    p99=$(awk '$1 == "99%" {print $2}' <<<"$result" | ms)
    count=$(awk '/requests in/ {print $1}' <<<"$result")
    non_2xx=$(grep -oE "Non-2xx or 3xx responses: [0-9]+" <<<"$result" | grep -oE "[0-9]+$" || echo 0)
    echo "$variant $p50 $p99 $count $non_2xx" >> "$out/ka_wrk.txt"
done
done

# 3. Requests per second, wrk -c16 as fast as it goes: a trivial deferred task (its
#    connection closed each time) and a plain hello world, with keep-alive on and off.
for variant in tiny_defer hello; do
    for path in kept/ ""; do
        sleep 0.5
        rps=$(wrk -t2 -c16 -d"${seconds}s" "$E2E_URL/$path$variant.php" | awk '/Requests\/sec/ {print $2}')
        echo "$variant $([[ -n $path ]] && echo on || echo off) $rps" >> "$out/ka_rps.txt"
    done
done
grep -cE 'upstream|\[(error|crit|alert|emerg)\]' "$E2E_DIR/nginx_error.log" > "$out/ka_upstream_errors.txt" || true
e2e_stop
