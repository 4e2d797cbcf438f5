// Stopping a deferred task that runs over its time: a watchdog thread raises the
// engine's VM interrupt (for PHP code) and sends a signal without SA_RESTART (for
// sleep(), usleep() and other interruptible waits); our interrupt hook then unwinds
// the task with a graceful exit: catch (\Throwable) cannot swallow it, its finally
// blocks run, then its destructors, within a bounded grace.
#ifndef DEFER_TIMER_H
#define DEFER_TIMER_H

#include <atomic>
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
};

void php_defer_timer_startup(void);
void php_defer_timer_shutdown(void);

/* At a deferred phase's start: its first armed limit checks the signal's disposition again. */
void php_defer_timer_phase_start(php_defer_stop *stop);

/* Watches the task about to run until php_defer_timer_disarm(); no-op without a deadline. */
void php_defer_timer_arm(php_defer_stop *stop, defer::Deadline deadline);
/* Returns true if the task was stopped by its deadline. */
bool php_defer_timer_disarm(php_defer_stop *stop);

#endif
