#include "defer_finish.h"

#include <initializer_list>
#include <string_view>

#include "SAPI.h"
#include "defer_connection.h"
#include "defer_describe.h"
#include "defer_observe.h"
#include "defer/ini_values.h"
#include "defer_request.h"
#include "defer_sandbox.h"
BEGIN_EXTERN_C()
#include "ext/standard/head.h"
END_EXTERN_C()
#include "main/php_output.h"
#include "zend_smart_str.h"

namespace {

size_t (*original_ub_write)(const char *str, size_t length) = nullptr;

defer::CloseKept close_kept_mode(void) {
    return static_cast<defer::CloseKept>(DEFER_G(ini.close_kept_connection));
}

// Every output buffer through its handlers, then the headers, then out to the client.
void flush_everything(void) {
    php_output_end_all();
    php_header();
    sapi_flush();
}

// The application is about to finish the response itself (by hand, or Symfony's and
// Laravel's Response::send()). When deferred work follows, or with
// close_kept_connection=always, the kept-alive connection is closed in this very call, as
// the extension's own finish closes it: at no moment does the web server hold a reusable
// connection that this worker will write to later, or keep busy with the work.
void before_application_finish(void) {
    if (DEFER_G(finishing) || php_defer_connection_closed() ||
        std::string_view(sapi_module.name ? sapi_module.name : "") != "fpm-fcgi") {
        return;
    }
    php_defer_request *request = DEFER_G(request);
    if (request != nullptr && request->record.finish_attempted) {
        return; // finished by the extension already: nothing of this request is on the connection
    }
    defer::CloseKept mode = close_kept_mode();
    bool work_follows = request != nullptr && request->tasks.pending() > 0;
    if (mode == defer::CloseKept::always || (mode == defer::CloseKept::when_deferred && work_follows)) {
        flush_everything(); // what fastcgi_finish_request() does first, so END_REQUEST comes last
        php_defer_connection_close_kept_alive();
    }
}

// A SAPI finish function that returned true when the application called it (by hand, or
// Symfony's Response::send()): finishing again must change nothing.
void note_application_finish(const zval *return_value) {
    if (!DEFER_G(finishing) && Z_TYPE_P(return_value) == IS_TRUE) {
        DEFER_G(application_finished) = true;
    }
}

// Installed over the SAPI's writer on SAPIs without a finish function: while a
// capture is open the final output (after every handler, compression included) is
// kept, so that its length can be sent as Content-Length.
size_t capturing_ub_write(const char *str, size_t length) {
    smart_str *capture = DEFER_G(output_capture);
    if (capture != nullptr) {
        smart_str_appendl(capture, str, length);
        return length;
    }
    return original_ub_write(str, length);
}

bool function_exists(const char *name, size_t length) {
    return zend_hash_str_exists(CG(function_table), name, length);
}

// A SAPI's finish function that disable_functions removed from the function table (shared
// hosts do, in php.ini or per php-fpm pool with php_admin_value): its module still lists it,
// so the extension finishes the response with the SAPI's own handler all the same (the
// application still cannot call it). The stand-ins are made at MINIT, when the SAPI's module
// is registered and names are interned for good; used, and logged, once per worker.
struct disabled_finish_function {
    const char *name;
    bool logged;
    zif_handler handler; // NULL when no module has it
    zend_internal_function function;
};
disabled_finish_function disabled_finish_functions[] = {
    {"fastcgi_finish_request", false, nullptr, {}},
    {"litespeed_finish_request", false, nullptr, {}},
    {"frankenphp_finish_request", false, nullptr, {}},
};

zif_handler handler_in_modules(const char *name) {
    void *pointer;
    // php-src spells the end "ZEND_HASH_FOREACH_END();"
    // clang-format off
    ZEND_HASH_FOREACH_PTR(&module_registry, pointer) {
        const auto *module = static_cast<const zend_module_entry *>(pointer);
        for (const zend_function_entry *entry = module->functions; entry && entry->fname; entry++) {
            if (strcmp(entry->fname, name) == 0) {
                return entry->handler;
            }
        }
    } ZEND_HASH_FOREACH_END();
            // clang-format on
            return nullptr;
}

void prepare_disabled_finish_functions(void) {
    for (disabled_finish_function &entry : disabled_finish_functions) {
        entry.logged = false;
        entry.handler = handler_in_modules(entry.name);
        if (entry.handler != nullptr) {
            // As the after-response hook's function: in no table, so not callable by name.
            memset(&entry.function, 0, sizeof(entry.function));
            entry.function.type = ZEND_INTERNAL_FUNCTION;
            entry.function.function_name = zend_string_init_interned(entry.name, strlen(entry.name), 1);
            entry.function.handler = entry.handler;
        }
    }
}

// The disabled function's stand-in, or NULL if the function exists (or exists nowhere).
zend_function *disabled_finish_function_of(const char *name, size_t length) {
    if (function_exists(name, length)) {
        return nullptr;
    }
    for (disabled_finish_function &entry : disabled_finish_functions) {
        if (entry.handler == nullptr || strcmp(entry.name, name) != 0) {
            continue;
        }
        if (!entry.logged) {
            entry.logged = true;
            php_defer_log("%s() is disabled (disable_functions): responses with deferred work are still finished "
                          "early, with the SAPI's own handler of it; the application cannot call it",
                          name);
        }
        return reinterpret_cast<zend_function *>(&entry.function);
    }
    return nullptr;
}

bool finish_function_reachable(const char *name, size_t length) {
    return function_exists(name, length) || disabled_finish_function_of(name, length) != nullptr;
}

// Where the SAPI has a finish function and none can be called: said once per worker.
bool logged_no_finish = false;
void log_no_finish_function(std::string_view sapi) {
    if (!logged_no_finish && defer::sapi_has_finish_function(sapi)) {
        logged_no_finish = true;
        php_defer_log("the %.*s SAPI's finish function is disabled or missing and no handler of it was found: "
                      "responses are not finished early, each client waits for its request's deferred work",
                      static_cast<int>(sapi.size()), sapi.data());
    }
}

void log_call_failure(const char *what, php_defer_call_result *result) {
    if (result->error) {
        php_defer_log("%s failed: %s", what, ZSTR_VAL(result->error));
        zend_string_release(result->error);
        result->error = nullptr;
    }
}

// Returns what the finish function returned: true if it finished the response now.
bool call_finish_function(const char *name, size_t length) {
    php_defer_call_result result;
    zval retval;
    ZVAL_UNDEF(&retval);
    DEFER_G(finishing) = true;
    bool called;
    if (zend_function *stand_in = disabled_finish_function_of(name, length)) {
        zend_fcall_info fci = {};
        zend_fcall_info_cache fcc = {};
        fci.size = sizeof(fci);
        fci.retval = &retval;
        ZVAL_UNDEF(&fci.function_name);
        fcc.function_handler = stand_in;
        php_defer_sandbox_call(&fci, &fcc, &result);
        called = true;
    } else {
        called = php_defer_sandbox_call_function(name, length, &retval, &result);
    }
    DEFER_G(finishing) = false;
    if (!called) {
        return false;
    }
    log_call_failure(name, &result);
    bool finished_now = Z_TYPE(retval) == IS_TRUE;
    zval_ptr_dtor(&retval);
    return finished_now;
}

void set_header(const char *line) {
    sapi_header_line header = {};
    header.line = line;
    header.line_len = strlen(line);
    sapi_header_op(SAPI_HEADER_REPLACE, &header);
}

// What the connection_close method managed: the body went out (so nothing more may be
// written), and whether the client can tell it is complete.
struct close_result {
    bool body_sent = false;
    bool finished = false;
};

// Apache can compress after PHP (mod_deflate, mod_brotli): it then drops Content-Length and
// ends the response only with the request. PHP cannot see Apache's filters, so when such a
// module is loaded and the client accepts compression, do not claim the response finished.
bool compression_below_php_possible(void) {
    if (std::string_view(sapi_module.name ? sapi_module.name : "") != "apache2handler") {
        return false;
    }
    char *accept = sapi_getenv(ZEND_STRL("HTTP_ACCEPT_ENCODING"));
    bool accepts = accept && (strstr(accept, "gzip") || strstr(accept, "deflate") || strstr(accept, "br"));
    if (accept) {
        efree(accept);
    }
    if (!accepts) {
        return false;
    }
    zval modules;
    ZVAL_UNDEF(&modules);
    php_defer_call_result result;
    bool possible = true; // when in doubt, do not claim it
    if (php_defer_sandbox_call_function(ZEND_STRL("apache_get_modules"), &modules, &result) &&
        Z_TYPE(modules) == IS_ARRAY) {
        possible = false;
        zval *name;
        // php-src spells the end "ZEND_HASH_FOREACH_END();"
        // clang-format off
        ZEND_HASH_FOREACH_VAL(Z_ARRVAL(modules), name) {
            if (Z_TYPE_P(name) == IS_STRING && (zend_string_equals_literal(Z_STR_P(name), "mod_deflate") ||
                                                zend_string_equals_literal(Z_STR_P(name), "mod_brotli"))) {
                possible = true;
            }
        } ZEND_HASH_FOREACH_END();
        // clang-format on
    }
    log_call_failure("apache_get_modules", &result);
    zval_ptr_dtor(&modules);
    return possible;
}

// The seeds' trick, done properly: every byte is still buffered and no header is
// sent, so run the buffers through their handlers into a capture, then announce
// exactly that many bytes and ask the client to close.
close_result close_connection(void) {
    close_result outcome;
    if (original_ub_write == nullptr || SG(headers_sent)) {
        return outcome;
    }
    smart_str capture = {};
    bool no_headers = SG(request_info).no_headers;
    DEFER_G(output_capture) = &capture;
    SG(request_info).no_headers = 1; // handlers must not send the headers yet
    php_output_end_all();
    DEFER_G(output_capture) = nullptr;

    size_t length = capture.s ? ZSTR_LEN(capture.s) : 0;
    if (!SG(headers_sent)) {
        // Nothing has reached the client yet: say so, or setting Content-Length (which
        // turns zlib.output_compression off) warns, and a displayed warning would send
        // the headers before ours are in.
        OG(flags) &= ~PHP_OUTPUT_SENT;
        char content_length[64];
        snprintf(content_length, sizeof(content_length), "Content-Length: %zu", length);
        set_header(content_length);
        set_header("Connection: close");
        SG(request_info).no_headers = no_headers;
        php_header();
        outcome.finished = !compression_below_php_possible();
    }
    SG(request_info).no_headers = no_headers;
    if (length > 0) {
        original_ub_write(ZSTR_VAL(capture.s), length);
    }
    smart_str_free(&capture);
    sapi_flush();
    outcome.body_sent = true;
    return outcome;
}

defer::FinishMethod choose_method(void) {
    defer::FinishContext context;
    context.sapi_name = sapi_module.name ? sapi_module.name : "";
    context.has_fastcgi_finish = finish_function_reachable(ZEND_STRL("fastcgi_finish_request"));
    context.has_litespeed_finish = finish_function_reachable(ZEND_STRL("litespeed_finish_request"));
    context.has_frankenphp_finish = finish_function_reachable(ZEND_STRL("frankenphp_finish_request"));
    context.headers_sent = SG(headers_sent);
    return defer::choose_finish_method(context);
}

} // namespace

void php_defer_finish_startup(void) {
    prepare_disabled_finish_functions();
    for (const char *name : {"fastcgi_finish_request", "litespeed_finish_request", "frankenphp_finish_request"}) {
        php_defer_observe(name, strlen(name), php_defer_around{before_application_finish, note_application_finish});
    }
    std::string_view sapi = sapi_module.name ? sapi_module.name : "";
    if (defer::sapi_has_client(sapi) && !defer::sapi_has_finish_function(sapi) && sapi_module.ub_write) {
        original_ub_write = sapi_module.ub_write;
        sapi_module.ub_write = capturing_ub_write;
    }
}

void php_defer_finish_shutdown(void) {
    if (original_ub_write != nullptr && sapi_module.ub_write == capturing_ub_write) {
        sapi_module.ub_write = original_ub_write;
    }
    original_ub_write = nullptr;
}

bool php_defer_finish_would_act(php_defer_request *request) {
    return !request->record.finish_attempted && !DEFER_G(application_finished) &&
           choose_method() != defer::FinishMethod::none;
}

bool php_defer_finish_response(php_defer_request *request) {
    defer::RequestRecord &record = request->record;
    if (record.finish_attempted) {
        return false;
    }
    record.finish_attempted = true;

    // From here on a gone client or a failed write must not bail out of the request.
    zend_string *ignore_user_abort = zend_string_init(ZEND_STRL("ignore_user_abort"), 0);
    zend_alter_ini_entry_chars(ignore_user_abort, ZEND_STRL("1"), PHP_INI_USER, PHP_INI_STAGE_RUNTIME);
    zend_string_release(ignore_user_abort);
    bool aborted_before = (PG(connection_status) & PHP_CONNECTION_ABORTED) != 0;

    if (DEFER_G(ini.close_session)) {
        // The files handler holds the session's lock until it is closed: without this
        // the user's next request waits for all of the deferred work.
        php_defer_call_result result;
        if (php_defer_sandbox_call_function(ZEND_STRL("session_write_close"), nullptr, &result)) {
            log_call_failure("session_write_close", &result);
        }
    }

    defer::FinishMethod method = choose_method();
    if (DEFER_G(application_finished)) {
        // The application finished the response (Response::send()): its connection was closed
        // then if work was queued, or it may be the web server's again, carrying its next
        // request. Nothing more may be written to it: no flush, no second END_REQUEST.
        record.record_finish(method, true, PG(connection_status), aborted_before);
        php_output_set_status(PHP_OUTPUT_DISABLED);
        return false;
    }
    bool finished_now = false;
    bool finished = true; // false from a finish function means the application finished it already
    bool body_sent = false;
    switch (method) {
        case defer::FinishMethod::fastcgi_finish_request:
            // fastcgi_finish_request() ignores a failed final write; flushing first is
            // how a client that went away (nginx closed our socket) is noticed.
            flush_everything();
            if (close_kept_mode() != defer::CloseKept::never) {
                // Deferred work follows: the web server must not bring its next request here.
                php_defer_connection_close_kept_alive();
            }
            finished_now = call_finish_function(ZEND_STRL("fastcgi_finish_request"));
            break;
        case defer::FinishMethod::litespeed_finish_request:
            finished_now = call_finish_function(ZEND_STRL("litespeed_finish_request"));
            break;
        case defer::FinishMethod::frankenphp_finish_request:
            finished_now = call_finish_function(ZEND_STRL("frankenphp_finish_request"));
            break;
        case defer::FinishMethod::connection_close: {
            close_result closed = close_connection();
            finished = finished_now = closed.finished;
            body_sent = closed.body_sent;
            break;
        }
        case defer::FinishMethod::none:
            log_no_finish_function(sapi_module.name ? sapi_module.name : "");
            flush_everything();
            finished = false;
            break;
    }
    record.record_finish(method, finished, PG(connection_status),
                         aborted_before || (PG(connection_status) & PHP_CONNECTION_ABORTED));
    if (record.finished || body_sent) {
        // Nothing more may reach the client: with fastcgi_keep_conn the socket stays
        // open and stray bytes after END_REQUEST would corrupt the next response.
        php_output_set_status(PHP_OUTPUT_DISABLED);
    }
    return finished_now;
}
