// This process's id without a system call: glibc no longer caches getpid(), and the glue asks
// at every task's start and end whether a task forked (pcntl_fork()) and this is the child.
// The id is taken at startup and again in each child of fork() (a pthread_atfork() handler).
#ifndef DEFER_PROCESS_H
#define DEFER_PROCESS_H

#include <sys/types.h>

/* MINIT: takes the id and registers the fork handler (once per process image). */
void php_defer_process_startup(void);
/* getpid(), as of the last fork(). */
pid_t php_defer_process_id(void);

#endif
