#!/usr/bin/env bash
# Framework tests: the examples in examples/ (plain PHP, Symfony, Laravel) behind a real
# php-fpm + nginx on 127.0.0.1 with the extension (tests/e2e/servers.sh), started and stopped here.
# Usage: tests/frameworks/run.sh [path/to/defer.so]    Prints "frameworks: N passed, N failed".
#
# Composer dependencies are installed into a copy of each example under the cache directory
# $DEFER_FRAMEWORKS_CACHE (default /var/tmp/defer-frameworks, Composer's own cache inside it;
# not under a home directory, which nginx's user may not enter), never into the repository;
# a copy whose composer.json has not changed is reused.
# DEFER_LARAVEL="^11.0" tests another Laravel version than the example's constraint picks.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}
source "$root/tests/e2e/servers.sh"

fail() { failed=$((failed + 1)); echo "not ok - $1"; }
finish() { echo "frameworks: $passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit; }

wait_for_line() {  # wait_for_line <file> <line>: up to 5 s
    local i; for i in $(seq 1 50); do grep -qxF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1
}
same_text() { [[ "$(cat "$1" 2>/dev/null)" == "$2" ]]; }  # same_text <file> <expected contents>
lines_of() { paste -sd, "$1" 2>/dev/null; }                # a log's lines, comma separated
no_match() { ! grep -qiE -- "$1" "${@:2}" 2>/dev/null; }    # no_match <regex> <file>...
no_upstream_errors() { no_match 'upstream|\[(error|crit|alert|emerg)\]' "$E2E_DIR/nginx_error.log"; }
no_php_errors() { no_match 'PHP (Fatal|Warning|Notice|Deprecated|Parse)|defer: task|exited on signal|SIGSEGV' "$E2E_DIR/php_errors.log" "$E2E_DIR/php-fpm.log"; }
clean_logs() { no_upstream_errors && no_php_errors; }

# --- tools -------------------------------------------------------------------------------
needs_deps=0
for tool in php php-fpm8.2 nginx curl composer unzip; do command -v "$tool" >/dev/null || needs_deps=1; done
modules=$(php -n -r 'echo ini_get("extension_dir");' 2>/dev/null)
for module in ctype mbstring tokenizer opcache; do [[ -f $modules/$module.so ]] || needs_deps=1; done
if ((needs_deps)); then
    "$root/scripts/install-deps.sh" || { fail "installing the Debian packages (scripts/install-deps.sh)"; finish; }
fi
if [[ ! -f $extension ]]; then
    "$root/scripts/build.sh" >/dev/null || { fail "building the extension (scripts/build.sh)"; finish; }
fi
mkdir -p "$cache"

source "$here/composer.sh"
# Every server gets the examples' output directory and front-controller routing.
export E2E_FPM_EXTRA='env[DEFER_EXAMPLE_DIR] = $E2E_DIR'
export E2E_NGINX_EXTRA='location / { try_files \$uri /index.php\$is_args\$args; }
        location /probe/ { try_files \$uri /probe.php\$is_args\$args; }'
# servers.sh starts php-fpm with -n: the frameworks get OPcache, as in production, and
# Laravel the shared extensions it requires.
opcache_ini=$'zend_extension=opcache\nopcache.enable=1'
laravel_ini=$'extension=ctype\nextension=mbstring\nextension=tokenizer'
start_servers() {  # start_servers <docroot> [php.ini lines]
    e2e_start "$extension" "$1" 2 "${2:-}" && return 0
    cat "$E2E_DIR"/*.log 2>/dev/null
    e2e_stop
    return 1
}
trap e2e_stop EXIT INT TERM PIPE

# --- plain PHP ---------------------------------------------------------------------------
echo "== plain PHP (examples/plain)"
if start_servers "$root/examples/plain"; then
    fetch_timed -o "$E2E_DIR/plain.body" "$E2E_URL/index.php?order=41"
    receipt=$E2E_DIR/receipt-41.json
    check "plain: response in ${seconds}s, under 0.25 s of a 0.5 s deferred task" ok_within "$code" "$seconds" 0.25
    check "plain: the receipt is not there when the response arrives" test ! -e "$receipt"
    check "plain: body is the JSON answer" same_text "$E2E_DIR/plain.body" '{"order":41,"paid":true}'
    check "plain: the receipt appears afterwards" wait_for_file "$receipt"
    check "plain: the task saw finished = true" test "$(json_field "$receipt" defer_status finished)" = true
    check "plain: finished through fastcgi_finish_request" test "$(json_field "$receipt" defer_status finish_method)" = fastcgi_finish_request
    check "plain: nginx and php logged no error" clean_logs
    e2e_stop
else
    fail "plain: could not start php-fpm and nginx"
fi

# --- Symfony -----------------------------------------------------------------------------
echo "== Symfony (examples/symfony)"
if ! install_app symfony; then
    fail "symfony: installing its dependencies with Composer"
elif start_servers "$app/public" "$opcache_ini"; then
    echo "# symfony/http-kernel $(installed_version "$app" symfony/http-kernel), symfony/http-foundation $(installed_version "$app" symfony/http-foundation)"
    fetch_timed -D "$E2E_DIR/symfony.headers" -o "$E2E_DIR/symfony.body" "$E2E_URL/orders/7?lines=3000"
    audit=$E2E_DIR/symfony-audit-7.json
    receipt=$E2E_DIR/symfony-receipt-7.json
    check "symfony: response in ${seconds}s, under 0.25 s of a 0.3 s terminate listener and a 0.3 s task" ok_within "$code" "$seconds" 0.25
    check "symfony: neither effect is there when the response arrives" test ! -e "$audit" -a ! -e "$receipt"
    php -n -r 'echo json_encode(["order" => 7, "paid" => true, "lines" => array_map(fn ($n) => "line $n of order 7", range(1, 3000))], 15);' >"$E2E_DIR/symfony.expected"
    check "symfony: body arrived exactly once and intact ($(stat -c %s "$E2E_DIR/symfony.body") bytes)" cmp -s "$E2E_DIR/symfony.body" "$E2E_DIR/symfony.expected"
    check "symfony: one Content-Type header, no duplicate headers" test "$(grep -ci '^content-type:' "$E2E_DIR/symfony.headers")" = 1
    check "symfony: the kernel.terminate listener ran afterwards" wait_for_file "$audit"
    check "symfony: the deferred task ran afterwards" wait_for_file "$receipt"
    check "symfony: the task ran after the terminate listener" less_than "$(json_field "$audit" done)" "$(json_field "$receipt" started)"
    check "symfony: the task saw finished = true" test "$(json_field "$receipt" defer_status finished)" = true
    check "symfony: finish_method is fastcgi_finish_request (the finish Response::send() did)" test "$(json_field "$receipt" defer_status finish_method)" = fastcgi_finish_request
    # Response::send() finished the response already; the extension's own flush before its
    # fastcgi_finish_request() call then fails and is taken for a gone client.
    check "symfony: the record says client_aborted false (it says $(json_field "$receipt" defer_status client_aborted), connection_status_at_finish $(json_field "$receipt" defer_status connection_status_at_finish))" \
        test "$(json_field "$receipt" defer_status client_aborted)" = false
    check "symfony: no 'client_aborted=yes' summary line in the PHP error log for a client that got everything" \
        no_match 'client_aborted=yes' "$E2E_DIR/php_errors.log"
    # A second request on the same workers, to see they are in a good state.
    fetch_timed -o "$E2E_DIR/symfony2.body" "$E2E_URL/orders/8"
    check "symfony: next request fine too (${seconds}s)" ok_within "$code" "$seconds" 0.25
    check "symfony: its task ran" wait_for_file "$E2E_DIR/symfony-receipt-8.json"
    check "symfony: nginx logged no upstream error, php no error" clean_logs
    e2e_stop
else
    fail "symfony: could not start php-fpm and nginx"
fi

# --- Laravel -----------------------------------------------------------------------------
echo "== Laravel (examples/laravel)"
if ! install_app laravel ${DEFER_LARAVEL:+laravel/framework "$DEFER_LARAVEL"}; then
    fail "laravel: installing its dependencies with Composer"
else
    echo "# laravel/framework $(installed_version "$app" laravel/framework)"
    cp "$here/laravel/probe.php" "$app/public/probe.php"
    cp "$here/laravel/probe_routes.php" "$app/routes/probe.php"
    helpers=vendor/laravel/framework/src/Illuminate/Foundation/helpers.php
    # The extension at its defaults (no global names: the global defer() is Laravel's), then
    # with defer.global_functions=1, the documented clash.
    for global in default 1; do
        : >"$app/storage/logs/laravel.log"
        if ! E2E_GLOBAL_FUNCTIONS=$global start_servers "$app/public" "$opcache_ini"$'\n'"$laravel_ini"; then
            fail "laravel (global_functions=$global): could not start php-fpm and nginx"
            continue
        fi
        t="laravel (global_functions=$global)"
        # A first request fills OPcache (shared by the workers): timings are of later ones.
        fetch -o /dev/null "$E2E_URL/api/orders/50"
        wait_for_line "$E2E_DIR/laravel-order-50.log" "extension: webhook called (finished=true)"
        # The example's route: Laravel's defer() imported with `use function`, and Defer\defer().
        fetch_timed -o "$E2E_DIR/paid.body" "$E2E_URL/api/orders/51"
        log=$E2E_DIR/laravel-order-51.log
        check "$t: paid order answered in ${seconds}s, under 0.25 s of 0.45 s deferred work" ok_within "$code" "$seconds" 0.25
        check "$t: no deferred work done when the response arrives" test ! -e "$log"
        check "$t: body is the JSON answer" same_text "$E2E_DIR/paid.body" '{"order":51,"paid":true}'
        wait_for_line "$log" "extension: webhook called (finished=true)"
        check "$t: paid: receipt, metrics (Laravel), then the extension's task; reminder forgotten" \
            test "$(lines_of "$log")" = "laravel: receipt mailed,laravel: metrics sent,extension: webhook called (finished=true)"
        fetch_timed -o "$E2E_DIR/declined.body" "$E2E_URL/api/orders/52?declined=1"
        log=$E2E_DIR/laravel-order-52.log
        check "$t: declined order answered 402 in ${seconds}s" ok_within "$code" "$seconds" 0.25 402
        wait_for_line "$log" "extension: webhook called (finished=true)"
        check "$t: declined (402): only the ->always() callbacks of Laravel, and the extension's task" \
            test "$(lines_of "$log")" = "laravel: cart reminder,laravel: metrics sent,extension: webhook called (finished=true)"

        # The bare global defer(), as app code without `use function` calls it.
        fetch -o "$E2E_DIR/probe.json" "$E2E_URL/probe/global-defer/ok"
        fetch -o "$E2E_DIR/probe500.json" "$E2E_URL/probe/global-defer/err?status=500"
        wait_for_line "$E2E_DIR/probe-ok.log" end
        wait_for_line "$E2E_DIR/probe-err.log" end
        check "$t: Laravel's own deferral (Concurrency::defer) still returns a DeferredCallback" \
            test "$(json_field "$E2E_DIR/probe.json" concurrency_defer_returns)" = 'Illuminate\Support\Defer\DeferredCallback'
        if [[ $global == 1 ]]; then
            check "$t: the global defer() is the extension's (Laravel's helper is not defined)" \
                test "$(json_field "$E2E_DIR/probe.json" defer)" = "extension defer"
            check "$t: defer(fn) returns an int (the extension's task id)" test "$(json_field "$E2E_DIR/probe.json" returns)" = int
            check "$t: defer(fn)->always() throws Error: Call to a member function always() on int" \
                test "$(json_field "$E2E_DIR/probe.json" always)" = "Error: Call to a member function always() on int"
            check "$t: defer()->forget() throws ArgumentCountError (defer() needs a callable)" \
                test "$(json_field "$E2E_DIR/probe.json" forget)" = "ArgumentCountError: defer() expects at least 1 argument, 0 given"
            # Laravel's own (Concurrency::defer) is a task too (the example has the defer/laravel
            # package): all run in the order they were deferred.
            check "$t: every callback given to the global defer() ran as an extension task, even the one to forget, in order with Laravel's" \
                test "$(lines_of "$E2E_DIR/probe-ok.log")" = "plain,always,forgotten,named(a-name),concurrency,end"
            check "$t: defer(fn, 'a-name') binds 'a-name' as the callback's argument, no name" grep -qxF 'named(a-name)' "$E2E_DIR/probe-ok.log"
            check "$t: on a 500 they all run too: the extension ignores the status" \
                test "$(lines_of "$E2E_DIR/probe-err.log")" = "plain,always,forgotten,named(a-name),end"
        else
            check "$t: the global defer() is Laravel's helper" \
                test "$(json_field "$E2E_DIR/probe.json" defer)" = "userland $helpers"
            check "$t: defer(fn) returns a DeferredCallback" \
                test "$(json_field "$E2E_DIR/probe.json" returns)" = 'Illuminate\Support\Defer\DeferredCallback'
            check "$t: defer(fn)->always() works" test "$(json_field "$E2E_DIR/probe.json" always)" = ok
            check "$t: defer()->forget() works" test "$(json_field "$E2E_DIR/probe.json" forget)" = ok
            check "$t: Laravel ran its callbacks (not the forgotten one), then the extension's task" \
                test "$(lines_of "$E2E_DIR/probe-ok.log")" = "plain,always,named(),concurrency,end"
            check "$t: defer(fn, 'a-name') names the callback (called without arguments)" grep -qxF 'named()' "$E2E_DIR/probe-ok.log"
            check "$t: on a 500 only the ->always() callback ran, then the extension's task" \
                test "$(lines_of "$E2E_DIR/probe-err.log")" = "always,end"
        fi
        check "$t: nothing in Laravel's log" test ! -s "$app/storage/logs/laravel.log"
        # defer(fn)->always() uncaught, as app code writes it.
        out=$(fetch -o "$E2E_DIR/uncaught.body" -w '%{http_code}' "$E2E_URL/probe/uncaught-always/uncaught")
        wait_for_line "$E2E_DIR/probe-uncaught.log" always
        if [[ $global == 1 ]]; then
            check "$t: uncaught defer(fn)->always() makes the request answer 500" test "$out" = 500
            check "$t: ... the Error is in Laravel's log" grep -q 'Call to a member function always() on int' "$app/storage/logs/laravel.log"
        else
            check "$t: defer(fn)->always() uncaught: 200" test "$out" = 200
        fi
        check "$t: ... and the callback ran all the same" grep -qxF always "$E2E_DIR/probe-uncaught.log"
        check "$t: no 'client_aborted=yes' summary line in the PHP error log for clients that got everything" \
            no_match 'client_aborted=yes' "$E2E_DIR/php_errors.log"
        check "$t: nginx logged no upstream error, php no error" clean_logs
        e2e_stop
    done
fi

trap - EXIT INT TERM PIPE
finish
