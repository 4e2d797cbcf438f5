#!/usr/bin/env bash
# One row of the version matrix: builds and tests the extension on Debian's PHP <version>
# (8.4, 8.5 or 8.6) inside the cached sid chroot (tools/build_sid_chroot.sh), on a scratch
# copy of the sources. Prints "php<version>: N passed, N failed".
# Usage: tests/versions/run.sh <version>
set -u
version=${1:?usage: tests/versions/run.sh <version>}
root=$(cd "$(dirname "$0")/../.." && pwd)
name=php$version
chroot=$("$root/tools/build_sid_chroot.sh") || { echo "making the sid chroot failed"; echo "$name: 0 passed, 1 failed"; exit 1; }
work=/var/tmp/defer-$name
rm -rf "$chroot$work"
mkdir -p "$chroot$work"
# Tracked and new (not ignored) files: what a clone has, plus work not yet committed.
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$chroot$work")
# The kept-alive framework suite's applications: the chroot has no Composer, so they are
# installed on the host (cached) and their copies, vendor/ included, go into the chroot.
frameworks=/var/tmp/defer-frameworks-$name
rm -rf "$chroot$frameworks"
if "$root/tests/frameworks/keepalive_apps.sh" --install-only >"$chroot$work/frameworks-install.log" 2>&1; then
    for app in keepalive-symfony keepalive-laravel11 keepalive-laravel12; do
        mkdir -p "$chroot$frameworks/$app"
        cp -a "${DEFER_FRAMEWORKS_CACHE:-/var/tmp/defer-frameworks}/$app/app" "$chroot$frameworks/$app/"
    done
fi
"$root/tools/sid_chroot.sh" run "$chroot" /bin/bash "$work/tests/versions/inside.sh" "$version"
status=$?
[[ -n ${DEFER_KEEP:-} ]] || rm -rf "$chroot$work" "$chroot$frameworks"
exit $status
