// Deploys: php-fpm reloads (USR2) and stops (QUIT, TERM) end a worker in its deferred phase
// with SIGTERM (at once, or after process_control_timeout), then SIGKILL. Whatever is cut
// short must be named in the log before the process dies: during the phase a SIGTERM
// handler writes a line from what is kept ready as tasks start (a signal handler may only
// write): the running task, the count not started and the first few names, each name
// formatted once, when its task comes into view.
#ifndef DEFER_DEPLOY_H
#define DEFER_DEPLOY_H

#include "defer_request.h"

/* At the deferred phase's start: opens the log and installs the handler, where SIGTERM has
 * its default action (an application's own handler is left alone). */
void php_defer_deploy_phase_start(void);
/* Before each task: what the handler would name now (the running task, and the tasks not
 * started yet: their count and the first few), updated from the previous task's. */
void php_defer_deploy_prepare(php_defer_request *request, defer::TaskId running);
/* At the phase's end: the previous SIGTERM action, the log closed. */
void php_defer_deploy_phase_end(void);

#endif
