#!/usr/bin/env bash
# fastcgi_finish_request() disabled by disable_functions (shared hosts do this), in php.ini and
# per pool (php_admin_value), against a real php-fpm behind nginx on 127.0.0.1: the response
# still arrives before the deferred work ends (the extension finishes it with php-fpm's own
# handler), the application still cannot call the function, and each worker says so once in
# the log.
# Usage: tests/e2e/disabled_finish.sh [defer.so]     Prints "disabled finish: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
source "$here/servers.sh"
trap e2e_stop EXIT INT TERM PIPE

notice='defer: fastcgi_finish_request() is disabled (disable_functions): responses with deferred work are still finished early'

# scenario <what> <php.ini line> <pool line>
scenario() {
    local what=$1 ini=$2 pool=$3 i
    E2E_FPM_EXTRA=$pool e2e_start "$extension" "$here/disabled_finish" 1 "$ini" \
        || { check "$what: php-fpm and nginx started" false; return; }
    for i in 1 2; do
        fetch_timed -o "$E2E_DIR/body.$i" "$E2E_URL/work.php?run=r$i"
        check "$what, request $i: the response (${seconds} s) arrives long before the 3 s task ends" ok_within "$code" "$seconds" 1.5
        check "$what, request $i: the function stays disabled for the application" grep -qx "disabled for the application" "$E2E_DIR/body.$i"
        check "$what, request $i: the task ran" wait_for_file "$E2E_DIR/r$i.json" 100
        check "$what, request $i: defer_status() says fastcgi_finish_request finished it" \
            test "$(json_export "$E2E_DIR/r$i.json" finish_method) $(json_export "$E2E_DIR/r$i.json" finished)" = "'fastcgi_finish_request' true"
    done
    check "$what: the worker said it once in the log ($(grep -c "$notice" "$E2E_DIR/php_errors.log" 2>/dev/null) lines)" \
        test "$(grep -c "$notice" "$E2E_DIR/php_errors.log" 2>/dev/null)" = 1
    e2e_stop
}

scenario "disabled in php.ini" "disable_functions=fastcgi_finish_request" ""
scenario "disabled for the pool" "" "php_admin_value[disable_functions] = fastcgi_finish_request"

trap - EXIT INT TERM PIPE
echo "disabled finish: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
