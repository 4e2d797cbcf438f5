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

# fetch_timed <curl args...>: fetch, setting $code (HTTP status) and $seconds (total time).
fetch_timed() {
    local out
    out=$(fetch -w '%{http_code} %{time_total}' "$@")
    read -r code seconds <<<"$out"
}

# ok_within <http code> <seconds> <limit> [expected code, default 200]: a timing only means
# something for a complete, successful response.
ok_within() { [[ $1 == "${4:-200}" ]] && less_than "$2" "$3"; }

# json_field <file> <key>...: a value of a JSON file, a string as it is, anything else JSON.
json_field() {
    php -n -r '$v = json_decode(file_get_contents($argv[1]), true); foreach (array_slice($argv, 2) as $k) { $v = $v[$k] ?? null; } echo is_string($v) ? $v : json_encode($v);' "$@"
}

# json_export <file> <key>...: the same value as var_export() writes it ('ok', true, NULL).
json_export() {
    php -n -r '$v = json_decode(file_get_contents($argv[1]), true); foreach (array_slice($argv, 2) as $k) { $v = $v[$k] ?? null; } echo var_export($v, true);' "$@"
}

# wait_for_file <file> [tenths of a second, default 60]: until it exists and is not empty.
wait_for_file() { local i; for i in $(seq 1 "${2:-60}"); do [[ -s $1 ]] && return 0; sleep 0.1; done; return 1; }

less_than() { php -n -r 'exit((float)$argv[1] < (float)$argv[2] ? 0 : 1);' "$1" "$2"; }
