#!/usr/bin/env bash
# Demo: nginx + php-fpm on 127.0.0.1 with the extension; one request whose response
# arrives at once while its 1.5 s of deferred work completes afterwards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
source "$root/tests/e2e/servers.sh"
trap e2e_stop EXIT INT TERM PIPE
e2e_start "$root/modules/defer.so" "$root/demo/app" 2

started=$(date +%s.%N)
echo "GET $E2E_URL/checkout.php"
curl -sS --max-time 10 -w 'response complete after %{time_total} s (HTTP %{http_code})\n' "$E2E_URL/checkout.php"
for _ in $(seq 1 50); do [[ -s $E2E_DIR/demo-record.json ]] && break; sleep 0.1; done
php -n -r '
    $record = json_decode(file_get_contents($argv[1]), true);
    printf("deferred work done after %.3f s\n\ndefer_status() after the deferred work:\n", $record["done_at"] - (float)$argv[2]);
    echo json_encode($record["defer_status"], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
' "$E2E_DIR/demo-record.json" "$started"
