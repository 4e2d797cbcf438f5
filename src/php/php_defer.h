// The defer extension's Zend glue: module globals shared by the glue's files.
#ifndef PHP_DEFER_H
#define PHP_DEFER_H

#include "php.h"
#include "zend_smart_str_public.h"

#define PHP_DEFER_VERSION "0.1.0"

extern zend_module_entry defer_module_entry;
#define phpext_defer_ptr &defer_module_entry

struct php_defer_request;
namespace defer {
class Watchdog;
}

ZEND_BEGIN_MODULE_GLOBALS(defer)
    struct {
        zend_long max_tasks;
        bool close_session;
        zend_long close_kept_connection; /* defer::CloseKept */
        bool global_functions;
        bool run_immediately; /* defer() runs the task at once (test suites) */
        double time_budget;   /* seconds, 0 = unlimited */
        double task_timeout;  /* seconds, 0 = unlimited */
        zend_long log;        /* defer::LogLevel */
    } ini;
    /* Since this worker (process, or thread under ZTS) started: shown by phpinfo(). */
    struct {
        zend_ulong tasks_run;
        zend_ulong tasks_failed;
        zend_ulong tasks_timed_out;
        zend_ulong tasks_skipped;
    } lifetime;
    /* This thread's watchdog, started on first need, and the process that started it: after
     * pcntl_fork() the thread exists in the parent only, while its mutex and condition
     * variable were copied in whatever state they had, so a child never touches it. */
    defer::Watchdog *watchdog;
    pid_t watchdog_pid;
    /* The process's SIGPIPE count when this request started. */
    uint64_t sigpipe_at_request_start;
    /* This request's tasks and record; NULL until the request first uses the extension. */
    php_defer_request *request;
    /* False once RSHUTDOWN has settled the request: nothing may be queued any more. */
    bool accepting;
    /* The kept-alive connection closed for the web server, held until the request ends; -1 if none. */
    int held_connection;
    /* The application finished the response itself (a SAPI finish function returned true). */
    bool application_finished;
    /* The extension is calling a SAPI finish function right now. */
    bool finishing;
    /* The last closure or method named (php_defer_callable_name()): its parts, held, and its name.
     * A phase's tasks often share one callable: formatting its name once saves ~1 000
     * instructions per task. Released when the request ends. */
    struct {
        zend_string *part;     /* a closure's file, or a method's class name */
        zend_string *function; /* a method's name; NULL for a closure */
        uint32_t line;
        zend_string *name;
    } last_name;
    /* Where the connection_close finish collects the final output; NULL otherwise. */
    smart_str *output_capture;
    ZEND_END_MODULE_GLOBALS(defer)

    ZEND_EXTERN_MODULE_GLOBALS(defer)
#define DEFER_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(defer, v)

#if defined(ZTS) && defined(COMPILE_DL_DEFER)
    ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif /* PHP_DEFER_H */
