#!/usr/bin/env bash
# Instructions per hello-world request with and without the extension loaded (php-cgi -T N
# runs N requests in one process; callgrind counts are repeatable). Prints JSON.
# Usage: bench/unused_instructions.sh <defer.so> [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
extension=$1
n=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() {  # count <requests> [extension]
    local args=(-n -d output_buffering=4096)
    [[ -n ${2:-} ]] && args+=(-d extension="$2")
    valgrind --tool=callgrind --callgrind-out-file="$work/cg" php-cgi8.2 "${args[@]}" -T "$1" "$here/app/hello.php" >/dev/null 2>&1
    grep -E '^summary:' "$work/cg" | awk '{print $2}'
}
without_1=$(count 1); without_n=$(count "$n")
with_1=$(count 1 "$extension"); with_n=$(count "$n" "$extension")
php -n -r '[$n, $w1, $wn, $x1, $xn] = array_map("intval", array_slice($argv, 1));
    $without = ($wn - $w1) / ($n - 1); $with = ($xn - $x1) / ($n - 1);
    echo json_encode(["requests" => $n, "without" => round($without, 1), "with" => round($with, 1),
        "ratio" => round($with / $without, 4), "startup_without" => $w1, "startup_with" => $x1]), "\n";' \
    "$n" "$without_1" "$without_n" "$with_1" "$with_n"
