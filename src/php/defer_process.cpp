#include "defer_process.h"

#include <pthread.h>
#include <unistd.h>

namespace {

pid_t current = 0;
bool registered = false;

void after_fork_in_child(void) {
    current = getpid();
}

} // namespace

void php_defer_process_startup(void) {
    current = getpid();
    if (!registered) {
        // Never unregistered by hand: glibc drops a library's fork handlers when it is unloaded
        // (pthread_atfork() passes the library's __dso_handle), as Apache's restart does.
        registered = pthread_atfork(nullptr, nullptr, after_fork_in_child) == 0;
    }
}

pid_t php_defer_process_id(void) {
    // Without a handler (pthread_atfork() failed), ask each time.
    return registered ? current : getpid();
}
