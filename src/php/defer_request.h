// One request's deferred tasks and what happened to them.
#ifndef DEFER_REQUEST_H
#define DEFER_REQUEST_H

#include "php_defer.h"

#include <sys/types.h>

#include "defer/budget.h"
#include "defer/request_record.h"
#include "defer_sandbox.h"
#include "defer_timer.h"
#include "defer_zend_allocator.h"
#include "defer/task_queue.h"

// What the glue keeps to run one task. Plain data: owned zvals are released by
// php_defer_request_destroy(), never by a C++ destructor.
struct php_defer_payload {
    zval callable;             // as given to defer(); keeps closures and objects alive
    zend_fcall_info_cache fcc; // resolved where defer() was called, so private methods work
    zval *args;                // bound arguments (emalloc'd), argc of them
    uint32_t argc;
    HashTable *named_args;           // bound named arguments, or NULL
    zend_string *name;               // the callable's name, kept once the values are released; NULL before
    php_defer_call_site deferred_at; // where defer() was called: errors raised before the callable runs
    HashTable *shutdown_functions;   // what the task registered with register_shutdown_function(), not run yet
};

// The shutdown functions one task registered, run once the phase's tasks are done.
struct php_defer_task_shutdown_functions {
    defer::TaskId id;
    HashTable *functions; // php_shutdown_function_entry pointers, as BG(user_shutdown_function_names)
};

using php_defer_task_queue = defer::TaskQueue<php_defer_payload, php_defer_zend_allocator>;
using php_defer_task = php_defer_task_queue::Task;

// The application's failure handler (defer_on_failure()): a callable resolved where it was
// set, or callable UNDEF for none. Plain data, released by php_defer_request_destroy().
struct php_defer_failure_handler {
    zval callable;
    zend_fcall_info_cache fcc;
};

struct php_defer_request {
    explicit php_defer_request(std::size_t max_tasks) : tasks(max_tasks) {
        ZVAL_UNDEF(&on_failure.callable);
        on_failure.fcc = empty_fcall_info_cache;
    }

    php_defer_task_queue tasks;
    php_defer_failure_handler on_failure;

    defer::RequestRecord record;
    defer::Budget budget{0, 0}; // set when the deferred phase starts
    php_defer_stop stop;        // the running task's time limit

    // The after-response hook: copies appended to the shutdown list and run so far,
    // and the size of that list when the newest copy was appended.
    uint32_t hook_copies_appended = 0;
    uint32_t hook_copies_run = 0;
    uint32_t hook_list_size = 0;

    bool phase_running = false; // tasks are being run by the hook right now
    pid_t phase_pid = 0;        // the process that runs the deferred phase
    bool forked_child = false;  // this is a pcntl_fork() child of a task: it runs no more tasks
    bool in_fallback = false;   // ... from RSHUTDOWN, the shutdown list having been cut short
    // Tasks below this id have no shutdown functions left to run (see run_tasks()).
    defer::TaskId shutdown_functions_from = 0;

    // When a task last got a fresh max_execution_time in this phase (see run_task()).
    bool execution_time_set = false;
    defer::Clock::time_point execution_time_set_at{};
};

// This request's state, created on first use; NULL with an Error thrown when the
// request can no longer accept work or memory ran out.
php_defer_request *php_defer_request_get(void);

// At the end of the request: adds its tasks to the worker's counters and writes the
// summary line (defer.log=all, or =errors when something went wrong).
void php_defer_request_account(php_defer_request *request);

// Releases what one task holds (its callable, bound arguments and captured values), keeping
// its name for defer_status() and the log; a destructor that throws or fails stops nothing.
// Done as soon as the task ran (inside its sandbox), was cancelled or skipped.
void php_defer_payload_release(php_defer_payload *payload);

// The same without a guard of its own, for a release inside a task's sandbox, where what
// the destructors do is the task's outcome.
void php_defer_payload_release_in_sandbox(php_defer_payload *payload);

// Releases it all, name and location included (the request's end, or a task never queued).
void php_defer_payload_free(php_defer_payload *payload);

// "send_mail", "Mailer::send", "{closure:/app/x.php:12}": a new reference.
zend_string *php_defer_payload_name(php_defer_payload *payload);

// A task's record as defer_status() lists it: id, name, callable, state, duration, error.
void php_defer_task_record(zval *entry, php_defer_task *task);

// How the log names a task: `#3 "send-receipt" ({closure:/app/x.php:12})`, `#4 (send_mail)`.
void php_defer_task_label(smart_str *out, php_defer_task *task);

// Frees a task's shutdown function list (BG(user_shutdown_function_names)'s kind), not run.
void php_defer_shutdown_functions_free(HashTable *functions);

// Releases the tasks' zvals and the state itself.
void php_defer_request_destroy(php_defer_request *request);

#endif
