// Where a request's task failures go besides the log: the application's handler, set with
// defer_on_failure() and called with the task's record and its Throwable.
#ifndef DEFER_FAILURE_H
#define DEFER_FAILURE_H

#include "defer_request.h"

// Sets (callable non-NULL) or removes the handler; the previous one, or null, goes to `previous`.
void php_defer_failure_handler_set(php_defer_failure_handler *handler, zval *callable, zend_fcall_info_cache *fcc,
                                   zval *previous);

// A copy that stays valid whatever the handler is set to meanwhile (add a reference / release
// it; a destructor the release runs that throws or fails stops nothing).
void php_defer_failure_handler_copy(php_defer_failure_handler *to, const php_defer_failure_handler *from);
void php_defer_failure_handler_release(php_defer_failure_handler *handler);

// True when a task that settled in `state` (exit() with `exit_status`) is reported.
bool php_defer_failure_is_reported(defer::TaskState state, int exit_status);

// Calls `handler` (if any) for the settled task `id` with `exception` (a reference it takes
// over, or NULL), in the sandbox under the phase's limits; its own failure is only logged.
// Must run inside an internal function's frame, as a task does.
void php_defer_failure_report(php_defer_request *request, const php_defer_failure_handler *handler, defer::TaskId id,
                              zend_object *exception);

#endif
