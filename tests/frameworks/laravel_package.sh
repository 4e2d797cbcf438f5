#!/usr/bin/env bash
# The Laravel package (integrations/laravel, defer/laravel): Laravel from Packagist with the
# package, behind php-fpm + nginx (upstream keepalive, fastcgi_keep_conn on, OPcache), with the
# extension at its defaults, and without the extension (plain Laravel); Artisan, queue:work
# (database queue on SQLite) and a PHPUnit feature test from the app's vendor/.
# Usage: tests/frameworks/laravel_package.sh [path/to/defer.so]
#   DEFER_LARAVEL_VERSIONS   Laravel majors to test on this PHP (default: 11 12; empty: none)
#   DEFER_LARAVEL_RUNS       "extension none" (default): with the extension, without it
#   DEFER_LARAVEL_CHROOT     PHP version for Laravel 13 (PHP 8.3+) in the sid chroot (default
#                            8.4; "none": not run): the app is installed here, the extension
#                            built and the suite run there (tests/versions' way)
#   DEFER_LARAVEL_APP        an installed app to use as is (set for the run in the chroot)
# Prints "laravel package: N passed, N failed".
# The app is tests/frameworks/laravel_package/, installed (tests/frameworks/composer.sh) into
# $DEFER_FRAMEWORKS_CACHE/laravel-package-<major>/app with the package from this checkout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/tests/lib/check.sh"
source "$root/tests/lib/load.sh"
source "$root/tests/e2e/servers.sh"
extension=${1:-$root/modules/defer.so}
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}
versions=${DEFER_LARAVEL_VERSIONS-11 12}
[[ -z ${DEFER_LARAVEL_APP:-} ]] || versions=13
mkdir -p "$cache"
source "$here/composer.sh"

fail() { failed=$((failed + 1)); echo "not ok - $1"; }
finish() { echo "laravel package: $passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit; }
needs_deps=0
for tool in php "${DEFER_PHP_FPM:-php-fpm8.2}" nginx curl wrk; do command -v "$tool" >/dev/null || needs_deps=1; done
[[ -n ${DEFER_LARAVEL_APP:-} ]] || command -v composer >/dev/null || needs_deps=1
for module in ctype mbstring tokenizer opcache pdo_sqlite dom xmlwriter simplexml; do
    [[ -f $(php -n -r 'echo ini_get("extension_dir");')/$module.so ]] || needs_deps=1
done
if ((needs_deps)) && [[ -z ${DEFER_LARAVEL_APP:-} ]]; then
    "$root/scripts/install-deps.sh" || { fail "installing the Debian packages (scripts/install-deps.sh)"; finish; }
fi
[[ -f $extension ]] || "$root/scripts/build.sh" >/dev/null || { fail "building the extension"; finish; }

wait_for_grep() {  # wait_for_grep <regex> <file>: up to 10 s
    local i; for i in $(seq 1 100); do grep -qE -- "$1" "$2" 2>/dev/null && return 0; sleep 0.1; done; return 1
}
# A log's lines, comma separated, with each task name that is a UUID (an unnamed callback) as "?".
lines_of() { sed -E 's/ [0-9a-f]{8}-[0-9a-f-]{27}$/ ?/' "$1" 2>/dev/null | paste -sd,; }
no_match() { ! grep -qiE -- "$1" "${@:2}" 2>/dev/null; }
no_upstream_errors() { no_match 'upstream|\[(error|crit|alert|emerg)\]' "$E2E_DIR/nginx_error.log"; }
no_php_errors() { no_match 'PHP (Fatal|Warning|Notice|Deprecated|Parse)|exited on signal|SIGSEGV' "$E2E_DIR/php_errors.log" "$E2E_DIR/php-fpm.log"; }
# has_task <status json> <name> <state>: Defer\defer_status() listed a task of that name in that state.
has_task() {
    php -n -r 'foreach (json_decode(file_get_contents($argv[1]), true) ?? [] as $t) { if ($t["name"] === $argv[2] && $t["state"] === $argv[3]) exit(0); } exit(1);' "$@"
}

# prepare <major> [composer flags]: installs the app for that Laravel major (the package from
# this checkout, symlinked), sets $app.
prepare() {
    local major=$1 src
    if [[ -n ${DEFER_LARAVEL_APP:-} ]]; then app=$DEFER_LARAVEL_APP; return 0; fi
    src=$(mktemp -d /tmp/defer-laravel-app.XXXXXX)
    chmod 755 "$src"  # the copy gets its mode: nginx's user must enter it
    cp -r "$here/laravel_package/." "$src/"
    php -n -r '$j = json_decode(file_get_contents($argv[1]), true);
        $j["require"]["laravel/framework"] = "^" . $argv[3] . ".0";
        $j["repositories"] = [["type" => "path", "url" => $argv[2],
            "options" => ["symlink" => true, "versions" => ["defer/laravel" => "1.0.0"]]]];
        file_put_contents($argv[1], json_encode($j, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");' \
        "$src/composer.json" "$root/integrations/laravel" "$major"
    install_src=$src install_flags=${2:-} install_app "laravel-package-$major"
    local status=$?
    rm -rf "$src"
    return $status
}

laravel_ini=$'extension=ctype\nextension=mbstring\nextension=tokenizer\nextension=pdo\nextension=pdo_sqlite\nextension=xml\nextension=dom'
opcache_ini=$'zend_extension=opcache\nopcache.enable=1\nopcache.enable_cli=1'
# The whole app through a kept-alive upstream, as Laravel is run behind nginx in production.
export E2E_HTTP_EXTRA='upstream kept { server unix:$E2E_DIR/php-fpm.sock; keepalive 8; }
log_format ids '"'"'\$request_id \$status \$request_method'"'"';'
export E2E_NGINX_EXTRA='location / { try_files \$uri /index.php\$is_args\$args; }
        location = /index.php { include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root/index.php; fastcgi_param E2E_DIR $E2E_DIR;
            fastcgi_param REQUEST_ID \$request_id; fastcgi_keep_conn on; fastcgi_pass kept;
            access_log $E2E_DIR/ids_access.log ids; }'
trap e2e_stop EXIT INT TERM PIPE

# http_suite <label> <defer.so|none>
http_suite() {
    local t=$1 ext=$2 log=$app/storage/logs/laravel.log with
    [[ $ext == none ]] && with=0 || with=1
    : >"$log"
    # The extension at its defaults, but for a task time limit of 2 s.
    if ! E2E_GLOBAL_FUNCTIONS=default e2e_start "$ext" "$app/public" 4 "$opcache_ini"$'\n'"$laravel_ini"$'\n'"$( ((with)) && echo defer.task_timeout=2)"; then
        fail "$t: could not start php-fpm and nginx"; cat "$E2E_DIR"/*.log 2>/dev/null; e2e_stop; return
    fi
    fetch -o /dev/null "$E2E_URL/api/nowork"  # fills OPcache

    # Every documented form of defer(), by its bare global name: 200, then 500, then a POST.
    fetch -o "$E2E_DIR/forms.json" "$E2E_URL/api/forms/a"
    check "$t: the bare global defer() is Laravel's helper" test "$(json_field "$E2E_DIR/forms.json" defer)" = laravel
    check "$t: defer(fn) returns a DeferredCallback" test "$(json_field "$E2E_DIR/forms.json" returns)" = 'Illuminate\Support\Defer\DeferredCallback'
    check "$t: defer() (->forget(), count) holds 7 callbacks after forget() and the duplicate name" test "$(json_field "$E2E_DIR/forms.json" count)" = 7
    code=$(fetch -o "$E2E_DIR/forms500.json" -w '%{http_code}' "$E2E_URL/api/forms/b?status=500")
    check "$t: the 500 route answered 500" test "$code" = 500
    code=$(fetch -o /dev/null -w '%{http_code}' -X POST -d x=1 "$E2E_URL/api/forms/c")
    check "$t: POST answered 200" test "$code" = 200
    if ((with)); then
        check "$t: Laravel's collection is the package's" test "$(json_field "$E2E_DIR/forms.json" collection)" = 'Defer\Laravel\TaskCollection'
        for tag in a c; do
            wait_for_grep '^inner ' "$E2E_DIR/forms-$tag.log"
            check "$t ($tag): each callback ran as a task under its Laravel name, the forgotten one and the first 'dup' not; the one a callback deferred ran last ($(lines_of "$E2E_DIR/forms-$tag.log"))" \
                test "$(lines_of "$E2E_DIR/forms-$tag.log")" = "plain ?,always ?,named a-name,dup-second dup,renamed ?,outer outer,end end,inner ?"
        done
        wait_for_grep '^inner ' "$E2E_DIR/forms-b.log"
        check "$t: on a 500 only the ->always() ones ran, as tasks ($(lines_of "$E2E_DIR/forms-b.log"))" \
            test "$(lines_of "$E2E_DIR/forms-b.log")" = "always ?,outer outer,end end,inner ?"
        check "$t: defer_status(): 'a-name' ok, 'to-forget' cancelled, one 'dup' cancelled and one ok" \
            bash -c "has_task() { $(declare -f has_task | tail -n +2); }; has_task '$E2E_DIR/forms-a.json' a-name ok && has_task '$E2E_DIR/forms-a.json' to-forget cancelled && has_task '$E2E_DIR/forms-a.json' dup cancelled && has_task '$E2E_DIR/forms-a.json' dup ok"
        check "$t: defer_status() on the 500: 'a-name' cancelled (skipped by the status rule), 'outer' ok" \
            bash -c "has_task() { $(declare -f has_task | tail -n +2); }; has_task '$E2E_DIR/forms-b.json' a-name cancelled && has_task '$E2E_DIR/forms-b.json' outer ok"
    else
        check "$t: Laravel's collection is its own" test "$(json_field "$E2E_DIR/forms.json" collection)" = 'Illuminate\Support\Defer\DeferredCallbackCollection'
        # Laravel 13 runs the callbacks a callback deferred (after the others); 11 and 12 never do.
        local nested="" last=end
        ((major >= 13)) && nested=",inner -" last=inner
        wait_for_grep "^$last " "$E2E_DIR/forms-a.log"
        check "$t: plain Laravel: the callbacks ran in order, no task; not the forgotten one nor the first 'dup' ($(lines_of "$E2E_DIR/forms-a.log"))" \
            test "$(lines_of "$E2E_DIR/forms-a.log")" = "plain -,always -,named -,dup-second -,renamed -,outer -,end -$nested"
        wait_for_grep "^$last " "$E2E_DIR/forms-b.log"
        check "$t: plain Laravel on a 500: only the ->always() ones ($(lines_of "$E2E_DIR/forms-b.log"))" \
            test "$(lines_of "$E2E_DIR/forms-b.log")" = "always -,outer -,end -$nested"
    fi

    # A throwing callback: in Laravel's log, and the next callback runs.
    fetch -o /dev/null "$E2E_URL/api/throw/t"
    check "$t: the callback after a throwing one ran" wait_for_grep '^after the throw' "$E2E_DIR/throw-t.log"
    check "$t: the exception is in Laravel's log" wait_for_grep 'RuntimeException.*boom from the callback of t' "$log"

    if ((with)); then
        # A callback sleeping past defer.task_timeout=2: stopped, recorded under its name, reported.
        fetch -o /dev/null "$E2E_URL/api/slow/s"
        check "$t: the callback after the slow one ran" wait_for_grep '^end ' "$E2E_DIR/slow-s.log"
        check "$t: the slow callback was stopped" no_match 'not stopped' "$E2E_DIR/slow-s.log"
        check "$t: defer_status() records 'slow-s' as timeout" has_task "$E2E_DIR/slow-s.json" slow-s timeout
        check "$t: the stop is in Laravel's log, with the task's name" wait_for_grep "TaskFailed.*'slow-s'.*timeout" "$log"
        check "$t: the extension's log lines name them: the stop and the exception" \
            bash -c "grep -qE 'defer: task #[0-9]+ \"slow-s\".*timeout' '$E2E_DIR/php_errors.log' && grep -qE 'defer: task #[0-9]+ \"thrower-t\".*exception' '$E2E_DIR/php_errors.log'"
        # The pool's counters saw them (Defer\pool_status() returned by a route, as JSON).
        fetch -o "$E2E_DIR/pool.json" "$E2E_URL/api/pool"
        check "$t: pool_status(): tasks run, one failed, one timed out ($(json_field "$E2E_DIR/pool.json" tasks_run), $(json_field "$E2E_DIR/pool.json" tasks_failed), $(json_field "$E2E_DIR/pool.json" tasks_timed_out))" \
            php -n -r '$p = json_decode(file_get_contents($argv[1]), true); exit(($p["tasks_run"] ?? 0) >= 20 && ($p["tasks_failed"] ?? 0) >= 1 && ($p["tasks_timed_out"] ?? 0) >= 1 ? 0 : 1);' "$E2E_DIR/pool.json"

        # Sequential requests whose callback takes 1 s: each answered in the no-work time
        # (order of magnitude), not after the previous request's callback.
        : >"$E2E_DIR/work.times"
        for i in 1 2 3 4 5 6; do
            fetch -o /dev/null -w '%{http_code} %{time_total}\n' "$E2E_URL/api/work/$i?ms=1000" >>"$E2E_DIR/work.times"
            sleep 0.3  # pacing: 4 workers keep up with a 1 s callback every 0.3 s
        done
        check "$t: 6 requests each deferring 1 s, spaced 0.3 s: each answered in under 0.5 s ($(awk '{printf "%s ", $2}' "$E2E_DIR/work.times"))" \
            awk '$1 != 200 || $2 >= 0.5 {bad++} END {exit bad > 0 || NR != 6}' "$E2E_DIR/work.times"
        check "$t: ... and their callbacks ran" bash -c "for i in 1 2 3 4 5 6; do for _ in \$(seq 1 60); do [[ -s '$E2E_DIR'/work-\$i.log ]] && continue 2; sleep 0.1; done; exit 1; done"

        # wrk GET and POST over the kept-alive upstream: every response 2xx, every callback run once.
        : >"$E2E_DIR/ids_access.log"  # only the load's requests
        load_run "$E2E_URL/api/load" 3
        load_settle
        for method in GET POST; do
            load_tally "$method" "$E2E_DIR/ids_access.log"
            check "$t: wrk $method: $responses responses, $non_2xx non-2xx" test "${responses:-0}" -gt 0 -a "$non_2xx" -eq 0
            check "$t: wrk $method: every 200's callback ran once ($ok answered, $lost without, $twice twice)" test "$ok" -gt 0 -a "$lost" -eq 0 -a "$twice" -eq 0
        done
    fi
    check "$t: nginx logged no upstream error $(grep -m1 -oE '\[(error|crit)\].*(upstream|stat).{0,60}' "$E2E_DIR/nginx_error.log" | cut -d' ' -f3-)" no_upstream_errors
    check "$t: php logged no error" no_php_errors
    e2e_stop
}

# console_suite <label> <defer.so|none>: Artisan, queue:work and PHPUnit on the CLI.
console_suite() {
    local t=$1 ext=$2 dir ini with
    [[ $ext == none ]] && with=0 || with=1
    dir=$(mktemp -d /tmp/defer-laravel-cli.XXXXXX)
    ini=$dir/php.ini
    # PHPUnit needs xmlwriter and simplexml besides Laravel's (dom: also its console's errors).
    { [[ $ext == none ]] || echo "extension=$ext"; echo "$laravel_ini"; echo "$opcache_ini"
      printf 'extension=%s\n' xmlwriter simplexml; } >"$ini"
    artisan() { (cd "$app" && E2E_DIR=$dir DB_DATABASE=$dir/db.sqlite php -n -c "$ini" artisan "$@"); }
    task() { ((with)) && echo "$1" || echo -; }
    local as_tasks=""
    ((with)) && as_tasks=", as tasks"

    artisan defer:command ok >"$dir/out" 2>&1
    check "$t: Artisan command exit 0: its callbacks ran after it$as_tasks ($(lines_of "$dir/command-ok.log"))" \
        test "$(lines_of "$dir/command-ok.log")" = "command body -,on success $(task success-ok),always $(task always-ok)"
    artisan defer:command bad --fail >"$dir/out" 2>&1
    check "$t: Artisan command exit 1: only the ->always() one ran ($(lines_of "$dir/command-bad.log"))" \
        test "$(lines_of "$dir/command-bad.log")" = "command body -,always $(task always-bad)"

    touch "$dir/db.sqlite"
    if artisan migrate --force >"$dir/migrate.out" 2>&1 && artisan defer:dispatch j1 >>"$dir/migrate.out" 2>&1 &&
        artisan defer:dispatch j2 --fail >>"$dir/migrate.out" 2>&1; then
        artisan queue:work database --stop-when-empty --tries=1 >"$dir/worker.out" 2>&1
        check "$t: queue:work: each job's callbacks ran after it, before the next job$as_tasks; a failed job's only if ->always() ($(lines_of "$dir/jobs.log"))" \
            test "$(lines_of "$dir/jobs.log")" = "j1 body -,j1 on success $(task job-success-j1),j1 always $(task job-always-j1),j2 body -,j2 always $(task job-always-j2)"
    else
        fail "$t: migrating and dispatching the jobs ($(tail -3 "$dir/migrate.out"))"
    fi

    (cd "$app" && php -n -c "$ini" vendor/bin/phpunit >"$dir/phpunit.out" 2>&1)
    check "$t: the feature tests (withoutDefer(), withDefer()) pass: $(grep -E '^(OK|Tests:|FAILURES)' "$dir/phpunit.out" | head -1)" \
        grep -qE '^OK \(2 tests' "$dir/phpunit.out"
    grep -qE '^OK \(2 tests' "$dir/phpunit.out" || tail -30 "$dir/phpunit.out"
    rm -rf "$dir"
}

for major in $versions; do
    echo "== Laravel $major (PHP $(php -n -r 'echo PHP_VERSION;'))"
    if ! prepare "$major"; then
        fail "laravel $major: installing the app with Composer"
        continue
    fi
    echo "# laravel/framework $(installed_version "$app" laravel/framework)"
    for run in ${DEFER_LARAVEL_RUNS:-extension none}; do
        if [[ $run == extension ]]; then
            http_suite "laravel $major, extension" "$extension"
            check "laravel $major: Laravel's package discovery listed the provider" \
                grep -qF "'Defer\\\\Laravel\\\\DeferServiceProvider'" "$app/bootstrap/cache/packages.php"
            console_suite "laravel $major CLI, extension" "$extension"
        else
            http_suite "laravel $major, no extension" none
            console_suite "laravel $major CLI, no extension" none
        fi
    done
done

# Laravel 13 needs PHP 8.3+: installed here for that PHP (Composer told to ignore this PHP's
# version; no scripts: Laravel discovers the packages when the app first runs), run in the
# sid chroot on a scratch copy of the sources, its extension built there.
chroot_php=${DEFER_LARAVEL_CHROOT:-8.4}
if [[ $chroot_php != none && -z ${DEFER_LARAVEL_APP:-} ]]; then
    echo "== Laravel 13 (PHP $chroot_php, sid chroot)"
    if ! chroot=$("$root/tools/build_sid_chroot.sh"); then
        fail "laravel 13: making the sid chroot"
    elif ! prepare 13 "--ignore-platform-req=php --no-scripts"; then
        fail "laravel 13: installing the app with Composer"
    else
        echo "# laravel/framework $(installed_version "$app" laravel/framework)"
        work=/var/tmp/defer-laravel-package-$chroot_php
        rm -rf "$chroot$work"
        mkdir -p "$chroot$work/src"
        (cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$chroot$work/src")
        # The app with its vendor/; vendor/defer/laravel links to this checkout, which
        # tools/sid_chroot.sh mounts at the same path.
        cp -a "$app" "$chroot$work/app"
        "$root/tools/sid_chroot.sh" run "$chroot" /bin/bash "$work/src/tests/frameworks/laravel_package_inside.sh" "$chroot_php" "$work/app" \
            >"$cache/laravel-package-13.log" 2>&1
        grep -E '^(ok|not ok|#) ' "$cache/laravel-package-13.log"
        line=$(grep -E '^laravel package: [0-9]+ passed' "$cache/laravel-package-13.log" | tail -1)
        [[ -n $line ]] || { tail -20 "$cache/laravel-package-13.log"; line="laravel package: 0 passed, 1 failed"; }
        passed=$((passed + $(grep -oE "[0-9]+ passed" <<<"$line" | grep -oE "[0-9]+")))
        failed=$((failed + $(grep -oE "[0-9]+ failed" <<<"$line" | grep -oE "[0-9]+")))
        rm -rf "$chroot$work"
    fi
fi

trap - EXIT INT TERM PIPE
finish
