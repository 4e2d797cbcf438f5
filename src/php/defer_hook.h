// The after-response hook: an internal function on the request's shutdown list that
// keeps itself last, then finishes the response and runs the tasks; and the fallback
// in RSHUTDOWN for when exit() or a fatal error cut that list short.
#ifndef DEFER_HOOK_H
#define DEFER_HOOK_H

#include "defer_request.h"

void php_defer_hook_startup(void);

/* Makes sure a run of the deferred phase is scheduled for the queued tasks. */
void php_defer_hook_schedule(php_defer_request *request);

/* Defer\run_pending(): runs every pending task now, as a deferred phase of its own (fresh
 * budget, same limits, sandbox and records), without finishing the response. Returns how
 * many ran. Not from inside a task (the caller checks request->phase_running). */
size_t php_defer_run_pending(php_defer_request *request);

/* RSHUTDOWN: runs what the shutdown list did not, or reports it skipped. */
void php_defer_hook_fallback(php_defer_request *request);

#endif
