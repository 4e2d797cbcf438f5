// Sending the response before the deferred work: close the session, flush every
// output buffer, send the headers, finish through the SAPI, then keep the rest of
// the request from writing to (or being killed by) the finished connection.
#ifndef DEFER_FINISH_H
#define DEFER_FINISH_H

#include "defer_request.h"

/* Finishes the response once per request. Returns true when this call finished the
 * client's response; false when it was finished before or there is no client. */
bool php_defer_finish_response(php_defer_request *request);

/* Module start/stop: the connection_close method needs to see the final output. */
void php_defer_finish_startup(void);
void php_defer_finish_shutdown(void);

#endif
