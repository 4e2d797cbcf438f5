// Module entry, INI settings and the request lifecycle.
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_defer.h"

#include <optional>
#include <string_view>

#include "defer/ini_values.h"
#include "defer/watchdog.h"
#include "defer_process.h"
#include "defer_connection.h"
#include "defer_finish.h"
#include "defer_hook.h"
#include "defer_observe.h"
#include "defer_pool.h"
#include "defer_request.h"
#include "defer_sandbox.h"
#include "defer_sigpipe.h"
#include "defer_timer.h"
#include "defer_describe.h"
#include "ext/standard/info.h"

BEGIN_EXTERN_C()
#include "../../stubs/defer_arginfo.h"
END_EXTERN_C()

ZEND_DECLARE_MODULE_GLOBALS(defer)

namespace {

constexpr zend_long max_tasks_limit = 100000000;
constexpr double seconds_limit = 86400 * 365;
// The warnings below spell these limits out.
static_assert(max_tasks_limit == 100000000 && seconds_limit == 31536000, "update the INI warnings");

// Global names such as defer() clash with Swoole's short names or a userland helper,
// so they are registered apart from the Defer\ ones and only when asked for.
zend_function_entry global_functions[sizeof(ext_functions) / sizeof(ext_functions[0])];
zend_function_entry namespaced_functions[sizeof(ext_functions) / sizeof(ext_functions[0])];
bool global_functions_registered = false;

void split_function_entries(void) {
    size_t globals = 0;
    size_t namespaced = 0;
    for (const zend_function_entry *entry = ext_functions; entry->fname; entry++) {
        if (strchr(entry->fname, '\\')) {
            namespaced_functions[namespaced++] = *entry;
        } else {
            global_functions[globals++] = *entry;
        }
    }
    global_functions[globals] = zend_function_entry{};
    namespaced_functions[namespaced] = zend_function_entry{};
}

int count_entries(const zend_function_entry *entries) {
    int count = 0;
    while (entries[count].fname) {
        count++;
    }
    return count;
}

std::string_view text_of(const zend_string *value) {
    return {ZSTR_VAL(value), ZSTR_LEN(value)};
}

// Stores a parsed INI value, or refuses the setting with a warning that says what is
// accepted ("<name> must be <accepted>, "<value>" given").
template <typename Stored, typename Parsed>
zend_result store_or_warn(const std::optional<Parsed> &value, void *address, const zend_string *name,
                          const zend_string *given, const char *accepted) {
    if (!value) {
        php_error_docref(nullptr, E_WARNING, "%s must be %s, \"%s\" given", ZSTR_VAL(name), accepted, ZSTR_VAL(given));
        return FAILURE;
    }
    *static_cast<Stored *>(address) = static_cast<Stored>(*value);
    return SUCCESS;
}

ZEND_INI_MH(OnUpdateDeferMaxTasks) {
    return store_or_warn<zend_long>(defer::parse_ini_integer(text_of(new_value), 1, max_tasks_limit),
                                    ZEND_INI_GET_ADDR(), entry->name, new_value, "an integer between 1 and 100000000");
}

ZEND_INI_MH(OnUpdateDeferSeconds) {
    return store_or_warn<double>(defer::parse_ini_seconds(text_of(new_value), seconds_limit), ZEND_INI_GET_ADDR(),
                                 entry->name, new_value,
                                 "a number of seconds from 0 (no limit) to 31536000, fractions allowed");
}

ZEND_INI_MH(OnUpdateDeferLog) {
    return store_or_warn<zend_long>(defer::parse_ini_log_level(text_of(new_value)), ZEND_INI_GET_ADDR(), entry->name,
                                    new_value, "one of off, errors, all");
}

ZEND_INI_MH(OnUpdateDeferCloseKept) {
    return store_or_warn<zend_long>(defer::parse_ini_close_kept(text_of(new_value)), ZEND_INI_GET_ADDR(), entry->name,
                                    new_value, "0, 1 or always (or a boolean: on, off, yes, no, true, false)");
}

ZEND_INI_MH(OnUpdateDeferBool) {
    return store_or_warn<bool>(defer::parse_ini_bool(text_of(new_value)), ZEND_INI_GET_ADDR(), entry->name, new_value,
                               "a boolean (1, 0, on, off, yes, no, true, false)");
}

// The functions are registered once, when PHP starts: a value set later (a pool's
// php_admin_value, which php-fpm applies in each worker) could not take effect, so it is
// refused with a warning rather than shown by ini_get() while the functions say otherwise.
ZEND_INI_MH(OnUpdateDeferStartupBool) {
    if (stage != ZEND_INI_STAGE_STARTUP) {
        php_error_docref(nullptr, E_WARNING,
                         "%s can only be set in php.ini or with -d (the functions are registered when PHP starts); "
                         "the value \"%s\" set later, e.g. for a php-fpm pool, is ignored",
                         ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
        return FAILURE;
    }
    return OnUpdateDeferBool(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

} // namespace

PHP_INI_BEGIN()
    STD_PHP_INI_ENTRY("defer.max_tasks", "10000", PHP_INI_ALL, OnUpdateDeferMaxTasks, ini.max_tasks, zend_defer_globals,
                      defer_globals)
    STD_PHP_INI_ENTRY("defer.close_session", "1", PHP_INI_ALL, OnUpdateDeferBool, ini.close_session, zend_defer_globals,
                      defer_globals)
    STD_PHP_INI_ENTRY("defer.close_kept_connection", "1", PHP_INI_ALL, OnUpdateDeferCloseKept,
                      ini.close_kept_connection, zend_defer_globals, defer_globals)
    STD_PHP_INI_ENTRY("defer.global_functions", "0", PHP_INI_SYSTEM, OnUpdateDeferStartupBool, ini.global_functions,
                      zend_defer_globals, defer_globals)
    STD_PHP_INI_ENTRY("defer.time_budget", "30", PHP_INI_ALL, OnUpdateDeferSeconds, ini.time_budget, zend_defer_globals,
                      defer_globals)
    STD_PHP_INI_ENTRY("defer.task_timeout", "0", PHP_INI_ALL, OnUpdateDeferSeconds, ini.task_timeout,
                      zend_defer_globals, defer_globals)
    STD_PHP_INI_ENTRY("defer.run_immediately", "0", PHP_INI_ALL, OnUpdateDeferBool, ini.run_immediately,
                      zend_defer_globals, defer_globals)
    STD_PHP_INI_ENTRY("defer.log", "errors", PHP_INI_ALL, OnUpdateDeferLog, ini.log, zend_defer_globals, defer_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(defer) {
#if defined(COMPILE_DL_DEFER) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    memset(defer_globals, 0, sizeof(*defer_globals));
    defer_globals->held_connection = -1;
}

static PHP_GSHUTDOWN_FUNCTION(defer) {
    // Under ZTS each thread's watchdog ends with the thread. A forked child leaves the
    // parent's alone (joining or destroying it there would wait for ever).
    if (defer_globals->watchdog != nullptr && defer_globals->watchdog_pid == php_defer_process_id()) {
        delete defer_globals->watchdog;
    }
    defer_globals->watchdog = nullptr;
}

static PHP_MINIT_FUNCTION(defer) {
    php_defer_process_startup();
    REGISTER_INI_ENTRIES();
    split_function_entries();
    if (zend_register_functions(nullptr, namespaced_functions, nullptr, MODULE_PERSISTENT) == FAILURE) {
        return FAILURE;
    }
    if (DEFER_G(ini.global_functions)) {
        // Fails with a warning when another extension owns the name; Defer\ still works.
        global_functions_registered =
            zend_register_functions(nullptr, global_functions, nullptr, MODULE_PERSISTENT) == SUCCESS;
    }
    php_defer_hook_startup();
    php_defer_pool_startup();
    php_defer_finish_startup();
    php_defer_sigpipe_startup();
    php_defer_sandbox_startup();
    php_defer_observe_startup();
    php_defer_timer_startup();
    return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(defer) {
    php_defer_observe_shutdown();
    php_defer_pool_shutdown();
    php_defer_timer_shutdown();
    php_defer_sigpipe_shutdown();
    php_defer_finish_shutdown();
    if (global_functions_registered) {
        zend_unregister_functions(global_functions, count_entries(global_functions), nullptr);
        global_functions_registered = false;
    }
    zend_unregister_functions(namespaced_functions, count_entries(namespaced_functions), nullptr);
    UNREGISTER_INI_ENTRIES();
    return SUCCESS;
}

static PHP_RINIT_FUNCTION(defer) {
#if defined(COMPILE_DL_DEFER) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    DEFER_G(accepting) = true;
    DEFER_G(application_finished) = false;
    // Puts the counting handler in place, and back after pcntl's RSHUTDOWN reset SIGPIPE.
    php_defer_sigpipe_request_start();
    return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(defer) {
    php_defer_request *request = DEFER_G(request);
    DEFER_G(accepting) = false;
    if (request == nullptr) {
        // The request deferred nothing; with close_kept_connection=always the application's
        // own finish may still have closed its connection.
        php_defer_connection_request_end();
        php_defer_describe_request_end(); // defer_status() may have named a task of nothing
        return SUCCESS;
    }
    php_defer_hook_fallback(request);
    php_defer_connection_request_end();
    php_defer_request_account(request);
    DEFER_G(request) = nullptr;
    php_defer_request_destroy(request);
    php_defer_describe_request_end();
    return SUCCESS;
}

static PHP_MINFO_FUNCTION(defer) {
    php_info_print_table_start();
    php_info_print_table_row(2, "defer support", "enabled");
    php_info_print_table_row(2, "Version", PHP_DEFER_VERSION);
    php_info_print_table_row(2, "Global functions", global_functions_registered ? "registered" : "not registered");
    php_info_print_table_end();

    // Counters of this worker (process, or thread under ZTS) since it started.
    php_info_print_table_start();
    php_info_print_table_header(2, "Deferred tasks in this worker", "Count");
    char count[32];
    snprintf(count, sizeof(count), ZEND_ULONG_FMT, DEFER_G(lifetime.tasks_run));
    php_info_print_table_row(2, "Run", count);
    snprintf(count, sizeof(count), ZEND_ULONG_FMT, DEFER_G(lifetime.tasks_failed));
    php_info_print_table_row(2, "Failed", count);
    snprintf(count, sizeof(count), ZEND_ULONG_FMT, DEFER_G(lifetime.tasks_timed_out));
    php_info_print_table_row(2, "Timed out", count);
    snprintf(count, sizeof(count), ZEND_ULONG_FMT, DEFER_G(lifetime.tasks_skipped));
    php_info_print_table_row(2, "Skipped", count);
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

static const zend_module_dep defer_deps[] = {
    ZEND_MOD_OPTIONAL("session") // load after it: our RSHUTDOWN must run before session's
    ZEND_MOD_END};

zend_module_entry defer_module_entry = {
    STANDARD_MODULE_HEADER_EX,
    nullptr,
    defer_deps,
    "defer",
    nullptr, // functions are registered in MINIT, see global_functions
    PHP_MINIT(defer),
    PHP_MSHUTDOWN(defer),
    PHP_RINIT(defer),
    PHP_RSHUTDOWN(defer),
    PHP_MINFO(defer),
    PHP_DEFER_VERSION,
    PHP_MODULE_GLOBALS(defer),
    PHP_GINIT(defer),
    PHP_GSHUTDOWN(defer),
    nullptr,
    STANDARD_MODULE_PROPERTIES_EX,
};

#ifdef COMPILE_DL_DEFER
#ifdef ZTS
// Declared with C++ linkage in php_defer.h: the cache is private to this library.
ZEND_TSRMLS_CACHE_DEFINE()
#endif
BEGIN_EXTERN_C()
ZEND_GET_MODULE(defer)
END_EXTERN_C()
#endif
