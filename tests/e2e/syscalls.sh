#!/usr/bin/env bash
# No system call per task where none is needed: strace -c counts the system calls of a process
# that runs 10 trivial deferred tasks and of one that runs 2 010; the difference, per task, must
# be far below one (on a build that armed the watchdog with a condition variable, read getpid()
# and reset max_execution_time at each task, it was about 4.5). CLI with the limits armed
# (defer.time_budget, defer.task_timeout, max_execution_time), then a real php-fpm worker.
# Usage: tests/e2e/syscalls.sh [defer.so]     Prints "syscalls: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/check.sh"
root=$(cd "$here/../.." && pwd)
extension=${1:-$root/modules/defer.so}
source "$here/servers.sh"
trap 'e2e_stop; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM PIPE
work=$(mktemp -d)

total() { awk '$NF == "total" {print $4}' "$1"; }  # the calls column of strace -c's last line
per_task_below() {  # per_task_below <calls with 10> <calls with 2010> <limit>
    php -n -r 'exit(($argv[2] - $argv[1]) / 2000 < (float) $argv[3] ? 0 : 1);' "$1" "$2" "$3"
}

cli() {  # cli <tasks> <ini...>: the system calls of one CLI run
    local n=$1; shift
    strace -f -c -o "$work/cli.$n" php -n -d extension="$extension" -d defer.log=off -d defer.max_tasks=100000 \
        "$@" "$here/syscalls/tasks.php" "$n" > /dev/null 2>&1
    total "$work/cli.$n"
}
for ini in "-d defer.time_budget=30" "-d defer.task_timeout=1 -d max_execution_time=30"; do
    # shellcheck disable=SC2086
    few=$(cli 10 $ini); many=$(cli 2010 $ini)
    check "CLI ($ini): 10 tasks $few system calls, 2 010 tasks $many: under 0.05 more per task" \
        per_task_below "$few" "$many" 0.05
done

fpm() {  # fpm <tasks>: the system calls of the worker while it serves one request
    local n=$1 worker strace_pid i
    worker=$(pgrep -P "$(cat "$E2E_DIR/php-fpm.pid")" | head -1)
    strace -f -c -o "$work/fpm.$n" -p "$worker" 2> "$work/strace.$n.err" &
    strace_pid=$!
    for i in $(seq 1 100); do grep -q attached "$work/strace.$n.err" 2>/dev/null && break; sleep 0.1; done
    fetch -o /dev/null "$E2E_URL/tasks.php?n=$n"
    wait_for_file "$E2E_DIR/done.$n" 100
    sleep 0.2 # the request's end (RSHUTDOWN) after the last task
    kill -INT "$strace_pid"
    wait "$strace_pid" 2>/dev/null
    total "$work/fpm.$n"
    [[ -n ${SYSCALLS_DEBUG:-} ]] && cat "$work/fpm.$n" "$work/strace.$n.err" >&2
}
if e2e_start "$extension" "$here/syscalls" 1 "defer.log=off
defer.max_tasks=100000
defer.task_timeout=1
max_execution_time=30"; then
    fpm 10 > /dev/null # the first request sets up what a worker keeps (the watchdog thread)
    few=$(fpm 10); many=$(fpm 2010)
    check "php-fpm worker: 10 tasks $few system calls, 2 010 tasks $many: under 0.05 more per task" \
        per_task_below "$few" "$many" 0.05
else
    check "php-fpm and nginx started" false
fi

echo "syscalls: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
