#include "defer_hook.h"

#include <new>
#include <string_view>
#include <unistd.h>

#include "defer/ini_values.h"
#include "defer_compat.h"
#include "defer_deploy.h"
#include "defer_describe.h"
#include "defer_failure.h"
#include "defer_finish.h"
#include "defer_pool.h"
#include "defer_process.h"
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

void log_task(php_defer_task *task, const char *what, const char *why) {
    if (DEFER_G(ini.log) == static_cast<zend_long>(defer::LogLevel::off)) {
        return; // skip naming the callable too
    }
    smart_str label = {};
    php_defer_task_label(&label, task);
    smart_str_0(&label);
    php_defer_log("task %s %s: %s", ZSTR_VAL(label.s), what, why);
    smart_str_free(&label);
}

// While a named task runs, a frame of its own between the caller's and the task's, named
// "{defer:<name>}", shows the name in the stack traces of what it throws. Allocated per task
// (hook_function is shared by every thread under ZTS); plain C data, off the VM stack.
struct task_frame {
    zend_internal_function function;
    zend_execute_data frame;
    bool pushed;
};

void task_frame_push(task_frame *frame, const php_defer_task *task) {
    frame->pushed = false;
    if (task->name.empty() || EG(current_execute_data) == nullptr) {
        return;
    }
    memset(&frame->function, 0, sizeof(frame->function));
    frame->function.type = ZEND_INTERNAL_FUNCTION;
    // Concatenated, not formatted: a task's own call costs about as much as printf parsing.
    constexpr std::string_view open = "{defer:";
    zend_string *label = zend_string_alloc(open.size() + task->name.size() + 1, false);
    memcpy(ZSTR_VAL(label), open.data(), open.size());
    memcpy(ZSTR_VAL(label) + open.size(), task->name.data(), task->name.size());
    ZSTR_VAL(label)[ZSTR_LEN(label) - 1] = '}';
    ZSTR_VAL(label)[ZSTR_LEN(label)] = '\0';
    frame->function.function_name = label;
    frame->function.handler = hook_function.handler;
    memset(&frame->frame, 0, sizeof(frame->frame));
    frame->frame.func = reinterpret_cast<zend_function *>(&frame->function);
    frame->frame.prev_execute_data = EG(current_execute_data);
    EG(current_execute_data) = &frame->frame;
    frame->pushed = true;
}

void task_frame_pop(task_frame *frame) {
    if (!frame->pushed) {
        return;
    }
    // The sandbox put back the frame it started from, this one, even after a bailout.
    EG(current_execute_data) = frame->frame.prev_execute_data;
    zend_string_release(frame->function.function_name);
    frame->pushed = false;
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

// Inside the task's sandbox and time limit, right after it ran (context: its payload).
void release_task(void *context) {
    php_defer_payload_release_in_sandbox(static_cast<php_defer_payload *>(context));
}

// Each task starts with a fresh max_execution_time: what the main script or an earlier task
// used (or a timeout there) must not cut this one short. Setting it is a system call
// (setitimer()): tasks that start within a millisecond of the last setting share it, so a
// task gets max_execution_time less at most that millisecond.
void refresh_execution_time(php_defer_request *request, defer::Clock::time_point now) {
    constexpr auto shared_for = std::chrono::milliseconds(1);
    if (EG(timeout_seconds) > 0 &&
        (!request->execution_time_set || now - request->execution_time_set_at >= shared_for)) {
        zend_set_timeout(EG(timeout_seconds), 0);
        request->execution_time_set = true;
        request->execution_time_set_at = now;
    }
}

// A shutdown function a task registers is the task's code: it runs within the limits, not
// after the deferred phase with none. It keeps its place, after the tasks queued before it
// ran (what it defers runs after it), as PHP runs a script's after the script.
void keep_shutdown_functions(php_defer_request *request, defer::TaskId id, HashTable *functions) {
    if (functions != nullptr) {
        request->tasks.find(id)->payload.shutdown_functions = functions; // no allocation: memory may be short
        request->shutdown_functions_kept++;
    }
}

// The next task's shutdown functions to run, in id order, once no task is pending.
bool take_shutdown_functions(php_defer_request *request, php_defer_task_shutdown_functions *list) {
    defer::TaskId end = request->tasks.next_id();
    if (request->shutdown_functions_kept == 0) {
        request->shutdown_functions_from = end; // none to look for (nearly always)
        return false;
    }
    for (; request->shutdown_functions_from < end; request->shutdown_functions_from++) {
        auto *task = request->tasks.find(request->shutdown_functions_from);
        if (task != nullptr && task->payload.shutdown_functions != nullptr) {
            *list = php_defer_task_shutdown_functions{task->id, task->payload.shutdown_functions};
            task->payload.shutdown_functions = nullptr;
            request->shutdown_functions_kept--;
            request->shutdown_functions_from++;
            return true;
        }
    }
    return false;
}

// Runs a started task; `started` is now (the caller's check of the budget), `ended` is set to
// the time it ended (when its failure was reported, after the handler ran). Returns false when no
// more tasks may run here: the engine refused to run it (it will run no more code), or this is
// a child the task forked.
bool run_task(php_defer_request *request, php_defer_task *task, defer::Clock::time_point started,
              defer::Clock::time_point *ended) {
    // The task may queue more tasks: `task` stays where it is (TaskQueue::start_next()).
    defer::TaskId id = task->id;
    php_defer_payload &payload = task->payload;
    // The failure handler in place when the task starts gets its failure, whatever the task
    // sets (a handler it sets applies to later tasks).
    php_defer_failure_handler handler;
    if (Z_TYPE(request->on_failure.callable) != IS_UNDEF) {
        php_defer_failure_handler_copy(&handler, &request->on_failure);
    } else {
        ZVAL_UNDEF(&handler.callable); // none: nothing to hold
    }
    task_frame frame;
    task_frame_push(&frame, task);

    zend_fcall_info fci = {};
    fci.size = sizeof(fci);
    ZVAL_COPY_VALUE(&fci.function_name, &payload.callable);
    fci.params = php_defer_payload_args(&payload); // in place: the queue never moves a task
    fci.object = payload.fcc.object;
    fci.param_count = payload.argc;
    fci.named_params = payload.named_args;
    zend_fcall_info_cache fcc = payload.fcc;
    php_defer_call_site site = payload.deferred_at;

    php_defer_call_result result;
    refresh_execution_time(request, started);
    php_defer_timer_arm(&request->stop, request->budget.deadline_for_task(started));
    php_defer_sandbox_call_task(&fci, &fcc, &result, release_task, &payload, &site);
    task_frame_pop(&frame);
    keep_shutdown_functions(request, id, result.shutdown_functions);
    if (php_defer_process_id() != request->phase_pid) {
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
        php_defer_sandbox_release_exception(&result);
        php_defer_failure_handler_release(&handler);
        return false;
    }
    bool was_suspended = request->stop.was_suspended;
    bool stopped = php_defer_timer_disarm(&request->stop);
    // A finally block that returns swallows the stop: the task still ran over its limit.
    bool stop_swallowed = request->stop.thrown && result.outcome == PHP_DEFER_CALL_OK;
    *ended = defer::Clock::now();
    double duration = defer::seconds_between(started, *ended);

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
        log_task(task, defer::task_state_name(state), ZSTR_VAL(result.error));
    }
    php_defer_pool_task_settled(state, duration);
    request->tasks.settle(*task, state, duration,
                          result.error ? std::string_view(ZSTR_VAL(result.error), ZSTR_LEN(result.error))
                                       : std::string_view());
    if (result.error) {
        zend_string_release(result.error);
    }
    if (state == defer::TaskState::ok) {
        // The common case: no exception, nothing to report, the handler held only when set.
        if (Z_TYPE(handler.callable) != IS_UNDEF) {
            php_defer_failure_handler_release(&handler);
        }
        return true;
    }
    if (state != defer::TaskState::exception) {
        php_defer_sandbox_release_exception(&result); // e.g. thrown, then a fatal error
    }
    if (php_defer_failure_is_reported(state, result.exit_status) && result.outcome != PHP_DEFER_CALL_REFUSED) {
        zend_object *exception = result.exception;
        result.exception = nullptr;
        php_defer_failure_report(request, &handler, id, exception);
        *ended = defer::Clock::now(); // the handler's time is not the next task's
    } else {
        php_defer_sandbox_release_exception(&result);
    }
    if (Z_TYPE(handler.callable) != IS_UNDEF) {
        php_defer_failure_handler_release(&handler);
    }
    return result.outcome != PHP_DEFER_CALL_REFUSED;
}

// Runs the shutdown functions one task registered, each in a sandbox, all under one limit armed
// as for a task (defer.task_timeout from their start, within the phase's budget). What one of
// them does wrong (an exception, exit(), a fatal error, running over) ends the list, as in PHP,
// is logged, and becomes the task's record if the task itself was ok.
void run_shutdown_functions(php_defer_request *request, php_defer_task_shutdown_functions list) {
    auto *task = request->tasks.find(list.id);
    php_defer_call_site site = task->payload.deferred_at;
    defer::Clock::time_point started = defer::Clock::now();
    php_defer_call_result result = {};
    bool stopped = false;
    size_t not_run = 0;
    if (request->budget.phase_spent(started)) {
        not_run = zend_hash_num_elements(list.functions);
    } else {
        php_defer_timer_arm(&request->stop, request->budget.deadline_for_task(started));
        // By index: one of them may register more, which run after it.
        for (zend_ulong i = 0; i < static_cast<zend_ulong>(list.functions->nNextFreeElement); i++) {
            auto *entry = static_cast<php_shutdown_function_entry *>(zend_hash_index_find_ptr(list.functions, i));
            if (entry == nullptr) {
                continue;
            }
            if (result.outcome != PHP_DEFER_CALL_OK) {
                not_run++; // the list ends at the first that fails
                continue;
            }
            php_defer_sandbox_call_shutdown_function(entry, &result, &site);
            if (result.shutdown_functions != nullptr) {
                // Registered by a shutdown function: after the ones already listed, in this list.
                zend_ulong key;
                void *registered;
                // php-src spells the end "ZEND_HASH_FOREACH_END();"
                // clang-format off
                ZEND_HASH_FOREACH_NUM_KEY_PTR(result.shutdown_functions, key, registered) {
                    (void)key;
                    zend_hash_next_index_insert_ptr(list.functions, registered);
                } ZEND_HASH_FOREACH_END();
                        // clang-format on
                        result.shutdown_functions->pDestructor = nullptr; // the entries moved
                        php_defer_shutdown_functions_free(result.shutdown_functions);
                        result.shutdown_functions = nullptr;
            }
        }
        // What a shutdown function threw is in the record, as text; the object goes here,
        // inside the limit (its destructor is the task's code too).
        php_defer_sandbox_release_exception(&result);
        bool fired = php_defer_timer_disarm(&request->stop);
        stopped = fired && (result.outcome != PHP_DEFER_CALL_OK || request->stop.thrown);
    }
    php_defer_shutdown_functions_free(list.functions);
    double duration = defer::seconds_between(started, defer::Clock::now());
    zend_string *error = nullptr;
    defer::TaskState state = state_of(result.outcome);
    if (stopped) {
        state = defer::TaskState::timeout;
        error = describe_stop(request, duration);
    } else if (result.error) {
        error = zend_string_copy(result.error);
    } else if (not_run > 0) {
        state = defer::TaskState::skipped;
        error = zend_strpprintf(0, "defer.time_budget of %g s spent before they could start",
                                request->budget.time_budget());
    }
    if (result.error) {
        zend_string_release(result.error);
    }
    if (error == nullptr) {
        return;
    }
    zend_string *why =
        not_run > 0 ? zend_strpprintf(0, "%s (%zu not run)", ZSTR_VAL(error), not_run) : zend_string_copy(error);
    zend_string *what = zend_strpprintf(0, "shutdown function %s", defer::task_state_name(state));
    log_task(task, ZSTR_VAL(what), ZSTR_VAL(why));
    if (task->state == defer::TaskState::ok && state != defer::TaskState::skipped) {
        zend_string *record = zend_strpprintf(0, "its shutdown function: %s", ZSTR_VAL(why));
        request->tasks.settle(*task, state, task->duration + duration,
                              std::string_view(ZSTR_VAL(record), ZSTR_LEN(record)));
        zend_string_release(record);
    }
    zend_string_release(what);
    zend_string_release(why);
    zend_string_release(error);
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
            if (skipped) {
                smart_str_appendl(&names, ", ", 2);
            }
            php_defer_task_label(&names, &task);
        }
        skipped++;
    }
    if (skipped == 1) {
        log_task(request->tasks.find(first), "skipped", reason);
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

// What tasks registered and could not run is said, not dropped.
void report_shutdown_functions_left(php_defer_request *request) {
    php_defer_task_shutdown_functions list;
    while (!request->forked_child && take_shutdown_functions(request, &list)) {
        run_shutdown_functions(request, list); // runs none: the budget is spent, or the engine refuses
    }
}

// Runs the pending tasks, first in, first out, until none is left or the budget is spent.
void run_tasks(php_defer_request *request) {
    // One clock reading between two tasks: the end of one is the check of the budget and the
    // start of the next (a few hundred instructions apart).
    defer::Clock::time_point now = defer::Clock::now();
    for (;;) {
        if (request->budget.phase_spent(now)) {
            php_defer_pool_budget_spent();
            skip_for_budget(request);
            report_shutdown_functions_left(request);
            break;
        }
        auto *task = request->tasks.start_next();
        if (task == nullptr) {
            php_defer_task_shutdown_functions list;
            if (!take_shutdown_functions(request, &list)) {
                break;
            }
            run_shutdown_functions(request, list);
            now = defer::Clock::now();
            continue;
        }
        php_defer_deploy_prepare(request, task->id);
        bool ran = run_task(request, task, now, &now);
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
            report_shutdown_functions_left(request);
            break;
        }
    }
}

void start_budget(php_defer_request *request) {
    request->phase_pid = php_defer_process_id();
    request->execution_time_set = false; // the main script's clock, or the previous phase's
    php_defer_timer_phase_start(&request->stop);
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
