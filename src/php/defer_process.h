// This process's id without a system call: glibc no longer caches getpid(), and the glue asks
// at every task's start and end whether a task forked (pcntl_fork()) and this is the child.
// The id is taken at startup and again in each child of fork() (a pthread_atfork() handler).
#ifndef DEFER_PROCESS_H
#define DEFER_PROCESS_H

#include <sys/types.h>
#include <unistd.h>

struct php_defer_process_state {
    pid_t id;        // as of startup or the last fork()
    bool registered; // the fork handler is in place: id is current
};
extern php_defer_process_state php_defer_process;

/* MINIT: takes the id and registers the fork handler (once per process image). */
void php_defer_process_startup(void);

/* getpid(), as of the last fork(). Inline: asked several times per task. */
inline pid_t php_defer_process_id(void) {
    // Without a handler (pthread_atfork() failed), ask each time.
    return php_defer_process.registered ? php_defer_process.id : getpid();
}

#endif
