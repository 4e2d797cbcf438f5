# GET and POST under wrk against deferring requests, and what the tasks recorded: shared by
# the kept-alive suites (tests/e2e/keepalive.sh, tests/e2e/apache_fcgi.sh,
# tests/frameworks/keepalive_apps.sh). Source it.
# Each task appends a JSON line with its request's "id" and "method" to $E2E_DIR/tasks.log.

# load_settle: until tasks.log stops growing (the last deferred tasks have ended).
load_settle() {
    local previous=-1 current
    for _ in $(seq 1 50); do
        current=$(wc -l < "$E2E_DIR/tasks.log" 2>/dev/null || echo 0)
        [[ $current -eq $previous ]] && return 0
        previous=$current; sleep 0.3
    done
}

# load_run <url> <seconds>: wrk GET, then POST, 16 connections; output in $E2E_DIR/wrk_{get,post}.out.
load_run() {
    printf 'wrk.method = "POST"\nwrk.body = "payload=posted"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' \
        > "$E2E_DIR/post.lua"
    wrk -t2 -c16 -d"${2}s" --timeout 10s "$1" > "$E2E_DIR/wrk_get.out" 2>&1
    wrk -t2 -c16 -d"${2}s" --timeout 10s -s "$E2E_DIR/post.lua" "$1" > "$E2E_DIR/wrk_post.out" 2>&1
}

# load_tally <GET|POST> <access log: "id status method" lines>: sets responses and non_2xx
# (wrk's), ok (200s logged), lost (200s without a task), twice (tasks recorded twice), cut
# (499s: wrk ends with up to one request per connection in flight, which nginx logs so) and
# other (statuses neither 200 nor 499).
load_tally() {
    local method=$1 access=$2 out
    out=$E2E_DIR/wrk_$(tr '[:upper:]' '[:lower:]' <<<"$method").out
    responses=$(grep -oE "^ *[0-9]+ requests in" "$out" | grep -oE "[0-9]+" | head -1)
    non_2xx=$(grep -oE "Non-2xx or 3xx responses: [0-9]+" "$out" | grep -oE "[0-9]+$" || echo 0)
    awk -v m="$method" '$2 == 200 && $3 == m {print $1}' "$access" | sort > "$E2E_DIR/ok_$method.ids"
    php -n -r 'foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $l) { $t = json_decode($l, true); if ($t["method"] === $argv[2]) echo $t["id"], "\n"; }' \
        "$E2E_DIR/tasks.log" "$method" | sort > "$E2E_DIR/recorded_$method.ids"
    ok=$(wc -l < "$E2E_DIR/ok_$method.ids")
    lost=$(comm -23 "$E2E_DIR/ok_$method.ids" "$E2E_DIR/recorded_$method.ids" | wc -l)
    twice=$(uniq -d "$E2E_DIR/recorded_$method.ids" | wc -l)
    cut=$(awk -v m="$method" '$2 == 499 && $3 == m' "$access" | wc -l)
    other=$(awk -v m="$method" '$2 != 200 && $2 != 499 && $3 == m' "$access" | wc -l)
}
