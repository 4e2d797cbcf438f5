#include "defer_timer.h"

#include <csignal>
#include <new>
#include <unistd.h>

#include "defer/watchdog.h"
#include "defer_request.h"
#include "zend_exceptions.h"

namespace {

// A realtime signal the engine does not use (ZTS execution timers take SIGRTMIN).
int stop_signal() {
    return SIGRTMIN + 2;
}

bool stop_signal_installed = false;
void (*previous_interrupt)(zend_execute_data *execute_data) = nullptr;

// How often the watchdog repeats itself after the deadline, and how long a stopped
// task may keep running (destructors while unwinding) before it is made a fatal error.
constexpr auto repeat_every = std::chrono::milliseconds(5);
constexpr auto grace = std::chrono::seconds(1);
// The signal is sent only the first few times (20 ms apart): enough to catch a task that
// entered a wait just after the first one, few enough that a socket wait which restarts
// poll() with its full timeout after EINTR (PHP's streams do) still comes to an end.
constexpr int max_signals = 3;
constexpr int fires_between_signals = 4;

void on_stop_signal(int) {
    // Nothing to do: being delivered without SA_RESTART is what cuts sleep() short.
}

// Runs on the watchdog thread.
void on_deadline(void *context) {
    auto *stop = static_cast<php_defer_stop *>(context);
    stop->fired.store(true);
    zend_atomic_bool_store(stop->vm_interrupt, true);
    if (stop_signal_installed && stop->signals_sent < max_signals * fires_between_signals) {
        if (stop->signals_sent % fires_between_signals == 0) {
            pthread_kill(stop->thread, stop_signal());
        }
        stop->signals_sent++;
    }
}

void enforce_stop(php_defer_stop *stop, bool safe) {
    defer::Clock::time_point now = defer::Clock::now();
    if (!stop->thrown) {
        if (!safe && now - stop->deadline.at < grace) {
            return; // the watchdog fires again in a few milliseconds, at another opline
        }
        if (!safe) {
            zend_error_noreturn(E_ERROR, "Deferred task could not be stopped cleanly by %s",
                                defer::limit_name(stop->deadline.limit));
        }
        stop->thrown = true;
        stop->thrown_at = now;
        if (EG(exception)) {
            zend_clear_exception();
        }
        // Not exit()'s unwind: a graceful exit runs the task's finally blocks (a lock or a
        // transaction is released), and catch (\Throwable) still cannot catch it.
        zend_throw_graceful_exit();
    } else if (now - stop->thrown_at > grace) {
        zend_error_noreturn(E_ERROR, "Deferred task kept running after it was stopped by %s",
                            defer::limit_name(stop->deadline.limit));
    }
}

// Throwing from the interrupt hook unwinds from the current opline, and the engine frees
// only the temporaries whose live range covers it: a value the opline was about to consume
// (str_repeat()'s result before strlen) or a call's result just written would leak. Throw
// only at an opline with neither; otherwise wait for the watchdog's next fire.
bool holds_counted_value(const zend_execute_data *execute_data, zend_uchar type, znode_op operand) {
    if (!(type & (IS_TMP_VAR | IS_VAR))) {
        return false;
    }
    // Never freed here, only looked at: a value that is not reference-counted cannot leak.
    const zval *value = ZEND_CALL_VAR(execute_data, operand.var);
    return Z_REFCOUNTED_P(value);
}

bool safe_to_unwind(const zend_execute_data *execute_data) {
    if (execute_data == nullptr || execute_data->func == nullptr || !ZEND_USER_CODE(execute_data->func->type) ||
        execute_data->opline == nullptr) {
        return true;
    }
    const zend_op *opline = execute_data->opline;
    if (holds_counted_value(execute_data, opline->op1_type, opline->op1) ||
        holds_counted_value(execute_data, opline->op2_type, opline->op2)) {
        return false;
    }
    switch (opline->opcode) {
        case ZEND_DO_ICALL:
        case ZEND_DO_UCALL:
        case ZEND_DO_FCALL:
        case ZEND_DO_FCALL_BY_NAME:
            return !holds_counted_value(execute_data, opline->result_type, opline->result);
        default:
            return true;
    }
}

void interrupt(zend_execute_data *execute_data) {
    if (previous_interrupt) {
        previous_interrupt(execute_data);
    }
    php_defer_request *request = DEFER_G(request);
    if (request == nullptr || !request->stop.active || !request->stop.fired.load() || !EG(current_execute_data)) {
        return;
    }
    // The hook may be handed a finished callee's frame: the running code is the current one.
    // (Raising the interrupt again from here would re-enter at once: the engine checks it
    // again before the next opline.)
    enforce_stop(&request->stop, safe_to_unwind(EG(current_execute_data)));
}

} // namespace

void php_defer_timer_startup(void) {
    previous_interrupt = zend_interrupt_function;
    zend_interrupt_function = interrupt;

    struct sigaction current;
    if (sigaction(stop_signal(), nullptr, &current) == 0 && current.sa_handler == SIG_DFL &&
        !(current.sa_flags & SA_SIGINFO)) {
        struct sigaction action = {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: interrupted waits return early
        stop_signal_installed = sigaction(stop_signal(), &action, nullptr) == 0;
    }
}

void php_defer_timer_shutdown(void) {
    zend_interrupt_function = previous_interrupt;
    if (stop_signal_installed) {
        signal(stop_signal(), SIG_DFL);
        stop_signal_installed = false;
    }
}

void php_defer_timer_arm(php_defer_stop *stop, defer::Deadline deadline) {
    stop->fired.store(false);
    stop->signals_sent = 0;
    stop->thrown = false;
    stop->deadline = deadline;
    stop->active = false;
    if (deadline.limit == defer::Limit::none) {
        return;
    }
    defer::Watchdog *watchdog = DEFER_G(watchdog);
    if (watchdog != nullptr && DEFER_G(watchdog_pid) != getpid()) {
        watchdog = nullptr; // the parent's, after pcntl_fork(): abandoned, see php_defer.h
    }
    if (watchdog == nullptr) {
        // Started in the worker on first need, never before php-fpm forks it.
        watchdog = new (std::nothrow) defer::Watchdog();
        if (watchdog == nullptr || !watchdog->start()) {
            delete watchdog;
            php_error_docref(nullptr, E_WARNING,
                             "defer: cannot start the watchdog thread; deferred tasks run without a time limit");
            return;
        }
        DEFER_G(watchdog) = watchdog;
        DEFER_G(watchdog_pid) = getpid();
    }
    stop->vm_interrupt = &EG(vm_interrupt);
    stop->thread = pthread_self();
    stop->active = true;
    watchdog->arm(deadline.at, repeat_every, on_deadline, stop);
}

bool php_defer_timer_disarm(php_defer_stop *stop) {
    if (!stop->active) {
        return false;
    }
    stop->active = false;
    if (DEFER_G(watchdog_pid) != getpid()) {
        return false; // a child of pcntl_fork(): the watchdog is the parent's, the limit is off here
    }
    DEFER_G(watchdog)->disarm();
    return stop->fired.load();
}
