#!/usr/bin/env bash
# Deploys against a real php-fpm (and nginx) on 127.0.0.1: a reload (USR2), a graceful stop
# (QUIT) and a fast stop (TERM) of php-fpm's master while a worker runs three 1 s deferred
# steps, with php-fpm's default process_control_timeout (0) and with 10 s. With 0 (and always
# with TERM) the worker gets SIGTERM in its deferred phase: the log must name the step cut
# short and the steps not run. With 10 s, a reload or graceful stop lets every step finish.
# Usage: tests/e2e/deploys.sh [defer.so]     Prints "deploys: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
source "$here/servers.sh"
trap e2e_stop EXIT INT TERM PIPE

lines() { [[ -f $1 ]] && wc -l < "$1" || echo 0; }
wait_gone() { for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }
named_line='defer: the worker was stopped by signal 15 in its deferred phase: task #1 \(step\) cut short, 2 not run: #2 \(step\), #3 \(step\)'

# row <signal> <process_control_timeout> <expect: cut|killed|complete>
# (killed: a fast stop with process_control_timeout=0 sends SIGKILL right behind SIGTERM, so
# the worker dies before any handler can run: the README says to set the timeout.)
row() {
    local signal=$1 timeout=$2 expect=$3 master what="$1 with process_control_timeout=$2"
    E2E_FPM_GLOBAL="process_control_timeout = $timeout" e2e_start "$extension" "$here/deploy" 1 \
        || { check "$what: php-fpm and nginx started" false; return; }
    check "$what: the response arrives before the deferred steps" bash -c "[[ \$(curl -sS --max-time 2 '$E2E_URL/work.php') == answered ]]"
    wait_for_file "$E2E_DIR/step.started" 50
    master=$(cat "$E2E_DIR/php-fpm.pid")
    kill "-$signal" "$master"
    if [[ $expect == cut || $expect == killed ]]; then
        # The worker dies at once; the master ends (QUIT, TERM) or starts new workers (USR2).
        sleep 0.5
        check "$what: step 1 was cut short ($(lines "$E2E_DIR/step.done") steps done)" test "$(lines "$E2E_DIR/step.done")" -eq 0
        if [[ $expect == cut ]]; then
            check "$what: the log names the step cut short and the steps not run" \
                grep -qE "$named_line" "$E2E_DIR/php_errors.log"
        fi
    else
        for _ in $(seq 1 60); do [[ $(lines "$E2E_DIR/step.done") -ge 3 ]] && break; sleep 0.1; done
        check "$what: every step finished ($(lines "$E2E_DIR/step.done") of 3)" test "$(lines "$E2E_DIR/step.done")" -eq 3
        check "$what: nothing logged as cut short" bash -c "! grep -q 'stopped by signal' '$E2E_DIR/php_errors.log' 2>/dev/null"
    fi
    [[ $signal == USR2 ]] || wait_gone "$master"
    e2e_stop
}

row USR2 0 cut
row QUIT 0 cut
row TERM 0 killed
row USR2 10s complete
row QUIT 10s complete
row TERM 10s cut

trap - EXIT INT TERM PIPE
echo "deploys: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
