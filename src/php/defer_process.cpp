#include "defer_process.h"

#include <pthread.h>
#include <unistd.h>

php_defer_process_state php_defer_process = {0, false};

namespace {

void after_fork_in_child(void) {
    php_defer_process.id = getpid();
}

} // namespace

void php_defer_process_startup(void) {
    php_defer_process.id = getpid();
    if (!php_defer_process.registered) {
        // Never unregistered by hand: glibc drops a library's fork handlers when it is unloaded
        // (pthread_atfork() passes the library's __dso_handle), as Apache's restart does.
        php_defer_process.registered = pthread_atfork(nullptr, nullptr, after_fork_in_child) == 0;
    }
}
