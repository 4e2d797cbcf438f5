#!/usr/bin/env bash
# End-to-end tests under Apache with mod_php (Debian's apache2 + libapache2-mod-php8.2):
# the connection_close fallback, which is how the extension finishes a response on a SAPI
# without a finish function. Runs its own apache2 (prefork) on 127.0.0.1 with its own
# config, ServerRoot, pid file and logs in a temporary directory, on two free ports: one
# plain, one with mod_deflate compressing every response. Debian's own apache2 (port 80),
# if any, is neither used nor touched.
# Usage: tests/e2e/apache.sh [path/to/defer.so]     Prints "apache: N passed, N failed".
# APACHE_E2E_KEEP=1 keeps the temporary directory (its path is printed).
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
source "$here/servers.sh" # e2e_free_port; this suite starts its own apache2, not php-fpm
extension=${1:-$here/../../modules/defer.so}
[[ -e $extension ]] && extension=$(realpath "$extension")
modules=/usr/lib/apache2/modules
apache=/usr/sbin/apache2

# ok_at_least <http code> <seconds> <limit>: a complete response that took the limit or more.
ok_at_least() {
    [[ $1 == 200 ]] && ! less_than "$2" "$3"
}
header_value() {  # header_value <headers file> <name>: the value(s), one a line, without CR
    grep -i "^$2:" "$1" | sed -e 's/^[^:]*:[[:space:]]*//' -e 's/\r$//'
}

dump_logs() {
    local log
    for log in "$dir"/logs/*; do
        [[ -s $log ]] || continue
        echo "--- $log"
        tail -n 50 "$log"
    done
}

apache_pid=
apache_stop() {
    [[ -n ${dir:-} && -d $dir ]] || return 0
    local pid children child
    pid=$apache_pid
    [[ -z $pid && -s $dir/run/httpd.pid ]] && pid=$(cat "$dir/run/httpd.pid")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        children=$(ps -o pid= --ppid "$pid" 2>/dev/null)
        # TERM: the parent stops its children (after a grace period it kills them), then exits.
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        for child in $children; do
            for _ in $(seq 1 20); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$child" 2>/dev/null || true
        done
    fi
    apache_pid=
    if [[ -n ${APACHE_E2E_KEEP:-} ]]; then
        echo "kept $dir"
    else
        rm -rf "$dir"
    fi
    dir=
    return 0
}
fail_start() {
    echo "could not start apache2: $1"
    dump_logs
    failed=$((failed + 1))
    echo "not ok - apache2 started"
    apache_stop
    echo "apache: $passed passed, $failed failed"
    exit 1
}
trap apache_stop EXIT
trap 'apache_stop; exit 1' INT TERM PIPE

for file in "$apache" "$modules/mod_mpm_prefork.so" "$modules/mod_authz_core.so" "$modules/mod_mime.so" \
            "$modules/mod_dir.so" "$modules/mod_deflate.so" "$modules/libphp8.2.so" "$extension"; do
    [[ -e $file ]] || { echo "missing $file (scripts/install-deps.sh installs apache2 and libapache2-mod-php8.2; scripts/build.sh builds the extension)"; echo "apache: 0 passed, 1 failed"; exit 1; }
done

dir=$(mktemp -d /tmp/defer-apache.XXXXXX)
port=$(e2e_free_port)
deflate_port=$(e2e_free_port)
while [[ $deflate_port == "$port" ]]; do deflate_port=$(e2e_free_port); done
url="http://127.0.0.1:$port"
deflate_url="http://127.0.0.1:$deflate_port"
mkdir -p "$dir/logs" "$dir/run" "$dir/out" "$dir/htdocs"
cp "$here"/apache/app/*.php "$dir/htdocs/"
# The children run as www-data when started as root: they read htdocs and write marks
# and PHP's error log.
chmod 755 "$dir" "$dir/htdocs"
chmod 644 "$dir"/htdocs/*
chmod 1777 "$dir/out"
: > "$dir/logs/php_errors.log"
chmod 666 "$dir/logs/php_errors.log"
user_lines=
if [[ $(id -u) == 0 ]]; then
    user_lines=$'User www-data\nGroup www-data'
fi

cat > "$dir/php.ini" <<INI
extension=$extension
defer.global_functions=1
output_buffering=4096
zlib.output_compression=0
display_errors=0
log_errors=1
error_log=$dir/logs/php_errors.log
INI
printf 'text/html html htm\ntext/plain txt\n' > "$dir/mime.types"

cat > "$dir/httpd.conf" <<CONF
ServerRoot "$dir"
ServerName 127.0.0.1
PidFile "$dir/run/httpd.pid"
DefaultRuntimeDir "$dir/run"
ErrorLog "$dir/logs/error.log"
LogLevel warn
$user_lines

LoadModule mpm_prefork_module $modules/mod_mpm_prefork.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule mime_module $modules/mod_mime.so
LoadModule dir_module $modules/mod_dir.so
LoadModule deflate_module $modules/mod_deflate.so
LoadModule php_module $modules/libphp8.2.so

StartServers 3
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 6
KeepAlive On
Timeout 20

PHPIniDir "$dir"
TypesConfig "$dir/mime.types"
DocumentRoot "$dir/htdocs"
DirectoryIndex index.php
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "$dir/htdocs">
    Require all granted
</Directory>
<FilesMatch "\.php\$">
    SetHandler application/x-httpd-php
</FilesMatch>

Listen 127.0.0.1:$port
Listen 127.0.0.1:$deflate_port
<VirtualHost 127.0.0.1:$port>
    DocumentRoot "$dir/htdocs"
</VirtualHost>
# The same scripts, compressed by Apache below PHP.
<VirtualHost 127.0.0.1:$deflate_port>
    DocumentRoot "$dir/htdocs"
    SetOutputFilter DEFLATE
</VirtualHost>
CONF

# Started as a daemon: apache2 then runs in a session and process group of its own. In
# the foreground it would share ours, and prefork's parent signals its whole process
# group when it stops (killing this script and whatever ran it). PHP_INI_SCAN_DIR= keeps
# Debian's conf.d out: only the php.ini above is read.
"$apache" -t -f "$dir/httpd.conf" >"$dir/logs/configtest.log" 2>&1 || fail_start "configuration refused"
env E2E_DIR="$dir" PHP_INI_SCAN_DIR= "$apache" -f "$dir/httpd.conf" -k start >>"$dir/logs/stderr.log" 2>&1 \
    || fail_start "apache2 -k start failed"
wait_for_file "$dir/run/httpd.pid" 100 || fail_start "no pid file after 10 s"
apache_pid=$(cat "$dir/run/httpd.pid")
started=
for _ in $(seq 1 100); do
    kill -0 "$apache_pid" 2>/dev/null || fail_start "apache2 (pid $apache_pid) exited"
    if fetch -o /dev/null "$url/none.txt" 2>/dev/null || [[ $? -ne 7 ]]; then
        if fetch -o /dev/null "$deflate_url/none.txt" 2>/dev/null || [[ $? -ne 7 ]]; then
            started=1; break
        fi
    fi
    sleep 0.1
done
[[ -n $started ]] || fail_start "ports $port and $deflate_port not answering after 10 s"
echo "# apache2 (pid $apache_pid) on 127.0.0.1:$port, mod_deflate on 127.0.0.1:$deflate_port, in $dir"

# 0. The scripts really run under mod_php, with the extension and the php.ini above.
check "mod_php: apache2handler SAPI, defer loaded, output_buffering=4096" test "$(fetch "$url/loaded.php" 2>&1)" = "apache2handler defer 4096"

php -n -r 'for ($i = 0; $i < 100; $i++) echo "line $i of the response body\n";' > "$dir/slow.expected"
expected_length=$(stat -c %s "$dir/slow.expected")

# 1. connection_close: the whole body arrives long before the 500 ms task ends, with
#    Content-Length and Connection: close; the task's record shows up afterwards.
fetch_timed -D "$dir/slow.headers" -o "$dir/slow.body" "$url/slow_task.php?run=1"
slow_seconds=$seconds
check "connection_close: status 200" test "$code" = 200
check "connection_close: body complete" cmp -s "$dir/slow.body" "$dir/slow.expected"
check "connection_close: response in ${seconds}s, under 0.25 s of a 0.5 s task" ok_within "$code" "$seconds" 0.25
check "connection_close: Content-Length is the body's $expected_length bytes" test "$(header_value "$dir/slow.headers" Content-Length)" = "$expected_length"
check "connection_close: Connection: close sent" sh -c "grep -qiE '^Connection:.*close' '$dir/slow.headers'"
check "connection_close: the task's record is not there yet when the response arrives" test ! -e "$dir/out/slow_task.1"
check "connection_close: the task's record appears afterwards" wait_for_file "$dir/out/slow_task.1"
check "connection_close: finish_method is connection_close" test "$(json_export "$dir/out/slow_task.1" finish_method)" = "'connection_close'"
check "connection_close: finished is true" test "$(json_export "$dir/out/slow_task.1" finished)" = "true"
check "connection_close: one task queued, none failed" test "$(json_export "$dir/out/slow_task.1" queued) $(json_export "$dir/out/slow_task.1" failed)" = "1 0"

# 2. Status and headers set by the script arrive intact.
fetch_timed -D "$dir/headers.headers" -o "$dir/headers.body" "$url/headers.php?run=1"
headers_seconds=$seconds
check "headers: status 201" test "$code" = 201
check "headers: custom header kept" test "$(header_value "$dir/headers.headers" X-Defer-Test)" = kept
check "headers: Content-Type kept" test "$(header_value "$dir/headers.headers" Content-Type)" = "text/plain; charset=utf-8"
check "headers: body and Content-Length intact" sh -c "test \"\$(cat '$dir/headers.body')\" = created && grep -qi '^Content-Length: 8' '$dir/headers.headers'"
check "headers: response in ${seconds}s, under 0.15 s of a 0.2 s task" ok_within "$code" "$seconds" 0.15 201
check "headers: the task's record appears" wait_for_file "$dir/out/headers.1"
check "headers: recorded as connection_close, finished" test "$(json_export "$dir/out/headers.1" finish_method) $(json_export "$dir/out/headers.1" finished)" = "'connection_close' true"

# 3. Output flushed before the end: the fallback cannot work, the client waits for the
#    task (expected), and the record says so.
fetch_timed -D "$dir/flushed.headers" -o "$dir/flushed.body" "$url/flushed.php?run=1"
flushed_seconds=$seconds
check "flushed: status 200 and body complete" sh -c "test '$code' = 200 && test \"\$(cat '$dir/flushed.body')\" = 'flushed body'"
check "flushed: the client waited ${seconds}s, for the 0.5 s task" ok_at_least "$code" "$seconds" 0.45
check "flushed: the task still ran" wait_for_file "$dir/out/flushed.1"
check "flushed: finished is false" test "$(json_export "$dir/out/flushed.1" finished)" = "false"
check "flushed: finish_method is none" test "$(json_export "$dir/out/flushed.1" finish_method)" = "'none'"
check "flushed: one task queued, none failed" test "$(json_export "$dir/out/flushed.1" queued) $(json_export "$dir/out/flushed.1" failed)" = "1 0"

# 4. mod_deflate compressing below PHP. PHP cannot see Apache's output filters: the
#    extension still takes the connection_close path (all buffered, no header sent), sends
#    Content-Length and Connection: close, and records the response as finished. mod_deflate
#    drops the Content-Length and sends the body chunked, ending it only when the request
#    ends, so the client waits for the deferred work. Asserted as observed; README's
#    "otherwise defer_status()['finished'] is false" does not hold here: it is true.
fetch_timed -D "$dir/deflate.headers" -H 'Accept-Encoding: gzip' -o "$dir/deflate.raw" "$deflate_url/slow_task.php?run=deflate"
deflate_seconds=$seconds
check "deflate: status 200" test "$code" = 200
check "deflate: Content-Encoding gzip" test "$(header_value "$dir/deflate.headers" Content-Encoding)" = gzip
check "deflate: body decompresses to exactly what was printed" sh -c "gzip -dc '$dir/deflate.raw' | cmp -s - '$dir/slow.expected'"
check "deflate: no Content-Length of the uncompressed body reaches the client" sh -c "! grep -qi '^Content-Length: $expected_length' '$dir/deflate.headers'"
check "deflate: the client waited ${seconds}s, for the 0.5 s task (compression below PHP defeats the fallback)" ok_at_least "$code" "$seconds" 0.45
check "deflate: the task ran" wait_for_file "$dir/out/slow_task.deflate"
deflate_finished=$(json_export "$dir/out/slow_task.deflate" finished)
deflate_method=$(json_export "$dir/out/slow_task.deflate" finish_method)
check "deflate: defer_status() does not claim the response finished (finished=$deflate_finished, $deflate_method)" \
    test "$deflate_method $deflate_finished" = "'none' false"
# Without Accept-Encoding mod_deflate steps aside and the fallback works again.
fetch_timed -D "$dir/identity.headers" -o "$dir/identity.body" "$deflate_url/slow_task.php?run=identity"
identity_seconds=$seconds
check "deflate, client without gzip: body complete, not compressed" sh -c "cmp -s '$dir/identity.body' '$dir/slow.expected' && ! grep -qi '^Content-Encoding' '$dir/identity.headers'"
check "deflate, client without gzip: response in ${seconds}s, under 0.25 s of a 0.5 s task" ok_within "$code" "$seconds" 0.25
wait_for_file "$dir/out/slow_task.identity"

# 5. finish_and_defer() mid-script: true when the headers were not sent yet, false again.
fetch_timed -D "$dir/early.headers" -o "$dir/early.body" "$url/finish_early.php?run=1"
early_seconds=$seconds
check "finish_and_defer: body is what was printed before it" test "$(cat "$dir/early.body")" = "sent before finish"
check "finish_and_defer: Content-Length and Connection: close sent" sh -c "grep -qi '^Content-Length: 19' '$dir/early.headers' && grep -qiE '^Connection:.*close' '$dir/early.headers'"
check "finish_and_defer: response in ${seconds}s, before the script's 0.5 s tail" ok_within "$code" "$seconds" 0.25
check "finish_and_defer: the script went on" wait_for_file "$dir/out/finish_early.1.main"
check "finish_and_defer: returned true, then false" test "$(cat "$dir/out/finish_early.1.main" 2>/dev/null)" = '{"finished_now":true,"again":false}'
check "finish_and_defer: the callback ran" wait_for_file "$dir/out/finish_early.1"
check "finish_and_defer: recorded as connection_close, finished" test "$(json_export "$dir/out/finish_early.1" finish_method) $(json_export "$dir/out/finish_early.1" finished)" = "'connection_close' true"

# 6. Nothing failed or crashed on the way.
check "log: no defer failure lines" sh -c "! grep -q 'defer: task' '$dir/logs/php_errors.log'"
check "apache2: no child crashed" sh -c "! grep -qiE 'segmentation fault|exit signal|core dumped' '$dir/logs/error.log'"
check "apache2: still serving after the tests" sh -c "curl -sS --max-time 5 -o /dev/null -w '%{http_code}' '$url/headers.php?run=2' | grep -qx 201"

echo "# timings (s): connection_close $slow_seconds, headers $headers_seconds, flushed $flushed_seconds, deflate+gzip $deflate_seconds, deflate+identity $identity_seconds, finish_and_defer $early_seconds"
echo "# deflate+gzip record: finished=$deflate_finished via $deflate_method"
if ((failed > 0)); then
    echo "# logs:"
    dump_logs
fi
apache_stop
trap - EXIT INT TERM PIPE
echo "apache: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
