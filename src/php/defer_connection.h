// The web server's connection to this worker, when the response is finished early but the
// worker stays busy: a kept-alive FastCGI connection (nginx `fastcgi_keep_conn on`, Apache
// `enablereuse=on`) would bring the server's next request to this busy worker, which
// answers it only after the deferred work (php-src issue 10335).
#ifndef DEFER_CONNECTION_H
#define DEFER_CONNECTION_H

#include "php.h"

/* On php-fpm, with everything but FCGI_END_REQUEST already written: ends the request on a
 * kept-alive connection and closes that connection, so that the web server sends its next
 * request elsewhere; php-fpm's own finish then writes into nothing and its next accept()
 * takes a new connection. Does nothing (returns false) when the connection is not kept
 * alive, on other SAPIs, or when php-fpm's request does not look as expected (then it logs
 * once per process why, and the connection stays kept alive as without the extension). */
bool php_defer_connection_close_kept_alive(void);

/* Whether this request's kept-alive connection was closed (by the extension's finish or
 * at the application's own). */
bool php_defer_connection_closed(void);

/* At the end of the request: closes the connection held since then. */
void php_defer_connection_request_end(void);

#endif
