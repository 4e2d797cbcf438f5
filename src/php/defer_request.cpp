#include "defer_request.h"

#include <new>
#include <string>
#include <string_view>

#include "defer/utf8.h"

#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "defer_describe.h"
#include "defer_failure.h"
#include "defer_sigpipe.h"

namespace {

void release_values(php_defer_payload *payload) {
    if (payload->name == nullptr && Z_TYPE(payload->callable) != IS_UNDEF) {
        // Named now: a closure's function goes with the closure.
        payload->name = php_defer_callable_name(&payload->callable, &payload->fcc);
    }
    payload->fcc.function_handler = nullptr;
    zval_ptr_dtor(&payload->callable);
    ZVAL_UNDEF(&payload->callable);
    if (payload->fcc.object) {
        zend_object_release(payload->fcc.object);
        payload->fcc.object = nullptr;
    }
    for (uint32_t i = 0; i < payload->argc; i++) {
        zval_ptr_dtor(&payload->args[i]);
    }
    payload->argc = 0;
    if (payload->args) {
        efree(payload->args);
        payload->args = nullptr;
    }
    if (payload->named_args) {
        zend_array_release(payload->named_args);
        payload->named_args = nullptr;
    }
}

} // namespace

void php_defer_payload_release_in_sandbox(php_defer_payload *payload) {
    release_values(payload);
}

// zend_try below: plain C data only. Releasing a task's values may run a destructor
// that throws or fails; the other tasks are still released.
void php_defer_payload_release(php_defer_payload *payload) {
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        release_values(payload);
    } zend_end_try();
    // clang-format on
    if (EG(exception)) {
        zend_clear_exception();
    }
}

void php_defer_payload_free(php_defer_payload *payload) {
    php_defer_payload_release(payload);
    if (payload->shutdown_functions != nullptr) {
        php_defer_shutdown_functions_free(payload->shutdown_functions); // a phase cut short (a fork's child)
        payload->shutdown_functions = nullptr;
    }
    if (payload->name != nullptr) {
        zend_string_release(payload->name);
        payload->name = nullptr;
    }
    if (payload->deferred_at.file != nullptr) {
        zend_string_release(payload->deferred_at.file);
        payload->deferred_at.file = nullptr;
    }
}

zend_string *php_defer_payload_name(php_defer_payload *payload) {
    if (payload->name != nullptr) {
        return zend_string_copy(payload->name);
    }
    return php_defer_callable_name(&payload->callable, &payload->fcc);
}

php_defer_request *php_defer_request_get(void) {
    php_defer_request *request = DEFER_G(request);
    if (request != nullptr) {
        return request;
    }
    if (!DEFER_G(accepting)) {
        zend_throw_error(nullptr, "Cannot defer work after the request has ended");
        return nullptr;
    }
    request = new (std::nothrow) php_defer_request(static_cast<std::size_t>(DEFER_G(ini.max_tasks)));
    if (request == nullptr) {
        zend_throw_error(nullptr, "Cannot allocate the deferred task queue");
        return nullptr;
    }
    DEFER_G(request) = request;
    return request;
}

void php_defer_request_account(php_defer_request *request) {
    if (request->forked_child) {
        return; // the parent accounts for the request
    }
    defer::TaskCounts counts = request->tasks.counts();
    DEFER_G(lifetime.tasks_run) += counts.ran;
    DEFER_G(lifetime.tasks_failed) += counts.failed;
    DEFER_G(lifetime.tasks_timed_out) += counts.timed_out;
    DEFER_G(lifetime.tasks_skipped) += counts.skipped;

    defer::RequestRecord &record = request->record;
    record.sigpipe = static_cast<std::int64_t>(php_defer_sigpipe_this_request());
    bool troubled = counts.failed || counts.skipped || record.client_aborted || record.sigpipe;
    auto log = troubled ? php_defer_log : php_defer_log_info;
    log("request done: finished=%s via %s, client_aborted=%s, connection_status=" ZEND_LONG_FMT
        " at finish and %d at end, sigpipe=" ZEND_LONG_FMT ", tasks: %zu queued, %zu ran, %zu failed, %zu timed out, "
        "%zu skipped, %zu cancelled, %.3f s",
        record.finished ? "yes" : "no", defer::finish_method_name(record.finish_method),
        record.client_aborted ? "yes" : "no", static_cast<zend_long>(record.connection_status_at_finish),
        PG(connection_status), static_cast<zend_long>(record.sigpipe), counts.queued, counts.ran, counts.failed,
        counts.timed_out, counts.skipped, counts.cancelled, record.phase.elapsed());
}

namespace {

// Adds text as valid UTF-8, so that the array encodes as JSON (an exception's message, a
// file name may carry any bytes): ill-formed sequences become U+FFFD.
void add_assoc_utf8(zval *array, const char *key, std::string_view text) {
    if (defer::utf8_valid(text)) {
        add_assoc_stringl(array, key, text.data(), text.size());
        return;
    }
    try {
        std::string valid = defer::utf8_substituted(text);
        add_assoc_stringl(array, key, valid.data(), valid.size());
    } catch (const std::bad_alloc &) {
        add_assoc_null(array, key);
    }
}

} // namespace

void php_defer_task_record(zval *entry, php_defer_task *task) {
    array_init_size(entry, 6);
    add_assoc_long(entry, "id", task->id);
    if (task->name.empty()) {
        add_assoc_null(entry, "name"); // a name is valid UTF-8 (defer_named() checks)
    } else {
        add_assoc_stringl(entry, "name", task->name.data(), task->name.size());
    }
    zend_string *callable = php_defer_payload_name(&task->payload);
    add_assoc_utf8(entry, "callable", std::string_view(ZSTR_VAL(callable), ZSTR_LEN(callable)));
    zend_string_release(callable);
    add_assoc_string(entry, "state", defer::task_state_name(task->state));
    add_assoc_double(entry, "duration", task->duration);
    if (task->error.empty()) {
        add_assoc_null(entry, "error");
    } else {
        add_assoc_utf8(entry, "error", task->error);
    }
}

void php_defer_task_label(smart_str *out, php_defer_task *task) {
    zend_string *callable = php_defer_payload_name(&task->payload);
    smart_str_append_printf(out, "#" ZEND_LONG_FMT " ", static_cast<zend_long>(task->id));
    if (!task->name.empty()) {
        smart_str_appendc(out, '"');
        smart_str_appendl(out, task->name.data(), task->name.size());
        smart_str_appendl(out, "\" ", 2);
    }
    smart_str_append_printf(out, "(%s)", ZSTR_VAL(callable));
    zend_string_release(callable);
}

void php_defer_shutdown_functions_free(HashTable *functions) {
    zend_hash_destroy(functions); // its destructor releases each entry's callable and arguments
    // php-src's emalloc() size-class macros multiply in int
    FREE_HASHTABLE(functions); // NOLINT(bugprone-implicit-widening-of-multiplication-result)
}

void php_defer_request_destroy(php_defer_request *request) {
    for (auto &task : request->tasks) {
        php_defer_payload_free(&task.payload);
    }
    php_defer_failure_handler_release(&request->on_failure);
    delete request;
}
