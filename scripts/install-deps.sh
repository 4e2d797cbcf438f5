#!/usr/bin/env bash
# Installs what building and testing defer needs on Debian 12 (run as root).
set -euo pipefail
packages=(php8.2-dev php8.2-cli php8.2-fpm nginx-light curl gzip g++ make cmake catch2 wrk php-pear clang-format clang-tidy unzip php8.2-mbstring php8.2-opcache valgrind strace)
packages+=(apache2 libapache2-mod-php8.2)  # tests/e2e/apache.sh: mod_php under its own apache2
packages+=(php8.2-sqlite3)  # tests/frameworks/messenger.sh: Messenger's Doctrine transport on SQLite
packages+=(php8.2-xml)  # tests/frameworks/laravel_package.sh: PHPUnit (dom, xmlwriter, simplexml), Laravel's console (dom)
packages+=(prometheus)  # tests/e2e/pool_metrics.sh: promtool checks examples/metrics, a Prometheus scrapes it
packages+=(redis-server php8.2-redis)  # tests/e2e/redis_handoff.sh: its own redis-server; php-redis (pulls php8.2-igbinary)
command -v composer >/dev/null || packages+=(composer)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts the packaged services; the tests start their own on loopback.
for service in nginx php8.2-fpm apache2 redis-server prometheus; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
        systemctl stop "$service" || true
    fi
done
