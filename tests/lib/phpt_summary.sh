# Reads run-tests.php's closing summary: phpt_summary <suite name> <log> [skips allowed: yes|no]
# prints "<suite>: N passed, N failed[, N skipped]"; failed, borked, leaked and warned tests
# count as failed, and so do skipped ones where none are allowed; a run of no test fails.
phpt_summary() {
    local name=$1 log=$2 skips_allowed=${3:-no} kind passed failed=0 skipped
    count() { grep -oE "^Tests $1 +: +[0-9]+" "$log" | grep -oE "[0-9]+$" || echo 0; }
    passed=$(count passed)
    skipped=$(count skipped)
    for kind in failed borked leaked warned; do
        failed=$((failed + $(count "$kind")))
    done
    [[ $passed -gt 0 ]] || failed=$((failed + 1))
    if [[ $skips_allowed == yes ]]; then
        echo "$name: $passed passed, $failed failed, $skipped skipped"
    else
        echo "$name: $passed passed, $((failed + skipped)) failed"
    fi
}

# Names every test run-tests.php did not pass (its FAILED/WARNED/LEAKED/BORKED summaries) and
# the first lines of each failed test's diff: phpt_failures <log> <test dir>
phpt_failures() {
    local log=$1 dir=$2 diff
    sed 's/\x1b\[[0-9;]*m//g' "$log" | sed -n '/^\(FAILED\|WARNED\|LEAKED\|BORKED\) TEST SUMMARY/,/^=====/p' | grep -vE "^(-----|=====)"
    for diff in "$dir"/*.diff; do
        [[ -f $diff ]] && { echo "== $diff"; head -30 "$diff"; }
    done
    return 0
}

# phpt_report <suite name> <log> <skips allowed: yes|no> <test dir>: the failing tests (if
# any), then the summary line; succeeds when nothing failed.
phpt_report() {
    local summary
    summary=$(phpt_summary "$1" "$2" "$3")
    [[ $summary == *" 0 failed"* ]] || phpt_failures "$2" "$4"
    echo "$summary"
    [[ $summary == *" 0 failed"* ]]
}
