#include "defer_observe.h"

namespace {

struct observed_function {
    const char *name;
    size_t length;
    php_defer_around around;
    zend_function *function; // set once wrapped
    zif_handler original;
};
// Filled in MINIT, read-only once requests run (so no lock under ZTS).
constexpr size_t max_observed = 32;
observed_function observed[max_observed];
size_t observed_count = 0;
zend_result (*previous_post_startup)(void) = nullptr;

// By name, not by zend_function: under ZTS each thread runs its own copy of the function
// table made after startup (the copies keep the wrapped handler and the name).
bool is_entry_of(const observed_function &entry, const zend_function *function) {
    const zend_string *name = function->common.function_name;
    return entry.function != nullptr && name != nullptr &&
           (name == entry.function->common.function_name ||
            zend_string_equals(name, entry.function->common.function_name));
}

ZEND_NAMED_FUNCTION(observed_handler) {
    for (size_t i = 0; i < observed_count; i++) {
        const observed_function &entry = observed[i];
        if (is_entry_of(entry, execute_data->func)) {
            if (entry.around.before) {
                entry.around.before();
            }
            entry.original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
            if (entry.around.after) {
                entry.around.after(return_value);
            }
            return;
        }
    }
}

zend_result wrap_observed(void) {
    for (size_t i = 0; i < observed_count; i++) {
        observed_function &entry = observed[i];
        auto *function =
            static_cast<zend_function *>(zend_hash_str_find_ptr(CG(function_table), entry.name, entry.length));
        if (function != nullptr && function->type == ZEND_INTERNAL_FUNCTION &&
            function->internal_function.handler != observed_handler) {
            entry.function = function;
            entry.original = function->internal_function.handler;
            function->internal_function.handler = observed_handler;
        }
    }
    return previous_post_startup ? previous_post_startup() : SUCCESS;
}

} // namespace

void php_defer_observe(const char *name, size_t length, php_defer_around around) {
    if (observed_count < max_observed) {
        observed[observed_count++] = observed_function{name, length, around, nullptr, nullptr};
    }
}

void php_defer_observe_startup(void) {
    previous_post_startup = zend_post_startup_cb;
    zend_post_startup_cb = wrap_observed;
}

void php_defer_observe_shutdown(void) {
    if (zend_post_startup_cb == wrap_observed) {
        zend_post_startup_cb = previous_post_startup;
    }
    for (size_t i = 0; i < observed_count; i++) {
        observed_function &entry = observed[i];
        if (entry.function != nullptr && entry.function->internal_function.handler == observed_handler) {
            entry.function->internal_function.handler = entry.original;
        }
    }
    observed_count = 0;
}
