#include "defer_sigpipe.h"

#include <atomic>
#include <csignal>

namespace {

std::atomic<uint64_t> counted{0};
struct sigaction previous = {};
bool installed = false;

void on_sigpipe(int signal_number, siginfo_t *info, void *context) {
    counted.fetch_add(1, std::memory_order_relaxed);
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction) {
            previous.sa_sigaction(signal_number, info, context);
        }
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal_number);
    }
    // SIG_DFL or SIG_IGN before us: return, and the write fails with EPIPE.
}

}  // namespace

void php_defer_sigpipe_watch(void) {
    struct sigaction current;
    if (sigaction(SIGPIPE, nullptr, &current) != 0) {
        return;
    }
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_sigpipe) {
        return;
    }
    struct sigaction ours = {};
    ours.sa_sigaction = on_sigpipe;
    ours.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&ours.sa_mask);
    previous = current;
    installed = sigaction(SIGPIPE, &ours, nullptr) == 0;
}

uint64_t php_defer_sigpipe_count(void) { return counted.load(std::memory_order_relaxed); }

void php_defer_sigpipe_shutdown(void) {
    if (installed) {
        sigaction(SIGPIPE, &previous, nullptr);
        installed = false;
    }
}
