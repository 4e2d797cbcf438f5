# Starts and stops a real php-fpm behind nginx on loopback for the end-to-end tests
# and the demo. Source it; everything lives in $E2E_DIR and dies with e2e_stop.
#   e2e_start <extension.so|none> <docroot> [fpm workers] [extra php.ini lines]
#   e2e_stop
# Sets E2E_DIR, E2E_PORT, E2E_URL. Optional, expanded with $E2E_DIR known:
#   E2E_FPM_GLOBAL   more php-fpm.conf text for its [global] section
#   E2E_FPM_EXTRA    more php-fpm.conf text (settings for the [app] pool, or more pools)
#   E2E_NGINX_EXTRA  more text inside nginx's server block (locations)
#   E2E_HTTP_EXTRA   more text inside nginx's http block (upstreams)
#   DEFER_PHP_FPM    the php-fpm binary (default php-fpm8.2; the version matrix sets its own)

e2e_free_port() {
    php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}

e2e_wait_for() {  # file/socket to appear, up to 10 s
    local i
    for i in $(seq 1 100); do [[ -e $1 ]] && return 0; sleep 0.1; done
    echo "timed out waiting for $1" >&2
    return 1
}

# The test scripts call the global names (defer(), defer_status(), ...): they are registered
# unless E2E_GLOBAL_FUNCTIONS=default (the extension's default: only the Defer\ functions).
e2e_start() {
    local extension=$1 docroot=$2 workers=${3:-2} extra_ini=${4:-}
    E2E_DIR=$(mktemp -d /tmp/defer-e2e.XXXXXX)
    E2E_PORT=$(e2e_free_port)
    E2E_URL="http://127.0.0.1:$E2E_PORT"
    mkdir -p "$E2E_DIR/sessions" "$E2E_DIR/nginx"
    chmod 777 "$E2E_DIR" "$E2E_DIR/sessions"

    cat > "$E2E_DIR/php.ini" <<INI
$([[ $extension == none ]] || echo "extension=$extension")
$([[ $extension == none || ${E2E_GLOBAL_FUNCTIONS:-1} == default ]] || echo "defer.global_functions=${E2E_GLOBAL_FUNCTIONS:-1}")
output_buffering=4096
display_errors=0
log_errors=1
error_log=$E2E_DIR/php_errors.log
session.save_path=$E2E_DIR/sessions
session.use_strict_mode=0
$extra_ini
INI
    cat > "$E2E_DIR/php-fpm.conf" <<FPM
[global]
error_log = $E2E_DIR/php-fpm.log
pid = $E2E_DIR/php-fpm.pid
daemonize = yes
${E2E_FPM_GLOBAL:-}
[app]
user = root
group = root
listen = $E2E_DIR/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = $workers
catch_workers_output = yes
env[E2E_DIR] = $E2E_DIR
$(eval "echo \"${E2E_FPM_EXTRA:-}\"")
FPM
    cat > "$E2E_DIR/nginx.conf" <<NGINX
daemon on;
worker_processes 1;
pid $E2E_DIR/nginx.pid;
error_log $E2E_DIR/nginx_error.log;
events { worker_connections 1024; }
http {
    access_log $E2E_DIR/nginx_access.log;
    client_body_temp_path $E2E_DIR/nginx/body;
    proxy_temp_path $E2E_DIR/nginx/proxy;
    fastcgi_temp_path $E2E_DIR/nginx/fastcgi;
    uwsgi_temp_path $E2E_DIR/nginx/uwsgi;
    scgi_temp_path $E2E_DIR/nginx/scgi;
$(eval "echo \"${E2E_HTTP_EXTRA:-}\"")
    server {
        listen 127.0.0.1:$E2E_PORT;
        root $docroot;
        location ~ \.php\$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_param E2E_DIR $E2E_DIR;
            fastcgi_param REQUEST_ID \$request_id;
            fastcgi_pass unix:$E2E_DIR/php-fpm.sock;
        }
$(eval "echo \"${E2E_NGINX_EXTRA:-}\"")
    }
}
NGINX
    "${DEFER_PHP_FPM:-php-fpm8.2}" -n -c "$E2E_DIR/php.ini" -y "$E2E_DIR/php-fpm.conf" -R || return 1
    e2e_wait_for "$E2E_DIR/php-fpm.sock" || return 1
    nginx -c "$E2E_DIR/nginx.conf" -p "$E2E_DIR/nginx" 2>>"$E2E_DIR/nginx_error.log" || return 1
    e2e_wait_for "$E2E_DIR/nginx.pid" || return 1
}

e2e_stop() {
    [[ -n ${E2E_DIR:-} && -d $E2E_DIR ]] || return 0
    local pidfile pid
    for pidfile in "$E2E_DIR/nginx.pid" "$E2E_DIR/php-fpm.pid"; do
        [[ -f $pidfile ]] || continue
        pid=$(cat "$pidfile")
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ -z ${E2E_KEEP:-} ]]; then rm -rf "$E2E_DIR"; fi
    return 0
}

# Apache mpm_event + mod_proxy_fcgi in front of the php-fpm above (its nginx unused), for
# the kept-alive suites. Everything in $E2E_DIR/apache; sets APACHE_PORT, APACHE_URL.
#   apache_fcgi_start <configuration>   more httpd.conf text (Proxy, Location, VirtualHost...);
#                                       its access log is $E2E_DIR/apache/access.log,
#                                       "%{UNIQUE_ID}e %>s %m" lines (format "ids")
#   apache_fcgi_stop
apache_fcgi_start() {
    local modules=/usr/lib/apache2/modules apache=/usr/sbin/apache2
    APACHE_PORT=$(e2e_free_port)
    APACHE_URL="http://127.0.0.1:$APACHE_PORT"
    mkdir -p "$E2E_DIR/apache/htdocs"
    chmod 755 "$E2E_DIR"
    cat > "$E2E_DIR/apache/httpd.conf" <<CONF
ServerRoot "$E2E_DIR/apache"
ServerName 127.0.0.1
PidFile "$E2E_DIR/apache/httpd.pid"
DefaultRuntimeDir "$E2E_DIR/apache"
ErrorLog "$E2E_DIR/apache/error.log"
LogLevel warn
$([[ $(id -u) == 0 ]] && printf 'User www-data\nGroup www-data')
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule unique_id_module $modules/mod_unique_id.so
LoadModule proxy_module $modules/mod_proxy.so
LoadModule proxy_fcgi_module $modules/mod_proxy_fcgi.so
StartServers 1
ServerLimit 1
ThreadsPerChild 64
ThreadLimit 64
MaxRequestWorkers 64
MinSpareThreads 8
MaxSpareThreads 64
Timeout 10
Listen 127.0.0.1:$APACHE_PORT
LogFormat "%{UNIQUE_ID}e %>s %m" ids
CustomLog "$E2E_DIR/apache/access.log" ids
DocumentRoot "$E2E_DIR/apache/htdocs"
<Directory />
    Require all granted
</Directory>
$1
CONF
    "$apache" -t -f "$E2E_DIR/apache/httpd.conf" >"$E2E_DIR/apache/configtest.log" 2>&1 || return 1
    PHP_INI_SCAN_DIR= "$apache" -f "$E2E_DIR/apache/httpd.conf" -k start >"$E2E_DIR/apache/stderr.log" 2>&1 || return 1
    e2e_wait_for "$E2E_DIR/apache/httpd.pid"
}

apache_fcgi_stop() {
    [[ -n ${E2E_DIR:-} && -s $E2E_DIR/apache/httpd.pid ]] || return 0
    local pid
    pid=$(cat "$E2E_DIR/apache/httpd.pid")
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}
