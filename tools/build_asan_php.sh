#!/usr/bin/env bash
# Builds a debug + ZTS + AddressSanitizer PHP 8.2 from Debian's php8.2 source package, once:
# the result is cached in $DEFER_ASAN_PHP (default /var/cache/defer/php-8.2-debug-zts-asan),
# which survives between CI runs on the same machine. Prints the prefix.
set -euo pipefail
prefix=${DEFER_ASAN_PHP:-/var/cache/defer/php-8.2-debug-zts-asan}
if [[ -x $prefix/bin/php && -x $prefix/bin/phpize && -f $prefix/.complete ]]; then
    echo "$prefix"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's source packages: add deb-src to the Debian entry if it is missing.
sources=/etc/apt/sources.list.d/debian.sources
if [[ -f $sources ]] && ! grep -q "deb-src" "$sources"; then
    sed -i '0,/^Types: deb$/s//Types: deb deb-src/' "$sources"
fi
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends dpkg-dev build-essential autoconf bison re2c pkg-config \
    libclang-rt-14-dev clang-14 >&2 2>/dev/null || apt-get install -y -qq --no-install-recommends dpkg-dev build-essential autoconf bison re2c pkg-config >&2
work=$(mktemp -d /var/tmp/defer-php-src.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The newest security release's source may be missing: take the newest one that downloads.
for version in $(apt-cache showsrc php8.2 | awk '/^Version:/ {print $2}' | sort -rV); do
    (cd "$work" && apt-get source -qq --download-only "php8.2=$version" >&2 2>/dev/null) && break
    rm -f "$work"/php8.2_*
done
tarball=$(ls "$work"/php8.2_*.orig.tar.xz | head -1)
tar -C "$work" -xf "$tarball"
src=$(ls -d "$work"/php-8.2.*/ | head -1)
cd "$src"
# A small PHP: what the extension and its tests use (session, pcntl, posix for the tests).
CFLAGS="-fsanitize=address -fno-omit-frame-pointer -g -O1" \
CXXFLAGS="-fsanitize=address -fno-omit-frame-pointer -g -O1" \
LDFLAGS="-fsanitize=address" \
./configure --prefix="$prefix" --enable-debug --enable-zts --disable-all --disable-cgi --disable-phpdbg \
    --enable-cli --enable-session --enable-pcntl --enable-posix --without-pear >&2
make -j"$(nproc)" >&2
make install >&2
touch "$prefix/.complete"
echo "$prefix"
