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
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends dpkg-dev build-essential autoconf bison re2c pkg-config \
    libclang-rt-14-dev clang-14 >&2 2>/dev/null || apt-get install -y -qq --no-install-recommends dpkg-dev build-essential autoconf bison re2c pkg-config >&2
# Debian's newest downloadable php8.2 source, unpacked once and cached (shared with the compat
# suite, tests/compat/run.sh); built in a copy, so that the cached tree stays clean.
cached=$("$(dirname "$0")/fetch_php_src.sh")
work=$(mktemp -d /var/tmp/defer-php-src.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -a "$cached" "$work/php-src"
cd "$work/php-src"
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
