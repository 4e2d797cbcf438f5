// Runs the extension's code around chosen internal functions (a SAPI's finish function,
// the functions that start programs), by wrapping their handlers once startup is over: the
// SAPI's functions are registered after every MINIT. Other functions pay nothing.
#ifndef DEFER_OBSERVE_H
#define DEFER_OBSERVE_H

#include "php.h"

struct php_defer_around {
    void (*before)(void);                    // may be NULL
    void (*after)(const zval *return_value); // may be NULL
};

/* In MINIT: wrap `name` (if it exists once startup is over) with `around`. */
void php_defer_observe(const char *name, size_t length, php_defer_around around);
/* MINIT, after the php_defer_observe() calls / MSHUTDOWN. */
void php_defer_observe_startup(void);
void php_defer_observe_shutdown(void);

#endif
