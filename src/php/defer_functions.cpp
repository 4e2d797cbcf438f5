// defer(), defer_named(), defer_cancel(), finish_and_defer(), defer_status(), defer_run_pending(),
// defer_pool_status(), defer_on_failure(): argument handling only.
#include <new>
#include <string_view>

#include "defer/utf8.h"

#include "defer_connection.h"
#include "defer_describe.h"
#include "defer_failure.h"
#include "defer_finish.h"
#include "defer_hook.h"
#include "defer_pool.h"
#include "defer_request.h"
#include "defer_sigpipe.h"
#include "zend_closures.h"

namespace {

void throw_memory_limit_reached(void) {
    zend_throw_error(nullptr,
                     "%s(): Cannot queue another task: memory_limit of " ZEND_LONG_FMT
                     " bytes reached (the queue counts against it)",
                     get_active_function_name(), PG(memory_limit));
}

bool check_room(php_defer_request *request) {
    request->tasks.set_max_tasks(static_cast<std::size_t>(DEFER_G(ini.max_tasks)));
    if (request->tasks.full() && !request->phase_running) {
        // The tasks an earlier run_pending() ran make room (their counts stay).
        request->tasks.forget_settled([](php_defer_payload &payload) { php_defer_payload_free(&payload); });
    }
    if (request->tasks.full()) {
        zend_throw_error(nullptr,
                         "%s(): Cannot queue more than " ZEND_LONG_FMT " tasks in one request (defer.max_tasks)",
                         get_active_function_name(), DEFER_G(ini.max_tasks));
        return false;
    }
    std::size_t growth = request->tasks.growth_bytes(); // a new chunk every 16 tasks, else none
    if (growth != 0 && php_defer_over_memory_limit(growth)) {
        throw_memory_limit_reached();
        return false;
    }
    return true;
}

// A parameter taken by reference gets, when the task runs, a reference to the copy bound
// now: the caller never sees what the task does to it, so say so here, at the call, instead
// of PHP's "must be passed by reference, value given" at the run, located nowhere.
void mark_by_reference_arguments(php_defer_payload *payload) {
    zend_function *function = payload->fcc.function_handler;
    if (function == nullptr) {
        return; // resolved when the task runs (__call, __callStatic)
    }
    zval *args = php_defer_payload_args(payload);
    for (uint32_t i = 0; i < payload->argc; i++) {
        if (ARG_SHOULD_BE_SENT_BY_REF(function, i + 1) && !Z_ISREF(args[i])) {
            zend_string *name = php_defer_callable_name(&payload->callable, &payload->fcc);
            php_error_docref(nullptr, E_WARNING,
                             "Argument #%" PRIu32 " is bound to %s()'s by-reference parameter: the task changes a copy "
                             "made now, which the caller does not see",
                             i + 2, ZSTR_VAL(name));
            zend_string_release(name);
            // php-src's emalloc() size-class macros multiply in int
            ZVAL_MAKE_REF(&args[i]); // NOLINT(bugprone-implicit-widening-of-multiplication-result)
        }
    }
}

// A task name as defer_named() and defer_cancel() take it; false with a ValueError thrown.
bool check_task_name(const zend_string *name) {
    if (ZSTR_LEN(name) == 0) {
        zend_argument_value_error(1, "must not be empty");
        return false;
    }
    if (ZSTR_LEN(name) > defer::kMaxTaskNameLength) {
        zend_argument_value_error(1, "must be at most %zu bytes long", defer::kMaxTaskNameLength);
        return false;
    }
    if (zend_str_has_nul_byte(name)) {
        zend_argument_value_error(1, "must not contain any null bytes");
        return false;
    }
    if (!defer::utf8_valid(std::string_view(ZSTR_VAL(name), ZSTR_LEN(name)))) {
        // It shows in defer_status(), which must encode as JSON.
        zend_argument_value_error(1, "must be valid UTF-8");
        return false;
    }
    return true;
}

// A generator function's call only creates the generator: its body would never run, and the
// task would be recorded ok. Refused where it is deferred, as a bad argument. (Resolved only
// when the task runs, a __call() that is a generator cannot be seen here.)
bool refuse_generator_function(const zend_fcall_info_cache *fcc, uint32_t argument = 1) {
    if (fcc->function_handler == nullptr || !(fcc->function_handler->common.fn_flags & ZEND_ACC_GENERATOR)) {
        return false;
    }
    zend_argument_value_error(argument, "must not be a generator function (calling it would only create a generator, "
                                        "its body would not run)");
    return true;
}

// Where the function that queues the task was called from (a reference to the file's name):
// what zend_get_executed_filename_ex() and zend_get_executed_lineno() say, read directly from
// the calling frame when it is user code, as it nearly always is.
php_defer_call_site caller_site(void) {
    const zend_execute_data *frame = EG(current_execute_data);
    const zend_execute_data *caller = frame != nullptr ? frame->prev_execute_data : nullptr;
    if (frame != nullptr && frame->func != nullptr && frame->func->type == ZEND_INTERNAL_FUNCTION &&
        caller != nullptr && caller->func != nullptr && ZEND_USER_CODE(caller->func->type) &&
        caller->opline != nullptr && EG(exception) == nullptr) {
        return php_defer_call_site{zend_string_copy(caller->func->op_array.filename), caller->opline->lineno};
    }
    zend_string *file = zend_get_executed_filename_ex();
    return php_defer_call_site{file ? zend_string_copy(file) : nullptr, zend_get_executed_lineno()};
}

// What Z_PARAM_FUNC makes of a Closure (zend_is_callable_at_frame()'s object case, then
// zend_fcall_info_init()), without the general lookup: what is deferred is nearly always one.
// False for anything else, which Z_PARAM_FUNC resolves and checks.
bool closure_callable(zval *callable, zend_fcall_info *fci, zend_fcall_info_cache *fcc) {
    if (Z_TYPE_P(callable) != IS_OBJECT || Z_OBJCE_P(callable) != zend_ce_closure) {
        return false;
    }
    fcc->calling_scope = nullptr;
    fcc->called_scope = nullptr;
    fcc->function_handler = nullptr;
    fcc->object = nullptr;
    if (Z_OBJ_HANDLER_P(callable, get_closure)(Z_OBJ_P(callable), &fcc->calling_scope, &fcc->function_handler,
                                               &fcc->object, true) != SUCCESS) {
        return false;
    }
    fcc->called_scope = fcc->calling_scope;
    *fci = {};
    fci->size = sizeof(*fci);
    fci->object = fcc->object;
    ZVAL_COPY_VALUE(&fci->function_name, callable);
    return true;
}

// Takes a reference to everything the task needs; returns the id, or 0 with an Error thrown.
// A task of the same name still pending is replaced: cancelled, and its values released.
zend_long enqueue(php_defer_request *request, zend_fcall_info *fci, zend_fcall_info_cache *fcc, zval *args,
                  uint32_t argc, HashTable *named_args, const zend_string *name = nullptr) {
    php_defer_payload payload;
    ZVAL_COPY(&payload.callable, &fci->function_name);
    payload.fcc = *fcc;
    if (payload.fcc.function_handler &&
        (payload.fcc.function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE)) {
        // __call/__callStatic trampolines are temporary: resolve again when the task runs.
        zend_release_fcall_info_cache(fcc);
        payload.fcc.function_handler = nullptr;
    }
    if (payload.fcc.object) {
        GC_ADDREF(payload.fcc.object);
    }
    payload.argc = argc;
    payload.args = argc > php_defer_inline_args ? static_cast<zval *>(safe_emalloc(argc, sizeof(zval), 0)) : nullptr;
    zval *bound = php_defer_payload_args(&payload);
    for (uint32_t i = 0; i < argc; i++) {
        ZVAL_COPY_DEREF(&bound[i], &args[i]);
    }
    payload.named_args = named_args && zend_hash_num_elements(named_args) ? zend_array_dup(named_args) : nullptr;
    payload.name = nullptr;
    payload.shutdown_functions = nullptr;
    payload.deferred_at = caller_site();
    mark_by_reference_arguments(&payload);
    try {
        auto pushed = request->tasks.push_named(
            payload, name != nullptr ? std::string_view(ZSTR_VAL(name), ZSTR_LEN(name)) : std::string_view());
        php_defer_hook_schedule(request);
        if (pushed.replaced != 0) {
            // Last: a destructor run here may queue more tasks.
            php_defer_payload_release(&request->tasks.find(pushed.replaced)->payload);
        }
        return pushed.id;
    } catch (const std::bad_alloc &) {
        php_defer_payload_free(&payload); // the allocator's refusal: check_room() should have seen it
        throw_memory_limit_reached();
        return 0;
    }
}

// What defer(), defer_named() and finish_and_defer() do with a checked callable: queue it (and, for test suites,
// run it at once); returns the id, or 0 with an Error thrown. Inlined: each defer() pays a call
// frame otherwise (30 instructions, figure 1).
zend_always_inline zend_long queue_task(zend_fcall_info *fci, zend_fcall_info_cache *fcc, zval *args, uint32_t argc,
                                        HashTable *named_args, const zend_string *name = nullptr) {
    php_defer_request *request = php_defer_request_get();
    if (request == nullptr || !check_room(request)) {
        return 0;
    }
    zend_long id = enqueue(request, fci, fcc, args, argc, named_args, name);
    if (id != 0 && DEFER_G(ini.run_immediately) && !request->phase_running) {
        // defer.run_immediately: the task has run, with its record, when defer() returns.
        // Inside a task it is queued as usual, after the tasks queued before it.
        php_defer_run_pending(request);
    }
    return id;
}

} // namespace

// Declared with C linkage by the generated arginfo header.
BEGIN_EXTERN_C()

PHP_FUNCTION(defer) {
    zend_fcall_info fci;
    zend_fcall_info_cache fcc;
    zval *args = nullptr;
    uint32_t argc = 0;
    HashTable *named_args = nullptr;
    zval *callable = nullptr;

    ZEND_PARSE_PARAMETERS_START(1, -1)
        Z_PARAM_ZVAL(callable)
        Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named_args)
    ZEND_PARSE_PARAMETERS_END();
    if (!closure_callable(callable, &fci, &fcc)) {
        // Parsed again, as a callable: the same checks, errors and deprecations as any function's.
        ZEND_PARSE_PARAMETERS_START(1, -1)
            Z_PARAM_FUNC(fci, fcc)
            Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named_args)
        ZEND_PARSE_PARAMETERS_END();
    }

    if (refuse_generator_function(&fcc)) {
        RETURN_THROWS();
    }
    zend_long id = queue_task(&fci, &fcc, args, argc, named_args);
    if (id == 0) {
        RETURN_THROWS();
    }
    RETURN_LONG(id);
}

PHP_FUNCTION(defer_named) {
    zend_string *name;
    zend_fcall_info fci;
    zend_fcall_info_cache fcc;
    zval *args = nullptr;
    uint32_t argc = 0;
    HashTable *named_args = nullptr;
    zval *callable = nullptr;

    ZEND_PARSE_PARAMETERS_START(2, -1)
        Z_PARAM_STR(name)
        Z_PARAM_ZVAL(callable)
        Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named_args)
    ZEND_PARSE_PARAMETERS_END();
    if (!closure_callable(callable, &fci, &fcc)) {
        ZEND_PARSE_PARAMETERS_START(2, -1) // as defer() does
            Z_PARAM_STR(name)
            Z_PARAM_FUNC(fci, fcc)
            Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named_args)
        ZEND_PARSE_PARAMETERS_END();
    }

    if (!check_task_name(name) || refuse_generator_function(&fcc, 2)) {
        RETURN_THROWS();
    }
    zend_long id = queue_task(&fci, &fcc, args, argc, named_args, name);
    if (id == 0) {
        RETURN_THROWS();
    }
    RETURN_LONG(id);
}

PHP_FUNCTION(defer_run_pending) {
    ZEND_PARSE_PARAMETERS_NONE();

    php_defer_request *request = DEFER_G(request);
    if (request == nullptr) {
        RETURN_LONG(0);
    }
    if (php_defer_timer_task_suspended(&request->stop)) {
        zend_throw_error(nullptr,
                         "%s(): Cannot run the pending tasks while a deferred task has suspended the Fiber "
                         "running them; they run once that Fiber is resumed",
                         get_active_function_name());
        RETURN_THROWS();
    }
    if (request->phase_running) {
        zend_throw_error(nullptr, "%s(): Cannot run the pending tasks from inside a deferred task",
                         get_active_function_name());
        RETURN_THROWS();
    }
    size_t ran = php_defer_run_pending(request);
    if (EG(exception)) {
        RETURN_THROWS(); // a forked child's exit
    }
    RETURN_LONG(static_cast<zend_long>(ran));
}

PHP_FUNCTION(defer_cancel) {
    zend_string *name = nullptr;
    zend_long id = 0;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR_OR_LONG(name, id)
    ZEND_PARSE_PARAMETERS_END();

    if (name != nullptr ? !check_task_name(name) : id < 1) {
        if (name == nullptr) {
            zend_argument_value_error(1, "must be greater than 0");
        }
        RETURN_THROWS();
    }
    php_defer_request *request = DEFER_G(request);
    if (request == nullptr) {
        RETURN_FALSE;
    }
    if (name != nullptr) {
        id = request->tasks.cancel_named(std::string_view(ZSTR_VAL(name), ZSTR_LEN(name)));
        if (id == 0) {
            RETURN_FALSE;
        }
    } else if (!request->tasks.cancel(id)) {
        RETURN_FALSE;
    }
    // What the task held goes now, not at the end of the request.
    php_defer_payload_release(&request->tasks.find(id)->payload);
    RETURN_TRUE;
}

PHP_FUNCTION(finish_and_defer) {
    zend_fcall_info fci = empty_fcall_info;
    zend_fcall_info_cache fcc = empty_fcall_info_cache;
    zval *args = nullptr;
    uint32_t argc = 0;
    HashTable *named_args = nullptr;

    ZEND_PARSE_PARAMETERS_START(0, -1)
        Z_PARAM_OPTIONAL
        Z_PARAM_FUNC_OR_NULL(fci, fcc)
        Z_PARAM_VARIADIC_WITH_NAMED(args, argc, named_args)
    ZEND_PARSE_PARAMETERS_END();

    bool has_callback = ZEND_FCI_INITIALIZED(fci);
    if (!has_callback && (argc > 0 || (named_args && zend_hash_num_elements(named_args)))) {
        zend_argument_value_error(1, "must be a valid callback when arguments are given");
        RETURN_THROWS();
    }
    if (has_callback && refuse_generator_function(&fcc)) {
        RETURN_THROWS();
    }
    php_defer_request *request = php_defer_request_get();
    if (request == nullptr || (has_callback && !check_room(request))) {
        RETURN_THROWS();
    }
    // Without a client, or once the response is finished, there is nothing to finish: only
    // queue (a test runner's output buffers and the session are left alone).
    bool finished_now = false;
    if (php_defer_finish_would_act(request)) {
        finished_now = php_defer_finish_response(request);
        if (EG(exception)) {
            RETURN_THROWS(); // an output handler threw while the buffers were flushed
        }
    }
    // Queued as defer() does, after the response was finished (room checked again: no cost).
    if (has_callback && queue_task(&fci, &fcc, args, argc, named_args) == 0) {
        RETURN_THROWS();
    }
    RETURN_BOOL(finished_now);
}

PHP_FUNCTION(defer_status) {
    ZEND_PARSE_PARAMETERS_NONE();

    php_defer_request *request = DEFER_G(request);
    defer::TaskCounts counts = request ? request->tasks.counts() : defer::TaskCounts();
    const defer::RequestRecord record = request ? request->record : defer::RequestRecord();

    array_init(return_value);
    add_assoc_bool(return_value, "finished", record.finished);
    add_assoc_string(return_value, "finish_method", defer::finish_method_name(record.finish_method));
    add_assoc_bool(return_value, "client_aborted", record.client_aborted);
    add_assoc_bool(return_value, "connection_closed", php_defer_connection_closed());
    add_assoc_long(return_value, "connection_status", PG(connection_status));
    add_assoc_long(return_value, "connection_status_at_finish", record.connection_status_at_finish);
    add_assoc_long(return_value, "sigpipe", static_cast<zend_long>(php_defer_sigpipe_this_request()));
    add_assoc_long(return_value, "queued", static_cast<zend_long>(counts.queued));
    add_assoc_long(return_value, "ran", static_cast<zend_long>(counts.ran));
    add_assoc_long(return_value, "failed", static_cast<zend_long>(counts.failed));
    add_assoc_long(return_value, "skipped", static_cast<zend_long>(counts.skipped));
    add_assoc_long(return_value, "cancelled", static_cast<zend_long>(counts.cancelled));
    add_assoc_double(return_value, "elapsed", record.phase.elapsed());

    zval tasks;
    array_init_size(&tasks, static_cast<uint32_t>(counts.queued));
    if (request) {
        for (auto &task : request->tasks) {
            zval entry;
            php_defer_task_record(&entry, &task);
            add_next_index_zval(&tasks, &entry);
        }
    }
    add_assoc_zval(return_value, "tasks", &tasks);
}

PHP_FUNCTION(defer_on_failure) {
    zend_fcall_info fci = empty_fcall_info;
    zend_fcall_info_cache fcc = empty_fcall_info_cache;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_FUNC_OR_NULL(fci, fcc)
    ZEND_PARSE_PARAMETERS_END();

    php_defer_request *request = DEFER_G(request);
    if (request == nullptr && !ZEND_FCI_INITIALIZED(fci)) {
        RETURN_NULL(); // nothing set, nothing to remove
    }
    if (request == nullptr && (request = php_defer_request_get()) == nullptr) {
        RETURN_THROWS();
    }
    php_defer_failure_handler_set(&request->on_failure, ZEND_FCI_INITIALIZED(fci) ? &fci.function_name : nullptr, &fcc,
                                  return_value);
}

PHP_FUNCTION(defer_pool_status) {
    ZEND_PARSE_PARAMETERS_NONE();

    php_defer_pool_status(return_value);
}

END_EXTERN_C()
