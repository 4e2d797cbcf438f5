// No C++ object with a destructor may live in a function that uses zend_try:
// a bailout longjmps over it. Everything here is plain C data.
#include "defer_sandbox.h"

#include <csignal>
#include <pthread.h>

#include "defer_compat.h"
#include "defer_observe.h"
#include "main/php_output.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

namespace {

struct error_state {
    int type;
    int lineno;
    zend_string *message;
    zend_string *file;
    int error_reporting;
    int exit_status;
    zend_error_handling handling;
};

void error_state_backup(error_state *state) {
    state->type = PG(last_error_type);
    state->lineno = PG(last_error_lineno);
    state->message = PG(last_error_message);
    state->file = PG(last_error_file);
    PG(last_error_type) = 0;
    PG(last_error_lineno) = 0;
    PG(last_error_message) = nullptr;
    PG(last_error_file) = nullptr;
    state->error_reporting = EG(error_reporting);
    state->exit_status = EG(exit_status);
    zend_replace_error_handling(EH_NORMAL, nullptr, &state->handling);
}

void error_state_restore(error_state *state) {
    if (PG(last_error_message)) {
        zend_string_release(PG(last_error_message));
    }
    if (PG(last_error_file)) {
        zend_string_release(PG(last_error_file));
    }
    PG(last_error_type) = state->type;
    PG(last_error_lineno) = state->lineno;
    PG(last_error_message) = state->message;
    PG(last_error_file) = state->file;
    EG(error_reporting) = state->error_reporting;
    EG(exit_status) = state->exit_status;
    zend_restore_error_handling(&state->handling);
}

// What a call may leave behind for the code after it: the error and exception handlers
// (set_error_handler() and friends push onto stacks) and output buffers it opened.
struct handler_state {
    zval error_handler;
    int error_reporting_of_handler;
    int error_handlers;
    zval exception_handler;
    int exception_handlers;
    int output_level;
    bool restored; // once: a fatal error in a released handler's destructor lands in zend_catch
};

void handler_state_backup(handler_state *state) {
    ZVAL_COPY(&state->error_handler, &EG(user_error_handler));
    state->error_reporting_of_handler = EG(user_error_handler_error_reporting);
    state->error_handlers = zend_stack_count(&EG(user_error_handlers));
    ZVAL_COPY(&state->exception_handler, &EG(user_exception_handler));
    state->exception_handlers = zend_stack_count(&EG(user_exception_handlers));
    state->output_level = php_output_get_level();
    state->restored = false;
}

// Closes, through their handlers, the buffers the call opened: their output goes where the
// call's went, and what a handler does (throw, exit, a fatal error, overrunning its time) is
// the call's outcome. A buffer that refuses to close (not removable) stays.
void close_opened_buffers(const handler_state *state) {
    while (php_output_get_level() > state->output_level) {
        int level = php_output_get_level();
        php_output_end();
        if (php_output_get_level() >= level || EG(exception)) {
            break;
        }
    }
}

void pop_zval_stack(zend_stack *stack, int depth) {
    while (zend_stack_count(stack) > depth) {
        auto *top = static_cast<zval *>(zend_stack_top(stack));
        zval_ptr_dtor(top);
        zend_stack_del_top(stack);
    }
}

// The handlers the call started with, back in place; what it set is released.
void handler_state_restore(handler_state *state) {
    if (state->restored) {
        return;
    }
    state->restored = true;
    zval set_by_call;
    ZVAL_COPY_VALUE(&set_by_call, &EG(user_error_handler));
    ZVAL_COPY_VALUE(&EG(user_error_handler), &state->error_handler);
    EG(user_error_handler_error_reporting) = state->error_reporting_of_handler;
    zval_ptr_dtor(&set_by_call);
    pop_zval_stack(&EG(user_error_handlers), state->error_handlers);
    while (zend_stack_count(&EG(user_error_handlers_error_reporting)) > state->error_handlers) {
        zend_stack_del_top(&EG(user_error_handlers_error_reporting));
    }
    ZVAL_COPY_VALUE(&set_by_call, &EG(user_exception_handler));
    ZVAL_COPY_VALUE(&EG(user_exception_handler), &state->exception_handler);
    zval_ptr_dtor(&set_by_call);
    pop_zval_stack(&EG(user_exception_handlers), state->exception_handlers);
}

// The signal mask: a call that blocks signals with pcntl_sigprocmask() and returns would leave
// them blocked for every later task (whose limit's signal would no longer cut a sleep short)
// and, under php-fpm, for the worker's later requests. The mask is put back when the call
// ends, as it was before its first pcntl_sigprocmask(): saved only then (reading it is a
// system call, which a call that never touches it does not pay).
struct signal_mask_state {
    bool saved;
    sigset_t before;
};
signal_mask_state *current_mask_state = nullptr; // the innermost call's

void save_signal_mask_before_change(void) {
    signal_mask_state *state = current_mask_state;
    if (state != nullptr && !state->saved) {
        state->saved = pthread_sigmask(SIG_SETMASK, nullptr, &state->before) == 0;
    }
}

void signal_mask_restore(signal_mask_state *state) {
    if (state->saved) {
        pthread_sigmask(SIG_SETMASK, &state->before, nullptr);
        state->saved = false;
    }
}

// Set while a task is called: where to locate an exception that has no file of its own.
const php_defer_call_site *current_site = nullptr;

bool has_no_file(const zend_string *file) {
    return file == nullptr || ZSTR_LEN(file) == 0 || zend_string_equals_literal(file, "[no active file]");
}

// "RuntimeException: boom in /app/x.php:12", read from properties: no user code runs.
zend_string *describe_exception(zend_object *exception) {
    zend_class_entry *base = zend_get_exception_base(exception);
    zval rv_message, rv_file, rv_line;
    zval *message = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv_message);
    zval *file = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_FILE), 1, &rv_file);
    zval *line = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_LINE), 1, &rv_line);
    zend_string *message_str = zval_try_get_string_func(message);
    zend_string *file_str = zval_try_get_string_func(file);
    zend_string *description;
    if (has_no_file(file_str) && current_site != nullptr && current_site->file != nullptr) {
        description =
            zend_strpprintf(0, "%s: %s, for the task deferred in %s:%" PRIu32, ZSTR_VAL(exception->ce->name),
                            message_str ? ZSTR_VAL(message_str) : "", ZSTR_VAL(current_site->file), current_site->line);
    } else {
        description = zend_strpprintf(0, "%s: %s in %s:" ZEND_LONG_FMT, ZSTR_VAL(exception->ce->name),
                                      message_str ? ZSTR_VAL(message_str) : "",
                                      file_str ? ZSTR_VAL(file_str) : "unknown", zval_get_long(line));
    }
    if (message_str) {
        zend_string_release(message_str);
    }
    if (file_str) {
        zend_string_release(file_str);
    }
    if (EG(exception) && EG(exception) != exception) {
        zend_clear_exception(); // a __toString that threw while describing
    }
    return description;
}

zend_string *describe_fatal(void) {
    if (!PG(last_error_message)) {
        return zend_string_init(ZEND_STRL("fatal error"), 0);
    }
    return zend_strpprintf(0, "%s in %s:%" PRIu32, ZSTR_VAL(PG(last_error_message)),
                           PG(last_error_file) ? ZSTR_VAL(PG(last_error_file)) : "unknown", PG(last_error_lineno));
}

bool fatal_error_raised(void) {
    return PG(last_error_message) &&
           (PG(last_error_type) & (E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_RECOVERABLE_ERROR));
}

// Turns a pending exception (or exit()) into a result and clears it.
void settle_exception(php_defer_call_result *result) {
    zend_object *exception = EG(exception);
    if (zend_is_unwind_exit(exception) && fatal_error_raised()) {
        // Some builds unwind the stack after memory exhaustion instead of bailing out.
        result->outcome = PHP_DEFER_CALL_FATAL;
        result->error = describe_fatal();
    } else if (zend_is_unwind_exit(exception) || zend_is_graceful_exit(exception)) {
        result->outcome = PHP_DEFER_CALL_EXIT;
        result->exit_status = EG(exit_status);
        result->error = zend_strpprintf(0, "exit(%d) called", EG(exit_status));
    } else {
        result->outcome = PHP_DEFER_CALL_EXCEPTION;
        GC_ADDREF(exception);
        zend_clear_exception();
        result->error = describe_exception(exception);
        result->exception = exception; // the reference taken above
    }
    if (EG(exception)) {
        zend_clear_exception();
    }
}

// An exception raised after the call's own outcome was settled (a destructor, a buffer's
// handler): the call's outcome if it had none, else dropped.
void settle_late_exception(php_defer_call_result *result) {
    if (EG(exception)) {
        if (result->outcome == PHP_DEFER_CALL_OK) {
            settle_exception(result);
        } else {
            zend_clear_exception();
        }
    }
}

} // namespace

void php_defer_sandbox_startup(void) {
    php_defer_observe(ZEND_STRL("pcntl_sigprocmask"), php_defer_around{save_signal_mask_before_change, nullptr});
}

void php_defer_sandbox_call(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result) {
    php_defer_sandbox_call_then(fci, fcc, result, nullptr, nullptr);
    if (result->exception != nullptr) {
        php_defer_sandbox_release_exception(result);
    }
}

// zend_try below: plain C data only. An exception's destructor is user code.
void php_defer_sandbox_release_exception(php_defer_call_result *result) {
    zend_object *exception = result->exception;
    result->exception = nullptr;
    if (exception == nullptr) {
        return;
    }
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        OBJ_RELEASE(exception);
    } zend_end_try();
    // clang-format on
    if (EG(exception)) {
        zend_clear_exception();
    }
}

void php_defer_sandbox_call_then(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result,
                                 void (*release)(void *context), void *context) {
    error_state saved;
    handler_state handlers;
    php_defer_exception_state saved_exception;
    zend_execute_data *frame = EG(current_execute_data);
    zval local_retval;
    bool caller_owns_retval = fci->retval != nullptr;
    volatile bool bailed_out = false;
    volatile bool refused = false;
    signal_mask_state mask;
    mask.saved = false; // `before` is written only when saved: not zeroed for every call
    signal_mask_state *outer_mask = current_mask_state;
    current_mask_state = &mask;

    php_defer_exception_state_take(&saved_exception);
    error_state_backup(&saved);
    handler_state_backup(&handlers);
    result->outcome = PHP_DEFER_CALL_OK;
    result->error = nullptr;
    result->exit_status = 0;
    result->exception = nullptr;
    result->shutdown_functions = nullptr;

    if (!caller_owns_retval) {
        fci->retval = &local_retval;
    }
    ZVAL_UNDEF(fci->retval);
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        refused = zend_call_function(fci, fcc) == FAILURE && !EG(exception);
        if (!caller_owns_retval) {
            // The return value's destructor is the task's code too: release it in here.
            zval_ptr_dtor(&local_retval);
            ZVAL_UNDEF(&local_retval);
        }
        if (EG(exception) && !refused) {
            settle_exception(result);
        }
        if (release != nullptr) {
            release(context);
            settle_late_exception(result);
        }
        if (!refused) {
            close_opened_buffers(&handlers);
            settle_late_exception(result); // a buffer's handler threw or called exit()
        }
        handler_state_restore(&handlers);
    } zend_catch {
        bailed_out = true;
    } zend_end_try();
    // clang-format on

    if (bailed_out) {
        // A fatal error longjmp'd here from somewhere inside the call, or from a
        // destructor of what it returned or threw, or from a buffer's handler.
        EG(current_execute_data) = frame;
        handler_state_restore(&handlers);
        result->outcome = PHP_DEFER_CALL_FATAL;
        if (result->error) {
            zend_string_release(result->error);
        }
        result->error = describe_fatal();
        if (EG(exception)) {
            zend_clear_exception();
        }
    } else if (refused) {
        // The engine would not call it: inactive, or still unwinding a fatal error.
        result->outcome = PHP_DEFER_CALL_REFUSED;
        result->error = zend_strpprintf(0, "the engine refused to call it: %s", php_defer_sandbox_refusal_reason());
    }

    signal_mask_restore(&mask);
    current_mask_state = outer_mask;

    error_state_restore(&saved);
    php_defer_exception_state_put_back(&saved_exception);
}

const char *php_defer_sandbox_refusal_reason(void) {
    if (php_defer_engine_out_of_memory()) {
        return "memory was exhausted earlier in this request, and this PHP refuses every call after that";
    }
    return "it is inactive or still unwinding an earlier fatal error";
}

void php_defer_sandbox_call_task(zend_fcall_info *fci, zend_fcall_info_cache *fcc, php_defer_call_result *result,
                                 void (*release)(void *context), void *context, const php_defer_call_site *site) {
    const php_defer_call_site *outer = current_site;
    current_site = site;
    // The application's shutdown list is out of the way while the task runs: what the task
    // registers goes to a list of its own, handed to the caller, which runs it within limits.
    HashTable *application_shutdown_functions = BG(user_shutdown_function_names);
    BG(user_shutdown_function_names) = nullptr;
    php_defer_sandbox_call_then(fci, fcc, result, release, context);
    result->shutdown_functions = BG(user_shutdown_function_names);
    BG(user_shutdown_function_names) = application_shutdown_functions;
    current_site = outer;
}

void php_defer_sandbox_call_shutdown_function(php_shutdown_function_entry *entry, php_defer_call_result *result,
                                              const php_defer_call_site *site) {
    zend_fcall_info fci;
    zend_fcall_info_cache fcc;
    php_defer_shutdown_entry_fcall(entry, &fci, &fcc);
    php_defer_sandbox_call_task(&fci, &fcc, result, nullptr, nullptr, site);
}

bool php_defer_sandbox_call_function(const char *name, size_t name_len, zval *retval, php_defer_call_result *result) {
    zend_function *function = static_cast<zend_function *>(zend_hash_str_find_ptr(CG(function_table), name, name_len));
    if (!function) {
        return false;
    }
    zend_fcall_info fci = {};
    zend_fcall_info_cache fcc = {};
    fci.size = sizeof(fci);
    fci.retval = retval;
    ZVAL_UNDEF(&fci.function_name);
    fcc.function_handler = function;
    php_defer_sandbox_call(&fci, &fcc, result);
    return true;
}
