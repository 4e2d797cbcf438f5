#!/usr/bin/env bash
# The compat suite: loading the extension changes nothing PHP's own tests can see.
#
# php-src's run-tests.php and tests (Debian's php8.2 source package, tools/fetch_php_src.sh,
# cached in /var/cache/defer) run against the installed PHP (php8.2 CLI, php-cgi8.2 and
# php-fpm8.2) in three configurations, each in its own copy of the tests:
#   without   no extension;
#   with      -d extension=defer.so at its defaults, so only the Defer\ functions (run-tests.php
#             passes -d to every test process, CLI and CGI); php-fpm reads it from an ini file in
#             PHP_INI_SCAN_DIR;
#   gf        -d extension=defer.so -d defer.global_functions=1 (the global names too), for
#             Zend/tests only.
# Directories: Zend/tests, tests/{basic,lang,func,output}, ext/standard/tests/{general_functions,
# serialize}, ext/session/tests, sapi/cli/tests, and sapi/fpm/tests (the FPM tester finds
# sapi/fpm/php-fpm, a symlink to /usr/sbin/php-fpm8.2; php-fpm reads an empty php.ini through
# PHPRC on every side, as upstream's in-tree php-fpm does, since Debian's php.ini fails more
# than half of them, e.g. with expose_php = Off). Every run uses -n, so no php.ini: run-tests.php
# loads what a test's --EXTENSIONS-- names itself.
#
# Per test, the result (PASSED, FAILED, SKIPPED, BORKED, XFAILED, WARNED, ...) from
# run-tests.php's -W file is compared between "without" and "with" (every directory) and
# between "without" and "gf" (Zend/tests). A test whose result differs is run once more on
# both sides (those tests only), to rule out timing; one that still differs fails the suite
# and its .diff is printed. A probe test on each side checks that the extension really is
# loaded (or not, or with its global names) in the CLI, CGI and php-fpm test processes.
#
# Output: "ok"/"not ok" per comparison and directory, "not ok" per differing test, comment
# lines (#) for tests that fail without the extension too (not counted against it), the
# commonest skip reasons and the time of each stage, then
#   compat: N passed, N failed
# where passed = the tests, per comparison, that ran on both sides with the same result
# (tests skipped on both sides, or failing on both, are listed but not counted) plus the
# probes that passed; failed = the tests that still differ after the rerun plus anything
# that kept a comparison from being made (a probe, the build, run-tests.php itself).
# Exits non-zero on any difference.
#
# Usage: tests/compat/run.sh [path/to/defer.so]   (default: builds the extension from this
# checkout in a scratch copy). COMPAT_JOBS (default: nproc) sets run-tests.php's -j;
# COMPAT_KEEP=1 keeps the work directory (the trees with every .out and .diff).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/lib/check.sh"
jobs=${COMPAT_JOBS:-$(nproc)}
php=/usr/bin/php8.2 # what /usr/bin/php points to on Debian 12
php_cgi=/usr/bin/php-cgi8.2
php_fpm=/usr/sbin/php-fpm8.2
started=$SECONDS

summary() { echo "compat: $passed passed, $failed failed"; }
give_up() { echo "not ok - $1"; failed=$((failed + 1)); summary; exit 1; }
stage_time() { echo "# $1: $(($SECONDS - $2)) s"; }

# What the suite needs, installed if missing (php8.2-cgi runs the --CGI-- tests, acl one FPM test).
packages=(php8.2-cli php8.2-dev php8.2-fpm php8.2-cgi acl xz-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1 \
        || give_up "installing ${missing[*]}"
fi

stage=$SECONDS
src=$("$root/tools/fetch_php_src.sh" 2>/dev/null) || give_up "downloading Debian's php8.2 source (tools/fetch_php_src.sh)"
echo "# php-src tests: $src (Debian source $(cat "$src/.debian-version" 2>/dev/null)); PHP: $($php -n -r 'echo PHP_VERSION;')"

work=$(mktemp -d /tmp/defer-compat.XXXXXX)
if [[ ${COMPAT_KEEP:-0} == 1 ]]; then
    trap 'echo "# kept $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi

so=${1:-}
if [[ -z $so ]]; then
    # A scratch copy, so that this phpize/configure does not touch the checkout's build.
    mkdir "$work/build"
    (cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$work/build")
    if ! (cd "$work/build" && phpize && ./configure --enable-defer && make -j"$jobs") >"$work/build.log" 2>&1; then
        tail -30 "$work/build.log"; give_up "building the extension"
    fi
    so=$work/build/modules/defer.so
fi
[[ -f $so ]] || give_up "no extension at $so"
so=$(cd "$(dirname "$so")" && pwd)/$(basename "$so")
stage_time "source and build" "$stage"

dirs=(Zend/tests tests/basic tests/lang tests/func tests/output ext/standard/tests/general_functions
    ext/standard/tests/serialize ext/session/tests sapi/cli/tests sapi/fpm/tests)
cli_dirs=("${dirs[@]:0:9}")

# A side: its tree (a copy of what the tests need, with the probes), its INI and expectation.
declare -A side_ini side_expect
side_ini[without]=""
side_ini[with]="-d extension=$so"
side_ini[gf]="-d extension=$so -d defer.global_functions=1"
side_expect[without]=absent
side_expect[with]=namespaced
side_expect[gf]=global

make_tree() {
    local side=$1 tree=$work/$1
    mkdir -p "$tree/defer-compat-probe" "$work/$side.fpm-ini" "$work/$side.fpm-scan"
    (cd "$src" && cp -a --parents run-tests.php Zend/tests tests ext/standard/tests ext/session sapi/cli sapi/fpm "$tree")
    ln -s "$php_fpm" "$tree/sapi/fpm/php-fpm"
    cp "$root/tests/compat/probe/cli.phpt" "$root/tests/compat/probe/cgi.phpt" "$tree/defer-compat-probe/"
    cp "$root/tests/compat/probe/fpm.phpt" "$tree/sapi/fpm/tests/defer-compat-probe-fpm.phpt"
    : >"$work/$side.fpm-ini/php.ini"
    [[ $side == without ]] || echo "extension=$so" >"$work/$side.fpm-scan/defer.ini"
}

# run_tests <side> <tag> <paths...>: run-tests.php in the side's tree; "<result>\t<path>" lines,
# paths relative to the tree, in $work/<side>.<tag>.res; the output in $work/<side>.<tag>.log.
run_tests() {
    local side=$1 tag=$2 tree=$work/$1; shift 2
    local ini
    read -r -a ini <<<"${side_ini[$side]}"
    local fpm_env=(PHPRC="$work/$side.fpm-ini" PHP_INI_SCAN_DIR="$work/$side.fpm-scan")
    [[ $(id -u) == 0 ]] && fpm_env+=(TEST_FPM_RUN_AS_ROOT=1) # tester.inc: php-fpm --allow-to-run-as-root
    (cd "$tree" && env "${fpm_env[@]}" TEST_PHP_EXECUTABLE="$php" TEST_PHP_CGI_EXECUTABLE="$php_cgi" \
        NO_INTERACTION=1 DEFER_COMPAT_EXPECT="${side_expect[$side]}" \
        "$php" -n run-tests.php -n "${ini[@]}" -q -j"$jobs" --no-progress --no-color --set-timeout 60 \
        -W "$work/$side.$tag.raw" "$@") >"$work/$side.$tag.log" 2>&1
    sed "s#\t$tree/#\t#" "$work/$side.$tag.raw" 2>/dev/null | sort -t$'\t' -k2 >"$work/$side.$tag.res"
    if ! [[ -s $work/$side.$tag.res ]]; then
        tail -20 "$work/$side.$tag.log"; give_up "run-tests.php wrote no results ($side, $tag)"
    fi
}

# The full runs: the CLI directories in one run-tests.php, sapi/fpm/tests (and its probe) in another.
for side in without with gf; do
    stage=$SECONDS
    make_tree "$side"
    if [[ $side == gf ]]; then
        run_tests "$side" cli Zend/tests defer-compat-probe
        : >"$work/$side.fpm.res"
    else
        run_tests "$side" cli "${cli_dirs[@]}" defer-compat-probe
        run_tests "$side" fpm sapi/fpm/tests
    fi
    cat "$work/$side.cli.res" "$work/$side.fpm.res" | sort -t$'\t' -k2 >"$work/$side.res"
    ini=${side_ini[$side]:-no extension}
    stage_time "$side (${ini//$so/defer.so})" "$stage"
done

# The probes: the extension is where each side says it is.
probe_ok() { [[ $(awk -F'\t' -v t="$2" '$2 == t {print $1}' "$work/$1.res") == PASSED ]]; }
for side in without with gf; do
    probes=(defer-compat-probe/cli.phpt defer-compat-probe/cgi.phpt)
    [[ $side == gf ]] || probes+=(sapi/fpm/tests/defer-compat-probe-fpm.phpt)
    for probe in "${probes[@]}"; do
        check "probe $side: defer ${side_expect[$side]} in ${probe##*/} test processes" probe_ok "$side" "$probe"
    done
done

# compare <side A> <side B> <path prefix regex>: "<path>\t<result A>\t<result B>" for every test.
compare() {
    awk -F'\t' -v OFS='\t' -v re="$3" '
        $2 ~ /defer-compat-probe/ || $2 !~ re { next }
        NR == FNR { a[$2] = $1; next }
        { b[$2] = $1 }
        END {
            for (t in a) print t, a[t], (t in b) ? b[t] : "MISSING"
            for (t in b) if (!(t in a)) print t, "MISSING", b[t]
        }' "$work/$1.res" "$work/$2.res" | sort
}

group_of() { # the directory of ${dirs[@]} a test belongs to
    local d
    for d in "${dirs[@]}"; do [[ $1 == "$d"/* ]] && { echo "$d"; return; }; done
    echo other
}

normalise() { sed -E "s#$work/$1/##g; s#/tmp/php[A-Za-z0-9]{6}#/tmp/phpXXXXXX#g; s/[0-9]+/N/g" "$2"; }

is_failure() { [[ $1 =~ ^(FAILED|BORKED|LEAKED|WARNED|MISSING)$ ]]; }

for pair in "without with" "without gf"; do
    read -r a b <<<"$pair"
    re='^'
    [[ $b == gf ]] && re='^Zend/tests/'
    compare "$a" "$b" "$re" >"$work/$b.cmp"
    # One rerun of both sides for the tests whose result differs.
    awk -F'\t' '$2 != $3 {print $1}' "$work/$b.cmp" >"$work/$b.differ"
    if [[ -s $work/$b.differ ]]; then
        stage=$SECONDS
        mapfile -t differ_cli < <(grep -v '^sapi/fpm/' "$work/$b.differ")
        mapfile -t differ_fpm < <(grep '^sapi/fpm/' "$work/$b.differ")
        for side in "$a" "$b"; do
            : >"$work/$side.rerun-$b.res"
            if ((${#differ_cli[@]})); then
                run_tests "$side" "rerun-$b-cli" "${differ_cli[@]}"
                cat "$work/$side.rerun-$b-cli.res" >>"$work/$side.rerun-$b.res"
            fi
            if ((${#differ_fpm[@]})); then
                run_tests "$side" "rerun-$b-fpm" "${differ_fpm[@]}"
                cat "$work/$side.rerun-$b-fpm.res" >>"$work/$side.rerun-$b.res"
            fi
        done
        stage_time "rerun of $(wc -l <"$work/$b.differ") tests that differed ($a, $b)" "$stage"
    fi
    # The final result per test: the rerun's where there was one.
    declare -A final_a=() final_b=() first=()
    while IFS=$'\t' read -r t ra rb; do final_a[$t]=$ra; final_b[$t]=$rb; done <"$work/$b.cmp"
    if [[ -s $work/$b.differ ]]; then
        while IFS=$'\t' read -r r t; do first[$t]="${final_a[$t]} without, ${final_b[$t]} $b"; final_a[$t]=$r; done <"$work/$a.rerun-$b.res"
        while IFS=$'\t' read -r r t; do final_b[$t]=$r; done <"$work/$b.rerun-$b.res"
    fi
    declare -A n_same=() n_skip=() n_base=() n_diff=() base_list=()
    for t in "${!final_a[@]}"; do
        g=$(group_of "$t")
        ra=${final_a[$t]} rb=${final_b[$t]:-MISSING}
        if [[ $ra != "$rb" ]]; then
            n_diff[$g]=$((${n_diff[$g]:-0} + 1))
        elif [[ $ra == SKIPPED ]]; then
            n_skip[$g]=$((${n_skip[$g]:-0} + 1))
        elif is_failure "$ra"; then
            n_base[$g]=$((${n_base[$g]:-0} + 1)); base_list[$g]+=" ${t##*/}"
        else
            n_same[$g]=$((${n_same[$g]:-0} + 1))
        fi
    done
    label="with ${side_ini[$b]//$so/defer.so}"
    for g in "${dirs[@]}" other; do
        same=${n_same[$g]:-0} skip=${n_skip[$g]:-0} base=${n_base[$g]:-0} diff=${n_diff[$g]:-0}
        total=$((same + skip + base + diff))
        ((total)) || continue
        passed=$((passed + same)); failed=$((failed + diff))
        detail="$same of $total tests ran with the same result, $skip skipped on both sides"
        ((base)) && detail+=", $base fail without the extension too"
        if ((diff)); then
            echo "not ok - $label, $g: $diff of $total tests differ ($detail)"
        else
            echo "ok - $label, $g: $detail"
        fi
        if ((base)); then
            mapfile -t names < <(tr ' ' '\n' <<<"${base_list[$g]}" | grep . | sort)
            echo "#   failing without the extension too (not counted): ${names[*]:0:8}$( ((base > 8)) && echo " ...")"
        fi
    done
    # Every test that still differs, with its diff.
    for t in $(printf '%s\n' "${!final_a[@]}" | sort); do
        ra=${final_a[$t]} rb=${final_b[$t]:-MISSING}
        if [[ $ra != "$rb" ]]; then
            echo "not ok - $t: $ra without the extension, $rb $label (the same after a rerun)"
            diff_file=$work/$b/${t%.phpt}.diff
            [[ -f $diff_file ]] || diff_file=$work/$a/${t%.phpt}.diff
            if [[ -f $diff_file ]]; then
                echo "#   ${diff_file#"$work/"}:"
                head -60 "$diff_file" | awk '{print "#   " $0}' # a .diff has no final newline
                (($(wc -l <"$diff_file") > 60)) && echo "#   ... ($(wc -l <"$diff_file") lines)"
            fi
        elif [[ -n ${first[$t]:-} ]]; then
            echo "# $t differed once (${first[$t]}), the same on the rerun ($ra): timing, not counted against the extension"
        fi
    done
    # Tests that fail on both sides: their output should still be the same (a note only), but
    # for the tree's path, numbers (pids, times, sizes) and upload file names.
    for t in $(printf '%s\n' "${!final_a[@]}" | sort); do
        [[ ${final_a[$t]} == FAILED && ${final_b[$t]:-} == FAILED ]] || continue
        out_a=$work/$a/${t%.phpt}.out out_b=$work/$b/${t%.phpt}.out
        [[ -f $out_a && -f $out_b ]] || continue
        cmp -s <(normalise "$a" "$out_a") <(normalise "$b" "$out_b") \
            || echo "# note: $t fails on both sides, and its output differs $label"
    done
    unset final_a final_b first n_same n_skip n_base n_diff base_list
done

echo "# the commonest reasons for a skip (without the extension):"
grep -h "^SKIP" "$work/without.cli.log" "$work/without.fpm.log" | sed -n 's/.* reason: //p' | sort | uniq -c | sort -rn | head -8 | sed 's/^/#  /'
stage_time "compat suite" "$started"
summary
((failed == 0))
