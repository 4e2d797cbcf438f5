// Counting SIGPIPE: a write to a closed socket or pipe is counted and fails with EPIPE,
// whatever the SAPI's disposition (SIG_DFL would kill the worker). A handler the
// application installed (pcntl_signal) is chained, so it still receives the signal.
#ifndef DEFER_SIGPIPE_H
#define DEFER_SIGPIPE_H

#include <cstdint>

/* (Re)installs the counting handler if something replaced it; cheap when in place. */
void php_defer_sigpipe_watch(void);
/* SIGPIPEs counted in this process so far. */
uint64_t php_defer_sigpipe_count(void);
/* Puts back the disposition found before ours. */
void php_defer_sigpipe_shutdown(void);

#endif
