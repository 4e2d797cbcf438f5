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
