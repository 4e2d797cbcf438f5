# Configuration text for an application with a front controller (<docroot>/index.php, routed
# by REQUEST_URI) behind kept-alive FastCGI connections, for tests/e2e/servers.sh's
# E2E_FPM_EXTRA and E2E_HTTP_EXTRA (which it expands with $E2E_DIR known) and apache_fcgi_start.
# Source it; $workers is each pool's number of workers, $keepalive nginx's (default 8).
#   fpm_pool <name> <listen> [close_kept_connection]   a php-fpm pool, $workers static workers
#   nginx_front <name> <upstream address> <port> <docroot>
#       an upstream <name> { keepalive } and a server on <port> sending every request to it
#       (fastcgi_keep_conn on), logging "$request_id $status $request_method" lines to
#       $E2E_DIR/<name>_access.log (format "ids", which the caller declares)
#   apache_front <php-fpm TCP port> <docroot>
#       proxy_fcgi with enablereuse=on (at most $workers connections: php-fpm serves a kept
#       connection and nothing else until it closes), every request to the front controller
fpm_pool() {  # fpm_pool <name> <listen> [close_kept_connection]
    printf '[%s]\nuser = root\ngroup = root\nlisten = %s\nlisten.mode = 0666\npm = static\npm.max_children = %s\ncatch_workers_output = yes\nenv[E2E_DIR] = $E2E_DIR\n%s\n' \
        "$1" "$2" "$workers" "${3:+php_admin_value[defer.close_kept_connection] = $3}"
}
nginx_front() {  # nginx_front <name> <upstream address> <port> <docroot>
    cat <<NGINX
upstream $1 { server $2; keepalive ${keepalive:-8}; }
server {
    listen 127.0.0.1:$3;
    access_log \$E2E_DIR/$1_access.log ids;
    location / {
        fastcgi_param GATEWAY_INTERFACE CGI/1.1;
        fastcgi_param SERVER_SOFTWARE nginx;
        fastcgi_param SERVER_PROTOCOL \\\$server_protocol;
        fastcgi_param SERVER_NAME 127.0.0.1;
        fastcgi_param SERVER_ADDR \\\$server_addr;
        fastcgi_param SERVER_PORT \\\$server_port;
        fastcgi_param REMOTE_ADDR \\\$remote_addr;
        fastcgi_param REMOTE_PORT \\\$remote_port;
        fastcgi_param REQUEST_SCHEME \\\$scheme;
        fastcgi_param REQUEST_METHOD \\\$request_method;
        fastcgi_param REQUEST_URI \\\$request_uri;
        fastcgi_param QUERY_STRING \\\$query_string;
        fastcgi_param CONTENT_TYPE \\\$content_type;
        fastcgi_param CONTENT_LENGTH \\\$content_length;
        fastcgi_param DOCUMENT_ROOT $4;
        fastcgi_param DOCUMENT_URI /index.php;
        fastcgi_param SCRIPT_NAME /index.php;
        fastcgi_param SCRIPT_FILENAME $4/index.php;
        fastcgi_param REQUEST_ID \\\$request_id;
        fastcgi_keep_conn on;
        fastcgi_pass $1;
    }
}
NGINX
}
apache_front() {  # apache_front <php-fpm TCP port> <docroot>
    cat <<CONF
<Proxy "fcgi://127.0.0.1:$1/" enablereuse=on max=$workers>
</Proxy>
<Location "/">
    SetHandler "proxy:fcgi://127.0.0.1:$1/"
</Location>
ProxyFCGISetEnvIf "true" SCRIPT_FILENAME "$2/index.php"
ProxyFCGISetEnvIf "true" SCRIPT_NAME "/index.php"
ProxyFCGISetEnvIf "true" !PATH_INFO
CONF
}
