#!/usr/bin/env bash
# Makes, once, a Debian sid chroot holding Debian's binary packages of PHP 8.4 (sid), 8.5 and
# 8.6 (experimental) with -cli -dev -fpm -cgi -mbstring, a C++ compiler and nginx: the newer PHPs exist
# here only as binary packages, and sid must never enter the host's own apt sources (apt would
# upgrade the host). Cached in $DEFER_SID_CHROOT (default /var/cache/defer/sid-chroot) beside
# the ASan PHP, so a warm CI run pays nothing. Prints the chroot's path.
# Usage: tools/build_sid_chroot.sh
set -euo pipefail
dir=${DEFER_SID_CHROOT:-/var/cache/defer/sid-chroot}
versions=(8.4 8.5 8.6)
mirror=http://deb.debian.org/debian
base=(g++ make autoconf pkg-config nginx-light curl ca-certificates procps wrk)
# What the chroot holds: a cached one made for another list is made again.
stamp="php ${versions[*]}; ${base[*]}"

complete() {
    [[ -f $dir/.complete && "$(cat "$dir/.complete")" == "$stamp" ]] || return 1
    local v
    for v in "${versions[@]}"; do
        [[ -x $dir/usr/bin/php$v && -x $dir/usr/sbin/php-fpm$v && -x $dir/usr/bin/phpize$v ]] || return 1
    done
}
# mbstring, which Laravel needs (tests/frameworks/keepalive_apps.sh), came after the list
# above: a cached chroot without it gets it installed, not made again.
missing_mbstring() {
    local v
    for v in "${versions[@]}"; do
        chroot "$dir" "php$v" -n -d extension=mbstring -m 2>/dev/null | grep -qx mbstring || echo "php$v-mbstring"
    done
}
add_mbstring() {
    local missing
    missing=$(missing_mbstring)
    [[ -z $missing ]] && return 0
    # shellcheck disable=SC2086 # one package a word
    "$(dirname "$0")/sid_chroot.sh" run "$dir" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends -t experimental $missing >&2
}
if complete && [[ -z $(missing_mbstring) ]]; then echo "$dir"; exit 0; fi

export DEBIAN_FRONTEND=noninteractive
command -v debootstrap >/dev/null || { apt-get update -qq >&2; apt-get install -y -qq debootstrap >&2; }
mkdir -p "$(dirname "$dir")"
lock=$(dirname "$dir")/.sid-chroot.lock
exec 9>"$lock"
flock 9  # two suites started at once build it once
if complete; then add_mbstring || exit 1; echo "$dir"; exit 0; fi

# A half-made chroot from an interrupted run is started again from nothing.
"$(dirname "$0")/sid_chroot.sh" umount "$dir" 2>/dev/null || true
rm -rf "$dir"
partial=$dir.partial
"$(dirname "$0")/sid_chroot.sh" umount "$partial" 2>/dev/null || true
rm -rf "$partial"
debootstrap --variant=minbase sid "$partial" "$mirror" >&2

cat > "$partial/etc/apt/sources.list" <<EOF
deb $mirror sid main
deb $mirror experimental main
EOF
# The archive's Release files may be older than their Valid-Until on this machine's clock.
echo 'Acquire::Check-Valid-Until "false";' > "$partial/etc/apt/apt.conf.d/99defer-no-valid-until"
# Debian starts services on install; nothing may start inside the chroot.
printf '#!/bin/sh\nexit 101\n' > "$partial/usr/sbin/policy-rc.d"
chmod +x "$partial/usr/sbin/policy-rc.d"

php_packages() { local v; for v in "$@"; do echo "php$v-cli php$v-dev php$v-fpm php$v-cgi php$v-mbstring"; done; }
"$(dirname "$0")/sid_chroot.sh" mount "$partial"
trap '"$(dirname "$0")/sid_chroot.sh" umount "$partial" || true' EXIT
chroot "$partial" apt-get update -qq >&2
chroot "$partial" apt-get install -y -qq --no-install-recommends "${base[@]}" $(php_packages 8.4) >&2
# 8.5 and 8.6 are only in experimental, which apt never picks by itself; the rest stays sid's.
chroot "$partial" apt-get install -y -qq --no-install-recommends -t experimental $(php_packages 8.5 8.6) >&2
"$(dirname "$0")/sid_chroot.sh" umount "$partial"
trap - EXIT
chroot "$partial" apt-get clean >&2
mv "$partial" "$dir"
echo "$stamp" > "$dir/.complete"
complete || { echo "the chroot at $dir lacks a PHP binary" >&2; exit 1; }
echo "$dir"
