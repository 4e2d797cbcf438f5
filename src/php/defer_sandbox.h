// Calls user code from the extension without letting it disturb the caller: an
// exception, exit() or fatal error is caught and described, and the engine's
// exception and error state is the same afterwards as before, as are the error and
// exception handlers, the output buffers, the shutdown function list and the signal mask.
#ifndef DEFER_SANDBOX_H
#define DEFER_SANDBOX_H

#include "php.h"
BEGIN_EXTERN_C()
#include "ext/standard/basic_functions.h"
END_EXTERN_C()

typedef enum {
    PHP_DEFER_CALL_OK,
    PHP_DEFER_CALL_EXCEPTION,
    PHP_DEFER_CALL_EXIT,
    PHP_DEFER_CALL_FATAL,
    PHP_DEFER_CALL_REFUSED, /* never started: the engine runs no more code (e.g. after memory exhaustion) */
} php_defer_call_outcome;

typedef struct {
    php_defer_call_outcome outcome;
    zend_string *error; /* owned by the caller; NULL when the call returned normally */
    int exit_status;    /* what exit() gave, for PHP_DEFER_CALL_EXIT (EG(exit_status) is put back) */
    /* The Throwable, for PHP_DEFER_CALL_EXCEPTION: a reference the caller of
     * php_defer_sandbox_call_then()/_task() owns (php_defer_sandbox_call() releases it); else NULL. */
    zend_object *exception;
    HashTable *shutdown_functions; /* a task's: what it registered with register_shutdown_function(),
                                    * owned by the caller (php_defer_shutdown_functions_free()); or NULL */
} php_defer_call_result;

/* A place in the application's code (file NULL when unknown). */
typedef struct {
    zend_string *file;
    uint32_t line;
} php_defer_call_site;

/* MINIT, before php_defer_observe_startup(): watches what a call may change that only a
 * system call could read back (the signal mask). */
void php_defer_sandbox_startup(void);

/* Calls fci/fcc (fcc->function_handler may be NULL: resolved from fci). Must run inside
 * an internal function's frame, so that a throw comes back as EG(exception). If
 * fci->retval is set the caller owns the return value (UNDEF after a failure). */
void php_defer_sandbox_call(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result);

/* The same, then `release(context)` inside the same sandbox (and so within the caller's time
 * limit): the destructors of what the call held are the call's code too. */
void php_defer_sandbox_call_then(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result,
                                 void (*release)(void *context), void *context);

/* The same for a deferred task: an error raised before its code runs (an internal function's
 * argument check) has no file of its own and is located at `site`, where it was deferred. */
void php_defer_sandbox_call_task(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result,
                                 void (*release)(void *context), void *context, const php_defer_call_site *site);

/* Releases result->exception (its destructor may throw or fail: nothing escapes). */
void php_defer_sandbox_release_exception(php_defer_call_result *result);

/* One entry of a task's shutdown functions, as a task: in the same sandbox, what it registers
 * in turn is in result->shutdown_functions. */
void php_defer_sandbox_call_shutdown_function(php_shutdown_function_entry *entry, php_defer_call_result *result,
                                              const php_defer_call_site *site);

/* Why the engine refuses to run PHP code (after PHP_DEFER_CALL_REFUSED). */
const char *php_defer_sandbox_refusal_reason(void);

/* Calls a named global function without arguments (e.g. session_write_close); returns
 * false if it does not exist. retval may be NULL; if given, the caller owns it. */
bool php_defer_sandbox_call_function(const char *name, size_t name_len, zval *retval, php_defer_call_result *result);

#endif
