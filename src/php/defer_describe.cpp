#include "defer_describe.h"

#include "defer/ini_values.h"
#include "php_defer.h"

#include <cstdarg>
#include <syslog.h>

zend_string *php_defer_callable_name(zval *callable, zend_fcall_info_cache *fcc) {
    zend_function *function = fcc->function_handler;
    if (function == nullptr) {
        return zend_get_callable_name(callable);
    }
    if (function->type == ZEND_USER_FUNCTION && (function->common.fn_flags & ZEND_ACC_CLOSURE) &&
        !(function->common.fn_flags & ZEND_ACC_FAKE_CLOSURE)) {
        return zend_strpprintf(0, "{closure:%s:%" PRIu32 "}", ZSTR_VAL(function->op_array.filename),
                               function->op_array.line_start);
    }
    zend_class_entry *scope = fcc->called_scope ? fcc->called_scope : function->common.scope;
    if (scope) {
        return zend_strpprintf(0, "%s::%s", ZSTR_VAL(scope->name), ZSTR_VAL(function->common.function_name));
    }
    return zend_string_copy(function->common.function_name);
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
