// Every difference between the PHP versions the glue is built for (8.2, 8.4, 8.5, 8.6), in one
// place: the rest of the glue reads the same on all of them. Each entry names where the
// engine changed (the version's headers and UPGRADING.INTERNALS).
#ifndef DEFER_COMPAT_H
#define DEFER_COMPAT_H

#include "php.h"
#include "zend_alloc.h"
#include "zend_exceptions.h"
BEGIN_EXTERN_C()
#include "ext/standard/basic_functions.h"
END_EXTERN_C()

#include <csignal>
#include <initializer_list>

#if PHP_VERSION_ID < 80200
#error "defer needs PHP 8.2 or later"
#endif

// The engine's exception state that a call into user code may change. 8.6 (API 20260924)
// removed EG(prev_exception) along with zend_exception_save()/zend_exception_restore().
struct php_defer_exception_state {
    zend_object *exception;
#if PHP_VERSION_ID < 80600
    zend_object *prev_exception;
#endif
    const zend_op *opline_before_exception;
};

// Takes the engine's exception state out of the way: the call starts with none pending.
static inline void php_defer_exception_state_take(php_defer_exception_state *state) {
    state->exception = EG(exception);
    EG(exception) = nullptr;
#if PHP_VERSION_ID < 80600
    state->prev_exception = EG(prev_exception);
    EG(prev_exception) = nullptr;
#endif
    state->opline_before_exception = EG(opline_before_exception);
}

static inline void php_defer_exception_state_put_back(const php_defer_exception_state *state) {
    EG(exception) = state->exception;
#if PHP_VERSION_ID < 80600
    EG(prev_exception) = state->prev_exception;
#endif
    EG(opline_before_exception) = state->opline_before_exception;
}

// A shutdown-list entry that calls an internal function without arguments. 8.5 (API
// 20250925) dropped the entry's zend_fcall_info: it is { fci_cache, params, param_count }.
static inline void php_defer_shutdown_entry_init(php_shutdown_function_entry *entry, zend_function *function) {
    memset(entry, 0, sizeof(*entry));
#if PHP_VERSION_ID < 80500
    entry->fci.size = sizeof(entry->fci);
    ZVAL_UNDEF(&entry->fci.function_name);
#endif
    entry->fci_cache.function_handler = function;
}

// The call one entry of the shutdown function list makes (ext/standard/basic_functions.c's
// user_shutdown_function_call()); 8.5 (API 20250925) keeps only the zend_fcall_info_cache,
// with its arguments beside it.
static inline void php_defer_shutdown_entry_fcall(php_shutdown_function_entry *entry, zend_fcall_info *fci,
                                                  zend_fcall_info_cache *fcc) {
#if PHP_VERSION_ID < 80500
    *fci = entry->fci;
#else
    memset(fci, 0, sizeof(*fci));
    fci->size = sizeof(*fci);
    ZVAL_UNDEF(&fci->function_name);
    fci->object = entry->fci_cache.object;
    fci->params = entry->params;
    fci->param_count = entry->param_count;
#endif
    fci->retval = nullptr;
    *fcc = entry->fci_cache;
}

// True once memory was exhausted in this request on an engine with the fix for
// GHSA-w8hw-w9fx-j79w ("avoid state corruption via bailout": 8.2.35+, 8.4.27; not in 8.5.7
// or 8.6.0 RC3): the allocator records EG(delayed_oom) and zend_call_function() refuses
// every call for the rest of the request. That state is the point of the fix: never reset it.
static inline bool php_defer_engine_out_of_memory(void) {
#ifdef ZEND_HAS_OOM
    return ZEND_HAS_OOM();
#else
    return false;
#endif
}

// The error_log INI setting as a C string, NULL when unset. 8.6 made PG(error_log) a
// zend_string * (main/php_globals.h; UPGRADING.INTERNALS: _php_error_log() takes zend_string).
static inline const char *php_defer_error_log_setting(void) {
#if PHP_VERSION_ID >= 80600
    return PG(error_log) ? ZSTR_VAL(PG(error_log)) : nullptr;
#else
    return PG(error_log);
#endif
}

// Signal dispositions as PHP sees them. A build with Zend signal handling (ZEND_SIGNALS,
// --enable-zend-signals: Debian's) puts its own handler in front of SIGTERM, SIGINT, SIGQUIT,
// SIGHUP, SIGUSR1/2 and SIGPROF and records the application's disposition behind it:
// reading or setting that one goes through zend_sigaction(). zend_signal.h declares it
// outside its extern "C" block, so from C++ it would name a mangled symbol that does not
// exist: bind to the C one by name.
#ifdef ZEND_SIGNALS
extern "C" void php_defer_zend_sigaction(int signo, const struct sigaction *act,
                                         struct sigaction *oldact) __asm__("zend_sigaction");
#endif

static inline void php_defer_sigaction(int signo, const struct sigaction *act, struct sigaction *old) {
#ifdef ZEND_SIGNALS
    php_defer_zend_sigaction(signo, act, old);
#else
    sigaction(signo, act, old);
#endif
}

// True when nobody handles `signo`: its default action, also where a build with Zend signal
// handling (Zend/zend_signal.c) put its dispatcher in front with the default behind it, as
// pcntl leaves every signal it touched at the end of a request (ext/pcntl/pcntl.c's
// RSHUTDOWN restores SIG_DFL through zend_sigaction()). The dispatcher is not exported: it is
// recognised as the handler Zend installed for the signals it always takes (SIGTERM, SIGINT...).
static inline bool php_defer_signal_is_free(int signo) {
    struct sigaction raw = {};
    if (sigaction(signo, nullptr, &raw) != 0) {
        return false;
    }
    if (!(raw.sa_flags & SA_SIGINFO) && raw.sa_handler == SIG_DFL) {
        return true;
    }
#ifdef ZEND_SIGNALS
    struct sigaction behind = {};
    php_defer_zend_sigaction(signo, nullptr, &behind);
    if (!(raw.sa_flags & SA_SIGINFO) || behind.sa_handler != SIG_DFL) {
        return false;
    }
    for (int zend_signal : {SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT}) {
        struct sigaction taken = {};
        if (sigaction(zend_signal, nullptr, &taken) == 0 && (taken.sa_flags & SA_SIGINFO) &&
            taken.sa_sigaction == raw.sa_sigaction) {
            return true;
        }
    }
#endif
    return false;
}

#endif
