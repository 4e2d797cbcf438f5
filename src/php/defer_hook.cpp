#include "defer_hook.h"

#include <string_view>
#include <unistd.h>

#include "defer/ini_values.h"
#include "defer_compat.h"
#include "defer_deploy.h"
#include "defer_describe.h"
#include "defer_finish.h"
#include "defer_pool.h"
#include "defer_sandbox.h"
#include "defer_sigpipe.h"
#include "defer_timer.h"
BEGIN_EXTERN_C()
#include "ext/standard/basic_functions.h"
END_EXTERN_C()
#include "zend_exceptions.h"
#include "zend_fibers.h"
#include "zend_smart_str.h"

namespace {

// Not in any function table: user code cannot call it. It shows as "{defer}" in the
// stack traces of exceptions thrown by tasks.
zend_internal_function hook_function;

defer::TaskState state_of(php_defer_call_outcome outcome) {
    switch (outcome) {
        case PHP_DEFER_CALL_OK:
            return defer::TaskState::ok;
        case PHP_DEFER_CALL_EXCEPTION:
            return defer::TaskState::exception;
        case PHP_DEFER_CALL_EXIT:
            return defer::TaskState::exit;
        case PHP_DEFER_CALL_FATAL:
            return defer::TaskState::fatal;
        case PHP_DEFER_CALL_REFUSED:
            return defer::TaskState::skipped;
    }
    return defer::TaskState::fatal;
}

void log_task(defer::TaskId id, php_defer_payload *payload, const char *what, const char *why) {
    if (DEFER_G(ini.log) == static_cast<zend_long>(defer::LogLevel::off)) {
        return; // skip naming the callable too
    }
    zend_string *name = php_defer_payload_name(payload);
    php_defer_log("task #" ZEND_LONG_FMT " (%s) %s: %s", static_cast<zend_long>(id), ZSTR_VAL(name), what, why);
    zend_string_release(name);
}

// What a stopped task's record says.
zend_string *describe_stop(php_defer_request *request, double duration) {
    defer::Limit limit = request->stop.deadline.limit;
    return zend_strpprintf(0, "stopped after %.3f s: %s of %g s %s%s", duration, defer::limit_name(limit),
                           request->budget.seconds_of(limit), limit == defer::Limit::time_budget ? "spent" : "reached",
                           request->stop.terminated ? " (not interruptible: ended with a fatal error)" : "");
}

// The task suspended the fiber running the phase, which was then destroyed (unset, or at the
// request's end) instead of resumed: the engine unwound the task with an exit.
bool phase_fiber_destroyed(void) {
    return EG(active_fiber) != nullptr && (EG(active_fiber)->flags & ZEND_FIBER_FLAG_DESTROYED);
}

bool is_execution_time_fatal(const php_defer_call_result &result) {
    return result.outcome == PHP_DEFER_CALL_FATAL && result.error &&
           strncmp(ZSTR_VAL(result.error), "Maximum execution time", sizeof("Maximum execution time") - 1) == 0;
}

// Returns false when the engine refused to run the task: it will run no more code.
struct release_context {
    php_defer_request *request;
    defer::TaskId id;
};

// Inside the task's sandbox and time limit, right after it ran.
void release_task(void *context) {
    auto *task = static_cast<release_context *>(context);
    php_defer_payload_release_in_sandbox(&task->request->tasks.find(task->id)->payload);
}

bool run_task(php_defer_request *request, decltype(php_defer_request::tasks)::Task *task) {
    // The task may queue more tasks, which moves the queue: keep copies, settle by id.
    defer::TaskId id = task->id;
    php_defer_payload payload = task->payload;

    zend_fcall_info fci = {};
    fci.size = sizeof(fci);
    ZVAL_COPY_VALUE(&fci.function_name, &payload.callable);
    fci.params = payload.args;
    fci.param_count = payload.argc;
    fci.named_params = payload.named_args;
    fci.object = payload.fcc.object;
    zend_fcall_info_cache fcc = payload.fcc;

    // Each task starts with a fresh max_execution_time: what the main script or an
    // earlier task used (or a timeout there) must not cut this one short.
    if (EG(timeout_seconds) > 0) {
        zend_set_timeout(EG(timeout_seconds), 0);
    }
    php_defer_call_result result;
    defer::Clock::time_point started = defer::Clock::now();
    php_defer_timer_arm(&request->stop, request->budget.deadline_for_task(started));
    release_context release = {request, id};
    php_defer_call_site site = payload.deferred_at;
    php_defer_sandbox_call_task(&fci, &fcc, &result, release_task, &release, &site);
    if (getpid() != request->phase_pid) {
        // The task forked (pcntl_fork) and this is the child, back from the task: the
        // parent runs the other tasks and records them; the child ends, with the status
        // its exit() gave, as a script's child would.
        request->forked_child = true;
        if (result.outcome == PHP_DEFER_CALL_EXIT) {
            EG(exit_status) = result.exit_status;
        }
        if (result.error) {
            zend_string_release(result.error);
        }
        php_defer_timer_disarm(&request->stop);
        return false;
    }
    bool was_suspended = request->stop.was_suspended;
    bool stopped = php_defer_timer_disarm(&request->stop);
    // A finally block that returns swallows the stop: the task still ran over its limit.
    bool stop_swallowed = request->stop.thrown && result.outcome == PHP_DEFER_CALL_OK;
    double duration = defer::seconds_between(started, defer::Clock::now());

    defer::TaskState state = state_of(result.outcome);
    if ((stopped && result.outcome != PHP_DEFER_CALL_OK) || stop_swallowed) {
        state = defer::TaskState::timeout;
        if (result.error) {
            zend_string_release(result.error);
        }
        result.error = describe_stop(request, duration);
    } else if (is_execution_time_fatal(result)) {
        state = defer::TaskState::timeout;
    } else if (was_suspended && result.outcome == PHP_DEFER_CALL_EXIT && phase_fiber_destroyed()) {
        zend_string_release(result.error);
        result.error = zend_string_init(
            ZEND_STRL("suspended the Fiber running it, which was destroyed before it was resumed: the task never "
                      "finished"),
            0);
    }
    if (result.error) {
        log_task(id, &request->tasks.find(id)->payload, defer::task_state_name(state), ZSTR_VAL(result.error));
    }
    php_defer_pool_task_settled(state, duration);
    request->tasks.settle(id, state, duration,
                          result.error ? std::string_view(ZSTR_VAL(result.error), ZSTR_LEN(result.error))
                                       : std::string_view());
    if (result.error) {
        zend_string_release(result.error);
    }
    return result.outcome != PHP_DEFER_CALL_REFUSED;
}

// One log line for all the tasks skipped at once (a spent budget can skip thousands): the
// count, then the first few by id and name. A single skip reads as any task's line does.
void skip_pending(php_defer_request *request, const char *reason) {
    constexpr size_t named = 3;
    size_t skipped = 0;
    defer::TaskId first = 0;
    smart_str names = {};
    bool logging = DEFER_G(ini.log) != static_cast<zend_long>(defer::LogLevel::off);
    for (auto &task : request->tasks) {
        if (task.state != defer::TaskState::pending) {
            continue;
        }
        if (skipped == 0) {
            first = task.id;
        }
        if (logging && skipped < named) {
            zend_string *name = php_defer_payload_name(&task.payload);
            smart_str_append_printf(&names, "%s#" ZEND_LONG_FMT " (%s)", skipped ? ", " : "",
                                    static_cast<zend_long>(task.id), ZSTR_VAL(name));
            zend_string_release(name);
        }
        skipped++;
    }
    if (skipped == 1) {
        auto *task = request->tasks.find(first);
        log_task(task->id, &task->payload, "skipped", reason);
    } else if (logging && skipped > 1) {
        smart_str_0(&names);
        if (skipped > named) {
            php_defer_log("%zu tasks skipped: %s: %s and %zu more", skipped, reason, ZSTR_VAL(names.s),
                          skipped - named);
        } else {
            php_defer_log("%zu tasks skipped: %s: %s", skipped, reason, ZSTR_VAL(names.s));
        }
    }
    smart_str_free(&names);
    defer::TaskId end = request->tasks.next_id();
    php_defer_pool_tasks_skipped(request->tasks.skip_pending(reason));
    // Skipped tasks let go of what they hold now. By id: a destructor may queue more tasks.
    for (defer::TaskId id = first; skipped > 0 && id < end; id++) {
        auto *task = request->tasks.find(id);
        if (task->state == defer::TaskState::skipped) {
            php_defer_payload_release(&task->payload);
        }
    }
}

void skip_for_budget(php_defer_request *request) {
    zend_string *reason =
        zend_strpprintf(0, "defer.time_budget of %g s spent before it could start", request->budget.time_budget());
    skip_pending(request, ZSTR_VAL(reason));
    zend_string_release(reason);
}

// Runs the pending tasks, first in, first out, until none is left or the budget is spent.
void run_tasks(php_defer_request *request) {
    for (;;) {
        if (request->budget.phase_spent(defer::Clock::now())) {
            php_defer_pool_budget_spent();
            skip_for_budget(request);
            break;
        }
        auto *task = request->tasks.start_next();
        if (task == nullptr) {
            break;
        }
        php_defer_deploy_prepare(request, task->id);
        bool ran = run_task(request, task);
        if (phase_fiber_destroyed()) {
            break; // no more tasks inside a fiber being destroyed: the next phase runs them
        }
        if (!ran) {
            if (request->forked_child) {
                break;
            }
            zend_string *reason =
                zend_strpprintf(0, "the engine runs no more PHP code: %s", php_defer_sandbox_refusal_reason());
            skip_pending(request, ZSTR_VAL(reason));
            zend_string_release(reason);
            break;
        }
    }
}

void start_budget(php_defer_request *request) {
    request->phase_pid = getpid();
    request->budget = defer::Budget(DEFER_G(ini.time_budget), DEFER_G(ini.task_timeout));
    request->budget.start_phase(defer::Clock::now());
}

// A deferred phase's bracket around the tasks: SIGPIPE counting, the deploy handler and the
// pool's counters (a phase with nothing to run, run_pending() having run it all, counts
// nothing). The after-response hook finishes the response inside it, before the tasks.
void run_tasks_in_phase(php_defer_request *request, bool finish_response) {
    php_defer_sigpipe_watch();
    php_defer_deploy_phase_start();
    int slot = request->tasks.pending() > 0 ? php_defer_pool_phase_entered() : PHP_DEFER_POOL_NOT_COUNTED;
    defer::Clock::time_point entered = defer::Clock::now();
    if (finish_response) {
        php_defer_finish_response(request);
        if (EG(exception)) {
            // An output handler threw while the buffers were flushed.
            zend_exception_error(EG(exception), E_WARNING);
            zend_clear_exception();
        }
    }
    run_tasks(request);
    php_defer_deploy_phase_end();
    if (!request->forked_child) { // a child counts nothing: its parent's slot has the phase
        php_defer_pool_phase_left(slot, defer::seconds_between(entered, defer::Clock::now()));
    }
}

void run_phase(php_defer_request *request) {
    if (request->phase_running || request->forked_child) {
        return;
    }
    request->phase_running = true;
    if (!request->record.phase.running()) {
        request->record.phase.start();
        start_budget(request);
    }
    run_tasks_in_phase(request, true);
    if (request->in_fallback) {
        zend_unset_timeout(); // the request's own timer was already stopped before RSHUTDOWN
    }
    request->phase_running = false;
}

void append_copy(php_defer_request *request) {
    php_shutdown_function_entry entry;
    php_defer_shutdown_entry_init(&entry, reinterpret_cast<zend_function *>(&hook_function));
    append_user_shutdown_function(&entry);
    request->hook_copies_appended++;
    request->hook_list_size = BG(user_shutdown_function_names)->nNumUsed;
}

ZEND_NAMED_FUNCTION(hook_handler) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETVAL_NULL();
    php_defer_request *request = DEFER_G(request);
    if (request == nullptr) {
        return;
    }
    if (request->in_fallback) {
        run_phase(request);
        return;
    }
    // Copies run in the order they were appended: only the newest one may act.
    if (++request->hook_copies_run != request->hook_copies_appended) {
        return;
    }
    HashTable *list = BG(user_shutdown_function_names);
    if (list != nullptr && list->nNumUsed != request->hook_list_size) {
        // The application registered shutdown functions after us: go last again.
        append_copy(request);
        return;
    }
    run_phase(request);
}

// zend_try below: plain C data only in this function.
bool call_hook_guarded(void) {
    zval retval;
    zend_fcall_info fci = {};
    zend_fcall_info_cache fcc = {};
    fci.size = sizeof(fci);
    ZVAL_UNDEF(&fci.function_name);
    fci.retval = &retval;
    fcc.function_handler = reinterpret_cast<zend_function *>(&hook_function);
    volatile bool completed = true;
    // php-src spells it "} zend_catch {" and "} zend_end_try();"
    // clang-format off
    zend_try {
        if (zend_call_function(&fci, &fcc) == SUCCESS) {
            zval_ptr_dtor(&retval);
        } else {
            completed = false;
        }
    } zend_catch {
        completed = false;
    } zend_end_try();
    // clang-format on
    return completed;
}

} // namespace

void php_defer_hook_startup(void) {
    memset(&hook_function, 0, sizeof(hook_function));
    hook_function.type = ZEND_INTERNAL_FUNCTION;
    hook_function.function_name = zend_string_init_interned(ZEND_STRL("{defer}"), 1);
    hook_function.handler = hook_handler;
}

void php_defer_hook_schedule(php_defer_request *request) {
    bool copy_pending = request->hook_copies_run < request->hook_copies_appended;
    if (!copy_pending && !request->phase_running && !request->in_fallback && EG(active)) {
        append_copy(request);
    }
}

size_t php_defer_run_pending(php_defer_request *request) {
    // The tasks of the previous call go now, so that defer_status() shows this call's and a
    // worker loop's memory stays flat; their counts stay.
    request->tasks.forget_settled([](php_defer_payload &payload) { php_defer_payload_free(&payload); });
    size_t ran_before = request->tasks.counts().ran;
    // A phase of its own: a fresh budget, the same per-task limits, sandbox and records. The
    // response is not finished: a task's output goes where the caller's goes.
    request->phase_running = true;
    start_budget(request);
    run_tasks_in_phase(request, false);
    request->phase_running = false;
    if (request->forked_child) {
        // A task forked and this is the child: it must not go back to the caller's loop as a
        // second worker, so it ends here, as exit() in the task ended it.
        zend_throw_unwind_exit();
        return 0;
    }
    return request->tasks.counts().ran - ran_before;
}

void php_defer_hook_fallback(php_defer_request *request) {
    if (request->forked_child || request->tasks.pending() == 0) {
        return;
    }
    // Reached when exit() or a fatal error stopped the shutdown list before our hook,
    // or tasks were queued after it ran. Destructors have run; the engine still runs code.
    if (defer::TaskId interrupted = request->tasks.running()) {
        // A bailout escaped while this task ran (e.g. from an output handler it started).
        request->tasks.settle(interrupted, defer::TaskState::fatal, 0.0,
                              PG(last_error_message) ? ZSTR_VAL(PG(last_error_message)) : "interrupted");
    }
    request->phase_running = false;
    request->in_fallback = true;
    bool completed = call_hook_guarded();
    request->in_fallback = false;
    if (completed && request->tasks.pending() == 0) {
        return;
    }
    zend_string *reason = zend_strpprintf(
        0, "the engine stopped before the task could start%s%s%s", PG(last_error_message) ? " (" : "",
        PG(last_error_message) ? ZSTR_VAL(PG(last_error_message)) : "", PG(last_error_message) ? ")" : "");
    skip_pending(request, ZSTR_VAL(reason));
    zend_string_release(reason);
}
