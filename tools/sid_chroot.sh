#!/usr/bin/env bash
# Runs a command inside the sid chroot of tools/build_sid_chroot.sh, with /proc, /dev and the
# project's checkout (at the same path) mounted in a mount namespace of its own: they go with
# it, and two runs at once (a matrix row beside another suite's) never unmount each other's.
# Usage: tools/sid_chroot.sh run DIR COMMAND...   |   mount DIR   |   umount DIR
set -euo pipefail
action=$1 dir=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)

mount_all() {
    mkdir -p "$dir/proc" "$dir/dev" "$dir/tmp" "$dir$root"
    mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
    mountpoint -q "$dir/dev" || mount --rbind /dev "$dir/dev"
    mountpoint -q "$dir$root" || mount --bind "$root" "$dir$root"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}
umount_all() {
    local m
    for m in "$dir$root" "$dir/dev" "$dir/proc"; do
        mountpoint -q "$m" 2>/dev/null && umount -R -l "$m"
    done
    return 0
}
case $action in
    mount) mount_all ;;
    umount) umount_all ;;
    run)
        exec unshare --mount --propagation private "$0" run-unshared "$dir" "$@"
        ;;
    run-unshared) # run, inside its own mount namespace
        mount_all
        chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 TERM=dumb "$@"
        ;;
    *) echo "usage: $0 run|mount|umount DIR [COMMAND...]" >&2; exit 2 ;;
esac
