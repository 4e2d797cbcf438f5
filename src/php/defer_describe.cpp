#include "defer_describe.h"

#include <initializer_list>

#include "defer/ini_values.h"
#include "php_defer.h"

#include <cstdarg>
#include <syslog.h>

namespace {

// The cached name when it was built from these very parts (held, so their addresses are theirs).
zend_string *cached_name(zend_string *part, zend_string *function, uint32_t line) {
    auto &last = DEFER_G(last_name);
    if (last.name != nullptr && last.part == part && last.function == function && last.line == line) {
        return zend_string_copy(last.name);
    }
    return nullptr;
}

zend_string *remember_name(zend_string *part, zend_string *function, uint32_t line, zend_string *name) {
    php_defer_describe_request_end();
    auto &last = DEFER_G(last_name);
    last.part = zend_string_copy(part);
    last.function = function ? zend_string_copy(function) : nullptr;
    last.line = line;
    last.name = zend_string_copy(name);
    return name;
}

} // namespace

zend_string *php_defer_callable_name(zval *callable, zend_fcall_info_cache *fcc) {
    zend_function *function = fcc->function_handler;
    if (function == nullptr) {
        return zend_get_callable_name(callable);
    }
    if (function->type == ZEND_USER_FUNCTION && (function->common.fn_flags & ZEND_ACC_CLOSURE) &&
        !(function->common.fn_flags & ZEND_ACC_FAKE_CLOSURE)) {
        zend_string *file = function->op_array.filename;
        uint32_t line = function->op_array.line_start;
        if (zend_string *name = cached_name(file, nullptr, line)) {
            return name;
        }
        return remember_name(file, nullptr, line, zend_strpprintf(0, "{closure:%s:%" PRIu32 "}", ZSTR_VAL(file), line));
    }
    zend_class_entry *scope = fcc->called_scope ? fcc->called_scope : function->common.scope;
    if (scope) {
        if (zend_string *name = cached_name(scope->name, function->common.function_name, 0)) {
            return name;
        }
        return remember_name(
            scope->name, function->common.function_name, 0,
            zend_strpprintf(0, "%s::%s", ZSTR_VAL(scope->name), ZSTR_VAL(function->common.function_name)));
    }
    return zend_string_copy(function->common.function_name);
}

void php_defer_describe_request_end(void) {
    auto &last = DEFER_G(last_name);
    for (zend_string **held : {&last.part, &last.function, &last.name}) {
        if (*held != nullptr) {
            zend_string_release(*held);
            *held = nullptr;
        }
    }
}

namespace {

void write_log(const char *format, va_list args) {
    zend_string *message = zend_vstrpprintf(0, format, args);
    zend_string *line = zend_strpprintf(0, "defer: %s", ZSTR_VAL(message));
    php_log_err_with_severity(ZSTR_VAL(line), LOG_WARNING);
    zend_string_release(line);
    zend_string_release(message);
}

} // namespace

void php_defer_log(const char *format, ...) {
    if (DEFER_G(ini.log) == static_cast<zend_long>(defer::LogLevel::off)) {
        return;
    }
    va_list args;
    va_start(args, format);
    write_log(format, args);
    va_end(args);
}

void php_defer_log_info(const char *format, ...) {
    if (DEFER_G(ini.log) != static_cast<zend_long>(defer::LogLevel::all)) {
        return;
    }
    va_list args;
    va_start(args, format);
    write_log(format, args);
    va_end(args);
}
