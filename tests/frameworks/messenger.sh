#!/usr/bin/env bash
# examples/messenger: Symfony Messenger's messenger:consume (from Packagist; Doctrine transport
# on SQLite) with the extension loaded. The handler defers a receipt; the RunDeferredWork
# subscriber calls Defer\run_pending() after each message, so each receipt is sent before the
# next message is handled and all of them before the worker stops, not when the process exits.
# A second run without the subscriber shows what the checks would see if run_pending() did
# nothing: no receipt until the process's end.
# Usage: tests/frameworks/messenger.sh [defer.so]     Prints "messenger: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
cache=${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}
export COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1 COMPOSER_CACHE_DIR=$cache/composer
app=$cache/messenger/app
runs=$cache/messenger/runs
stamp=$(sha256sum <"$root/examples/messenger/composer.json" | cut -c1-16)
count=20
failing=13  # this order's handler throws after deferring its receipt

finish() { echo "messenger: $passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit; }

# The Doctrine transport's SQLite driver (Debian's php8.2-sqlite3).
has_pdo_sqlite() { php -r 'exit(extension_loaded("pdo_sqlite") ? 0 : 1);'; }
has_pdo_sqlite || "$root/scripts/install-deps.sh" >/dev/null 2>&1
check "pdo_sqlite is loaded (php8.2-sqlite3)" has_pdo_sqlite
((failed)) && finish

# A copy of the example, its dependencies installed once per composer.json.
mkdir -p "$app"
cp -r "$root/examples/messenger/." "$app/"
if [[ "$(cat "$app/.installed" 2>/dev/null)" != "$stamp" || ! -f $app/vendor/autoload.php ]]; then
    (cd "$app" && rm -rf vendor && timeout 600 composer install --no-progress --quiet) >"$cache/messenger.log" 2>&1 && echo "$stamp" >"$app/.installed"
fi
(cd "$app" && timeout 60 composer dump-autoload --quiet) >>"$cache/messenger.log" 2>&1  # src/ may have new classes
check "Symfony Messenger installed from Packagist" test -f "$app/vendor/symfony/messenger/Worker.php"
((failed)) && finish

# run_worker <dir> [VAR=value...]: a fresh queue of $count orders, then one worker process
# that consumes them (--limit) and exits. The journal, receipts and stopped.json are in <dir>.
run_worker() {
    local dir=$1; shift
    rm -rf "$dir" && mkdir -p "$dir"
    (
        cd "$app" && export MESSENGER_VAR_DIR=$dir "$@" &&
            php -d extension="$extension" bin/dispatch.php "$count" "$failing" &&
            timeout 120 php -d extension="$extension" bin/consume.php --limit="$count" --time-limit=60
    ) >"$dir/out" 2>&1
}

# Each journal line is "message <n> saw <receipts sent so far> memory <bytes>".
each_saw() {  # each_saw <dir> <awk expression of n giving what message n must have seen>
    awk -v count="$count" "{ if (\$2 != NR || \$4 != ($2)) bad = 1 } END { exit (bad || NR != count) }" "$1/journal.log" 2>/dev/null
}
saw_of() { awk -v n="$2" '$2 == n { print $4 }' "$1/journal.log" 2>/dev/null; }
memory_of() { awk -v n="$2" '$2 == n { print $6 }' "$1/journal.log" 2>/dev/null; }
every_receipt_once() { [[ "$(cat "$1/receipts.log" 2>/dev/null)" == "$(seq -f 'message %g' 1 "$count")" ]]; }
queue_is_empty() {
    [[ "$(php -r 'echo (new PDO("sqlite:" . $argv[1]))->query("SELECT COUNT(*) FROM messenger_messages")->fetchColumn();' "$1/queue.sqlite" 2>&1)" == 0 ]]
}
at_stop() { json_field "$1/stopped.json" "${@:2}" 2>/dev/null; }  # at_stop <dir> <key>...
tasks_at_stop() {  # "<id> <state> <callable>" of each task defer_status() listed at the stop
    php -r 'foreach (json_decode(file_get_contents($argv[1]), true)["status"]["tasks"] as $t) { echo "$t[id] $t[state] $t[callable]\n"; }' "$1/stopped.json" 2>/dev/null
}
same() { [[ "$1" == "$2" ]]; }
clean_output() { ! grep -qE 'PHP (Fatal|Warning|Notice|Deprecated)|Warning:|Fatal error|defer: task' "$1/out"; }

# --- with RunDeferredWork: Defer\run_pending() after each message ----------------------------
with=$runs/with-run-pending
run_worker "$with"
status=$?
sed 's/^/    /' "$with/out" | grep -v '^ *$' | head -5
check "the worker handled $count orders and exited 0" bash -c "[[ $status -eq 0 ]] && [[ \$(wc -l <'$with/journal.log') -eq $count ]]"
check "each order's receipt was sent before the next order was handled (order n saw n-1)" each_saw "$with" 'NR - 1'
check "the failed order's ($failing) receipt was sent before order $((failing + 1)) was handled" same "$(saw_of "$with" $((failing + 1)))" "$failing"
check "all $count receipts were sent before the worker stopped" same "$(at_stop "$with" receipts)" "$count"
check "every receipt was sent once, in order" every_receipt_once "$with"
check "defer_status() at the stop: $count queued, $count ran, 0 failed" \
    same "$(at_stop "$with" status queued) $(at_stop "$with" status ran) $(at_stop "$with" status failed)" "$count $count 0"
check "defer_status() at the stop lists only the last run_pending()'s task, ok" \
    same "$(tasks_at_stop "$with")" "$count ok App\\OrderPlacedHandler::sendReceipt"
mem_first=$(memory_of "$with" $((count - 5)))
mem_last=$(memory_of "$with" "$count")
check "memory flat over the last 5 orders ($mem_first -> $mem_last bytes)" \
    bash -c "[[ -n '$mem_first' && -n '$mem_last' ]] && (( $mem_last - $mem_first < 500 ))"
check "every message was acknowledged (the queue is empty)" queue_is_empty "$with"
check "no PHP warning or failed task" clean_output "$with"

# --- without it: the same worker, the receipts wait for the process's end ---------------------
without=$runs/without-run-pending
run_worker "$without" DEFER_RUN_PENDING=0
status=$?
check "without run_pending(): the worker handled $count orders and exited 0" \
    bash -c "[[ $status -eq 0 ]] && [[ \$(wc -l <'$without/journal.log') -eq $count ]]"
check "without run_pending(): every order saw 0 receipts" each_saw "$without" 0
check "without run_pending(): no receipt sent when the worker stopped, $count tasks pending" \
    same "$(at_stop "$without" receipts) $(at_stop "$without" status ran) $(tasks_at_stop "$without" | grep -c ' pending ')" "0 0 $count"
check "without run_pending(): the $count receipts were sent only at the process's end" every_receipt_once "$without"

finish
