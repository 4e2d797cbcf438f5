#include "defer_sigpipe.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <initializer_list>

#include "defer_observe.h"
#include "php_defer.h"
#include "defer_compat.h"

namespace {

std::atomic<uint64_t> counted{0};
struct sigaction previous = {};
bool chain_to_previous = false;
bool installed = false;
// While a function that starts a program runs, the disposition found before ours is back:
// a program inherits an ignored signal across exec, but never a handler (it is reset to
// SIG_DFL), so with ours in place `yes | head -1` would kill `yes` instead of failing its write.
bool suspended = false;
struct sigaction ours_while_suspended = {};

bool is_function(const struct sigaction &action) {
    if (action.sa_flags & SA_SIGINFO) {
        return action.sa_sigaction != nullptr;
    }
    return action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN;
}

// Whether the handler found before ours is one to call. With Zend signal handling, an
// application's pcntl_signal(SIGPIPE, SIG_DFL) installs Zend's own handler, which carries
// out the default (kills the process): Zend's record tells that apart from a real handler.
bool should_chain(const struct sigaction &found) {
    if (!is_function(found)) {
        return false;
    }
#ifdef ZEND_SIGNALS
    struct sigaction recorded = {};
    php_defer_zend_sigaction(SIGPIPE, nullptr, &recorded);
    bool recorded_default = recorded.sa_handler == SIG_DFL || recorded.sa_handler == SIG_IGN;
    if (recorded_default && recorded.sa_flags != 0) {
        return false; // Zend's handler standing in for SIG_DFL or SIG_IGN
    }
#endif
    return true;
}

void on_sigpipe(int signal_number, siginfo_t *info, void *context) {
    counted.fetch_add(1, std::memory_order_relaxed);
    if (!chain_to_previous) {
        return; // the write fails with EPIPE instead of killing the process
    }
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(signal_number, info, context);
    } else {
        previous.sa_handler(signal_number);
    }
}

} // namespace

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
    chain_to_previous = false; // until `previous` is complete
    previous = current;
    chain_to_previous = should_chain(current);
    installed = sigaction(SIGPIPE, &ours, nullptr) == 0;
}

void php_defer_sigpipe_request_start(void) {
    static int pcntl_loaded = -1;
    if (pcntl_loaded < 0) {
        pcntl_loaded = zend_hash_str_exists(&module_registry, ZEND_STRL("pcntl")) ? 1 : 0;
    }
    if (!installed || pcntl_loaded) {
        php_defer_sigpipe_watch();
    }
    DEFER_G(sigpipe_at_request_start) = counted.load(std::memory_order_relaxed);
}

uint64_t php_defer_sigpipe_this_request(void) {
    return counted.load(std::memory_order_relaxed) - DEFER_G(sigpipe_at_request_start);
}

namespace {

void put_back_previous(void) {
    struct sigaction current;
    if (installed && !suspended && sigaction(SIGPIPE, nullptr, &current) == 0 && (current.sa_flags & SA_SIGINFO) &&
        current.sa_sigaction == on_sigpipe) {
        suspended = sigaction(SIGPIPE, &previous, &ours_while_suspended) == 0;
    }
}

void reinstall_ours(const zval *) {
    if (suspended) {
        sigaction(SIGPIPE, &ours_while_suspended, nullptr);
        suspended = false;
    }
}

} // namespace

void php_defer_sigpipe_startup(void) {
    for (const char *name :
         {"exec", "system", "passthru", "shell_exec", "proc_open", "popen", "mail", "mb_send_mail", "pcntl_exec"}) {
        php_defer_observe(name, strlen(name), php_defer_around{put_back_previous, reinstall_ours});
    }
}

void php_defer_sigpipe_shutdown(void) {
    if (installed) {
        sigaction(SIGPIPE, &previous, nullptr);
        installed = false;
    }
}
