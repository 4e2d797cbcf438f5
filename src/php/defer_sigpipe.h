// Counting SIGPIPE: a write to a closed socket or pipe is counted and fails with EPIPE,
// whatever the SAPI's disposition (SIG_DFL would kill the worker). A handler the
// application installed (pcntl_signal) is chained, so it still receives the signal. The
// programs PHP starts (exec(), system(), proc_open(), popen(), mail(), ...) inherit the
// disposition the SAPI had, not ours.
#ifndef DEFER_SIGPIPE_H
#define DEFER_SIGPIPE_H

#include <cstdint>

/* (Re)installs the counting handler if something replaced it (one sigaction query). */
void php_defer_sigpipe_watch(void);
/* At request start: installs it once per process, and looks again each request only where
 * something in PHP can replace it (pcntl is loaded), so other workers pay nothing; notes
 * the count so far, which the request's own count starts from. */
void php_defer_sigpipe_request_start(void);
/* SIGPIPEs counted in this process since the current request started. */
uint64_t php_defer_sigpipe_this_request(void);
/* MINIT: the functions that start programs run with the disposition found before ours. */
void php_defer_sigpipe_startup(void);
/* Puts back the disposition found before ours. */
void php_defer_sigpipe_shutdown(void);

#endif
