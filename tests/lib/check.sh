# Shared by the shell test suites: "ok - ..." / "not ok - ..." lines and their counts.
# Source it, call check, and end with: echo "<suite>: $passed passed, $failed failed".
passed=0
failed=0

check() {  # check <description> <command...>: the command's success is the check
    local description=$1; shift
    if "$@"; then
        passed=$((passed + 1)); echo "ok - $description"
    else
        failed=$((failed + 1)); echo "not ok - $description"
    fi
}

# curl with a hard cap, so a hung server fails the test instead of the run.
fetch() { curl -sS --max-time 10 "$@"; }

# wait_for_file <file> [tenths of a second, default 60]: until it exists and is not empty.
wait_for_file() { local i; for i in $(seq 1 "${2:-60}"); do [[ -s $1 ]] && return 0; sleep 0.1; done; return 1; }

less_than() { php -n -r 'exit((float)$argv[1] < (float)$argv[2] ? 0 : 1);' "$1" "$2"; }
