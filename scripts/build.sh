#!/usr/bin/env bash
# Builds modules/defer.so with phpize (C++17). Usage: scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f Makefile || config.m4 -nt Makefile ]]; then
    phpize >/dev/null 2>&1
    ./configure --enable-defer >/dev/null
fi
make -j"$(nproc)" >/dev/null
test -f modules/defer.so
echo "built $(pwd)/modules/defer.so"
