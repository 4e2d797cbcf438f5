// Sending the response before the deferred work: close the session, flush every
// output buffer, send the headers, finish through the SAPI, then keep the rest of
// the request from writing to (or being killed by) the finished connection.
#ifndef DEFER_FINISH_H
#define DEFER_FINISH_H

#include "defer_request.h"

/* Finishes the response once per request. Returns true when this call finished the
 * client's response; false when it was finished before or there is no client. */
bool php_defer_finish_response(php_defer_request *request);

/* Whether finishing now would do anything: false without a client (CLI), when the response
 * cannot be finished any more, or when it was finished already (by us or the application).
 * finish_and_defer() then only queues: buffers, session and ignore_user_abort stay as they are. */
bool php_defer_finish_would_act(php_defer_request *request);

/* Module start/stop: the connection_close method needs to see the final output. */
void php_defer_finish_startup(void);
void php_defer_finish_shutdown(void);

#endif
