#include "defer_failure.h"

#include "defer/ini_values.h"
#include "defer_describe.h"
#include "defer_sandbox.h"
#include "defer_timer.h"
#include "zend_exceptions.h"

namespace {

// A handler reports the failure of a task the budget stopped: it gets at least this long.
constexpr double handler_floor_seconds = 1.0;

struct handler_call {
    zval args[2]; // the task's record, its Throwable or null
};

// Inside the handler's sandbox and time limit: the record and the Throwable may hold values
// whose destructors are user code.
void release_args(void *context) {
    auto *call = static_cast<handler_call *>(context);
    zval_ptr_dtor(&call->args[0]);
    ZVAL_UNDEF(&call->args[0]);
    zval_ptr_dtor(&call->args[1]);
    ZVAL_UNDEF(&call->args[1]);
}

// zend_try below: plain C data only. After a bailout the arguments may still be held.
void release_args_guarded(handler_call *call) {
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        release_args(call);
    } zend_end_try();
    // clang-format on
    if (EG(exception)) {
        zend_clear_exception();
    }
}

} // namespace

void php_defer_failure_handler_copy(php_defer_failure_handler *to, const php_defer_failure_handler *from) {
    ZVAL_COPY(&to->callable, &from->callable);
    to->fcc = from->fcc;
}

// zend_try below: plain C data only. The last reference to a closure may run the
// destructors of what it captured: one that throws or fails stops nothing.
void php_defer_failure_handler_release(php_defer_failure_handler *handler) {
    zval callable;
    ZVAL_COPY_VALUE(&callable, &handler->callable);
    ZVAL_UNDEF(&handler->callable);
    handler->fcc = empty_fcall_info_cache;
    if (!Z_REFCOUNTED(callable)) {
        return;
    }
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        zval_ptr_dtor(&callable);
    } zend_end_try();
    // clang-format on
    if (EG(exception)) {
        zend_clear_exception();
    }
}

void php_defer_failure_handler_set(php_defer_failure_handler *handler, zval *callable, zend_fcall_info_cache *fcc,
                                   zval *previous) {
    if (Z_TYPE(handler->callable) == IS_UNDEF) {
        ZVAL_NULL(previous);
    } else {
        ZVAL_COPY(previous, &handler->callable);
    }
    php_defer_failure_handler_release(handler);
    if (callable == nullptr) {
        return;
    }
    ZVAL_COPY(&handler->callable, callable);
    handler->fcc = *fcc;
    if (handler->fcc.function_handler &&
        (handler->fcc.function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE)) {
        // __call/__callStatic trampolines are temporary: resolve again when it is called.
        zend_release_fcall_info_cache(fcc);
        handler->fcc.function_handler = nullptr;
    }
}

bool php_defer_failure_is_reported(defer::TaskState state, int exit_status) {
    if (state == defer::TaskState::exit) {
        return exit_status != 0; // exit(0) is a task ending early, as a script's would
    }
    return defer::task_state_is_failure(state);
}

void php_defer_failure_report(php_defer_request *request, const php_defer_failure_handler *handler, defer::TaskId id,
                              zend_object *exception) {
    php_defer_call_result unused = {};
    unused.exception = exception;
    php_defer_task *task = request->tasks.find(id);
    if (Z_TYPE(handler->callable) == IS_UNDEF || task == nullptr) {
        php_defer_sandbox_release_exception(&unused);
        return;
    }
    handler_call call;
    php_defer_task_record(&call.args[0], task);
    if (exception != nullptr) {
        ZVAL_OBJ(&call.args[1], exception); // the reference handed over
    } else {
        ZVAL_NULL(&call.args[1]);
    }

    zend_fcall_info fci = {};
    fci.size = sizeof(fci);
    ZVAL_COPY_VALUE(&fci.function_name, &handler->callable);
    fci.params = call.args;
    fci.param_count = 2;
    fci.object = handler->fcc.object;
    zend_fcall_info_cache fcc = handler->fcc;

    if (EG(timeout_seconds) > 0) {
        zend_set_timeout(EG(timeout_seconds), 0);
    }
    defer::Clock::time_point started = defer::Clock::now();
    php_defer_timer_arm(&request->stop, request->budget.deadline_for_handler(started, handler_floor_seconds));
    php_defer_call_result result;
    php_defer_sandbox_call_then(&fci, &fcc, &result, release_args, &call);
    bool stopped = php_defer_timer_disarm(&request->stop);
    php_defer_sandbox_release_exception(&result);
    double duration = defer::seconds_between(started, defer::Clock::now());
    if (Z_TYPE(call.args[0]) != IS_UNDEF || Z_TYPE(call.args[1]) != IS_UNDEF) {
        release_args_guarded(&call); // a fatal error cut the sandbox short before it released them
    }
    if (DEFER_G(ini.log) == static_cast<zend_long>(defer::LogLevel::off)) {
        if (result.error) {
            zend_string_release(result.error);
        }
        return;
    }
    if (stopped && result.outcome != PHP_DEFER_CALL_OK) {
        defer::Limit limit = request->stop.deadline.limit;
        php_defer_log("failure handler for task #" ZEND_LONG_FMT " stopped after %.3f s: %s reached",
                      static_cast<zend_long>(id), duration, defer::limit_name(limit));
    } else if (result.error) {
        php_defer_log("failure handler for task #" ZEND_LONG_FMT " failed: %s", static_cast<zend_long>(id),
                      ZSTR_VAL(result.error));
    }
    if (result.error) {
        zend_string_release(result.error);
    }
}
