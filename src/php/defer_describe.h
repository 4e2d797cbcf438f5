// Human-readable names for tasks, for defer_status() and the error log.
#ifndef DEFER_DESCRIBE_H
#define DEFER_DESCRIBE_H

#include "php.h"

/* "send_mail", "Mailer::send", "{closure:/app/Controller.php:42}" (PHP 8.4's spelling). */
zend_string *php_defer_callable_name(zval *callable, zend_fcall_info_cache *fcc);

/* RSHUTDOWN: lets go of the last name php_defer_callable_name() kept. */
void php_defer_describe_request_end(void);

/* Writes "defer: <message>" to the PHP error log (error_log, or the SAPI's log) unless
 * defer.log is off: failures, skips and the summary of a request that had them. */
void php_defer_log(const char *format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

/* The same, only with defer.log=all: the summary of every request that deferred work. */
void php_defer_log_info(const char *format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

#endif
