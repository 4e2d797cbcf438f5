#!/usr/bin/env bash
# Downloads Debian's php8.2 source package once and keeps the unpacked upstream tree (the
# .orig tarball, without Debian's patches, as tools/build_asan_php.sh builds it) in
# $DEFER_PHP_SRC_CACHE/php-src-8.2.<version> (default /var/cache/defer), reused while it is
# there. The newest security release's source may not be served: the newest version whose
# source downloads is taken. Prints the tree's path; the tree is read-only by convention (copy
# what you build or run in).
set -euo pipefail
cache=${DEFER_PHP_SRC_CACHE:-/var/cache/defer}
for tree in $(ls -d "$cache"/php-src-8.2.* 2>/dev/null | sort -rV); do
    [[ -f $tree/.complete ]] && { echo "$tree"; exit 0; }
done
export DEBIAN_FRONTEND=noninteractive
# Debian's source packages: add deb-src to the Debian entry if it is missing.
sources=/etc/apt/sources.list.d/debian.sources
if [[ -f $sources ]] && ! grep -q "deb-src" "$sources"; then
    sed -i '0,/^Types: deb$/s//Types: deb deb-src/' "$sources"
fi
apt-get update -qq >&2
command -v dpkg-source >/dev/null || apt-get install -y -qq --no-install-recommends dpkg-dev >&2
mkdir -p "$cache"
work=$(mktemp -d "$cache/.php-src-download.XXXXXX")
trap 'rm -rf "$work"' EXIT
found=
for version in $(apt-cache showsrc php8.2 | awk '/^Version:/ {print $2}' | sort -rV); do
    if (cd "$work" && apt-get source -qq --download-only "php8.2=$version" >&2 2>/dev/null); then
        found=$version; break
    fi
    rm -f "$work"/php8.2_*
done
[[ -n $found ]] || { echo "no php8.2 source package could be downloaded" >&2; exit 1; }
tarball=$(ls "$work"/php8.2_*.orig.tar.xz | head -1)
tar -C "$work" -xf "$tarball"
unpacked=$(ls -d "$work"/php-8.2.*/ | head -1)
unpacked=${unpacked%/}
tree="$cache/php-src-${unpacked##*/php-}"
rm -rf "$tree"
echo "$found" > "$unpacked/.debian-version"
touch "$unpacked/.complete"
mv "$unpacked" "$tree"
echo "$tree"
