#!/usr/bin/env bash
# Runs inside the sid chroot (tests/frameworks/laravel_package.sh): builds the extension for
# Debian's PHP <version> in this scratch copy of the sources, then runs the Laravel package
# suite on that version's php and php-fpm against the app installed outside, at <app dir>.
# Usage: laravel_package_inside.sh <version> <app dir>
set -u
version=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
bin=$(mktemp -d /tmp/defer-bin.XXXXXX)
for tool in php phpize php-config; do ln -s "/usr/bin/$tool$version" "$bin/$tool"; done
export PATH=$bin:$PATH DEFER_PHP_FPM=/usr/sbin/php-fpm$version
echo "# $(php -n -v | head -1)"
# Laravel's extensions beside the chroot's PHP packages (tools/build_sid_chroot.sh has none).
if [[ ! -f "$(php -n -r 'echo ini_get("extension_dir");')/pdo_sqlite.so" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "php$version-mbstring" "php$version-sqlite3" "php$version-xml" >/dev/null 2>&1
fi
if ! { phpize >/dev/null 2>&1 && ./configure --enable-defer >/dev/null 2>&1 && make -j"$(nproc)" >/dev/null 2>&1; }; then
    echo "not ok - building the extension for PHP $version"
    echo "laravel package: 0 passed, 1 failed"
    exit 1
fi
DEFER_LARAVEL_APP=$2 DEFER_FRAMEWORKS_CACHE=/var/tmp/defer-frameworks tests/frameworks/laravel_package.sh "$src/modules/defer.so"
status=$?
rm -rf "$bin"
exit $status
