// The pool's numbers: counters every worker adds to, in memory mapped when PHP starts,
// before php-fpm (or Apache, or a CLI script with pcntl_fork) forks its workers.
#ifndef DEFER_POOL_H
#define DEFER_POOL_H

#include "php.h"

#include <cstdint>

#include "defer/task_state.h"

/* MINIT: maps the block (php-fpm: finds it again after its re-exec on a reload). */
void php_defer_pool_startup(void);
void php_defer_pool_shutdown(void);

void php_defer_pool_task_settled(defer::TaskState state, double seconds);
void php_defer_pool_tasks_skipped(size_t count);
void php_defer_pool_budget_spent(void);
/* A phase's start returns the slot its end is counted in; NOT_COUNTED for a phase not counted. */
#define PHP_DEFER_POOL_NOT_COUNTED (-2)
int php_defer_pool_phase_entered(void);
void php_defer_pool_phase_left(int slot, double seconds);
/* Async-signal-safe: from the SIGTERM handler of a phase cut short. */
void php_defer_pool_phase_cut(uint64_t tasks);

/* defer_pool_status()'s array. */
void php_defer_pool_status(zval *return_value);

#endif
