// Stopping a deferred task that runs over its time: a watchdog thread raises the
// engine's VM interrupt (for PHP code) and sends a signal without SA_RESTART (for
// sleep(), usleep() and other interruptible waits); our interrupt hook then unwinds
// the task with a graceful exit: catch (\Throwable) cannot swallow it, its finally
// blocks run, then its destructors, within a bounded grace.
#ifndef DEFER_TIMER_H
#define DEFER_TIMER_H

#include <atomic>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <pthread.h>

#include "php.h"

#include "defer/budget.h"

// Shared with the watchdog thread, which touches nothing else of the engine.
struct php_defer_stop {
    std::atomic<bool> fired{false};
    zend_atomic_bool *vm_interrupt = nullptr; // this PHP thread's EG(vm_interrupt)
    pthread_t thread{};
    int signals_sent = 0;                    // watchdog thread only
    std::atomic<bool> signal_refused{false}; // the signal's handler was not ours: not sent
    // PHP thread only.
    bool active = false;
    bool thrown = false;
    bool signal_checked = false; // the signal's disposition, at the phase's first armed limit
    defer::Clock::time_point thrown_at{};
    defer::Deadline deadline{};
    // Escalation (see defer_timer.cpp): where the interrupt cannot be reached in time.
    std::atomic<bool> escalate{false};           // set by the watchdog once the stop is overdue
    bool may_escalate = false;                   // the JIT's code is known, the signal is ours
    std::atomic<bool> escalation_pending{false}; // sent, not yet delivered
    int escalation_signals = 0;                  // watchdog thread only
    int escalation_fires = 0;                    // watchdog thread only
    clockid_t thread_cpu_clock{};                // the PHP thread's CPU time
    bool has_cpu_clock = false;
    pid_t cpu_clock_pid = 0;              // the process thread_cpu_clock was read in (a fork's child reads it again)
    int64_t cpu_at_deadline_ns = -1;      // watchdog thread only: the PHP thread's CPU time at the first fire
    volatile sig_atomic_t unwinding = 0;  // thrown, or being ended from the signal handler
    volatile sig_atomic_t terminated = 0; // ended by a fatal error from the signal handler
    zend_execute_data *frame = nullptr;   // the frame that called the task
    // Fibers (PHP thread only): the context the task runs in, set from arm to disarm. While
    // the task has that context suspended (Fiber::suspend() of the fiber running the phase)
    // its limit is paused, and resumes with what was left when the fiber is resumed.
    zend_fiber_context *context = nullptr;
    bool suspended = false;
    bool was_suspended = false;
    bool paused_limit = false;
    defer::Clock::duration paused_remaining{};
};

void php_defer_timer_startup(void);
void php_defer_timer_shutdown(void);

/* At a deferred phase's start: its first armed limit checks the signal's disposition again. */
void php_defer_timer_phase_start(php_defer_stop *stop);

/* Watches the task about to run until php_defer_timer_disarm(); no-op without a deadline. */
void php_defer_timer_arm(php_defer_stop *stop, defer::Deadline deadline);
/* Returns true if the task was stopped by its deadline. */
bool php_defer_timer_disarm(php_defer_stop *stop);

/* True while the running task has suspended the fiber that runs it (and the phase). */
bool php_defer_timer_task_suspended(const php_defer_stop *stop);

#endif
