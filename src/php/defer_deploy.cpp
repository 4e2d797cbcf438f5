#include "defer_deploy.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

#include "defer_compat.h"
#include "defer_describe.h"
#include "defer_pool.h"
#include "zend_smart_str.h"

namespace {

// Written by the PHP thread between tasks, read by the handler: the line is complete before
// `ready` is set, and the handler only reads it.
char prepared[2048];
volatile sig_atomic_t prepared_length = 0;
volatile sig_atomic_t prepared_unfinished = 0; // the running task and those not started
int log_fd = -1;
bool close_log_fd = false;
bool installed = false;
struct sigaction previous_term = {};

size_t append(char *to, size_t at, size_t size, const char *text, size_t length) {
    size_t room = at < size ? size - at : 0;
    size_t n = length < room ? length : room;
    memcpy(to + at, text, n);
    return at + n;
}

// Async-signal-safe: memcpy, write, lock-free atomics, sigaction and raise only.
void on_term(int signal_number) {
    char line[sizeof(prepared) + 64];
    size_t at = 0;
    size_t length = static_cast<size_t>(prepared_length);
    // "... stopped by signal N ..." with the number written by hand (no printf here).
    const char *marker = static_cast<const char *>(memchr(prepared, '\x01', length));
    if (marker != nullptr) {
        size_t head = static_cast<size_t>(marker - prepared);
        at = append(line, at, sizeof(line), prepared, head);
        char digits[12];
        size_t n = 0;
        for (int value = signal_number; value > 0 && n < sizeof(digits); value /= 10) {
            digits[n++] = static_cast<char>('0' + value % 10);
        }
        while (n > 0) {
            line[at < sizeof(line) ? at++ : at] = digits[--n];
        }
        at = append(line, at, sizeof(line), marker + 1, length - head - 1);
        ssize_t ignored = write(log_fd, line, at);
        (void)ignored;
        php_defer_pool_phase_cut(static_cast<uint64_t>(prepared_unfinished));
    }
    // Then what SIGTERM would have done: the process ends (the signal is blocked while this
    // handler runs, and delivered once it returns).
    struct sigaction default_action = {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(signal_number, &default_action, nullptr);
    raise(signal_number);
}

} // namespace

void php_defer_deploy_phase_start(void) {
    struct sigaction current = {};
    php_defer_sigaction(SIGTERM, nullptr, &current); // behind Zend's handler, if any
    if (installed || (current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL) {
        return; // the application handles SIGTERM itself
    }
    const char *error_log = php_defer_error_log_setting();
    if (error_log && *error_log && strcmp(error_log, "syslog") != 0) {
        log_fd = open(error_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        close_log_fd = log_fd >= 0;
    }
    if (log_fd < 0) {
        log_fd = STDERR_FILENO; // php-fpm's workers' stderr goes to its log (catch_workers_output)
    }
    prepared_length = 0;
    struct sigaction ours = {};
    ours.sa_handler = on_term;
    sigemptyset(&ours.sa_mask);
    ours.sa_flags = SA_RESTART;
    php_defer_sigaction(SIGTERM, &ours, &previous_term);
    installed = true;
}

void php_defer_deploy_prepare(php_defer_request *request, defer::TaskId running) {
    if (!installed) {
        return;
    }
    constexpr size_t named = 5;
    char stamp[64];
    time_t now = time(nullptr);
    struct tm utc;
    gmtime_r(&now, &utc);
    strftime(stamp, sizeof(stamp), "[%d-%b-%Y %H:%M:%S UTC]", &utc);

    smart_str text = {};
    smart_str_append_printf(&text, "%s defer: the worker was stopped by signal \x01 in its deferred phase: ", stamp);
    if (auto *task = request->tasks.find(running)) {
        smart_str_appends(&text, "task ");
        php_defer_task_label(&text, task);
        smart_str_appends(&text, " cut short");
    }
    size_t pending = request->tasks.pending();
    smart_str_append_printf(&text, ", %zu not run", pending);
    size_t listed = 0;
    for (defer::TaskId id = running + 1; listed < named && listed < pending; id++) {
        auto *task = request->tasks.find(id);
        if (task == nullptr) {
            break;
        }
        if (task->state == defer::TaskState::pending) {
            smart_str_appends(&text, listed ? ", " : ": ");
            php_defer_task_label(&text, task);
            listed++;
        }
    }
    if (pending > listed) {
        smart_str_append_printf(&text, " and %zu more", pending - listed);
    }
    smart_str_appendc(&text, '\n');
    smart_str_0(&text);
    // The handler never sees a half-written line: it reads nothing while the length is 0.
    prepared_length = 0;
    size_t length = ZSTR_LEN(text.s) < sizeof(prepared) ? ZSTR_LEN(text.s) : sizeof(prepared) - 1;
    memcpy(prepared, ZSTR_VAL(text.s), length);
    if (length == sizeof(prepared) - 1) {
        prepared[length - 1] = '\n';
    }
    prepared_unfinished = static_cast<sig_atomic_t>(pending + (request->tasks.find(running) ? 1 : 0));
    prepared_length = static_cast<sig_atomic_t>(length);
    smart_str_free(&text);
}

void php_defer_deploy_phase_end(void) {
    if (!installed) {
        return;
    }
    prepared_length = 0;
    php_defer_sigaction(SIGTERM, &previous_term, nullptr);
    installed = false;
    if (close_log_fd) {
        close(log_fd);
    }
    log_fd = -1;
    close_log_fd = false;
}
