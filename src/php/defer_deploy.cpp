#include "defer_deploy.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

#include "defer_compat.h"
#include "defer_describe.h"
#include "defer_pool.h"

namespace {

// What the handler names, kept up to date as the phase goes (a SIGTERM almost never comes, so
// a task's start must cost next to nothing): the running task and the next few pending ones,
// each name formatted once, when its task enters this window, not at every task's start.
constexpr size_t named = 5;
constexpr size_t name_room = 600; // a task name (255 bytes at most) and its callable
struct window_slot {
    defer::TaskId id;
    size_t length;
    char name[name_room];
};
constexpr size_t window_room = 8; // named + 1 used; a power of two
constexpr size_t window_mask = window_room - 1;
static_assert(named + 1 <= window_room && (window_room & window_mask) == 0);
window_slot window[window_room]; // a ring, in id order from window_first: the running task, then the next
size_t window_first = 0;
size_t window_size = 0;
defer::TaskId scanned_to = 0; // ids below this were looked at for the window
// The queue at the previous task's start: its pending count and next id.
size_t window_pending = 0;
defer::TaskId window_end = 0;

// Read by the handler, written by the PHP thread between tasks: the handler names tasks only
// while `window_ready` is set, which is cleared while the window changes (the handler runs
// on the PHP thread, between two of its instructions: a compiler fence is the whole barrier).
volatile sig_atomic_t window_ready = 0;
volatile sig_atomic_t published_first = 0;
volatile sig_atomic_t published_size = 0;
volatile sig_atomic_t running_id = 0;       // 0: no task started in this phase yet
volatile sig_atomic_t unfinished_count = 0; // the running task and those not started
window_slot &slot_at(size_t index) {
    return window[(window_first + index) & window_mask];
}

int log_fd = -1;
bool close_log_fd = false;
bool installed = false;
struct sigaction previous_term = {};

// A line the handler builds; truncated, never overrun.
struct line_buffer {
    char text[(named + 2) * (name_room + 32) + 256];
    size_t at = 0;

    void add(const char *from, size_t length) {
        size_t room = sizeof(text) - 1 - at; // one byte kept for the final newline
        size_t n = length < room ? length : room;
        memcpy(text + at, from, n);
        at += n;
    }
    void add(const char *from) { add(from, strlen(from)); }
    // Digits by hand: no printf in a signal handler.
    void add_number(unsigned long long value, int width = 1) {
        char digits[24];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value > 0 && n < static_cast<int>(sizeof(digits)));
        while (n < width && n < static_cast<int>(sizeof(digits))) {
            digits[n++] = '0';
        }
        while (n > 0) {
            add(&digits[--n], 1);
        }
    }
    void add_task(const window_slot &slot) {
        add("#");
        add_number(static_cast<unsigned long long>(slot.id));
        add(" ");
        add(slot.name, slot.length);
    }
};

// "[04-Dec-2026 19:24:18 UTC] ", from the epoch by hand (gmtime_r() is not async-signal-safe).
void add_stamp(line_buffer *line) {
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct timespec now = {};
    clock_gettime(CLOCK_REALTIME, &now);
    long long seconds = now.tv_sec;
    long long days = seconds / 86400;
    long long of_day = seconds % 86400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1;
    long long month = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    line->add("[");
    line->add_number(static_cast<unsigned long long>(day), 2);
    line->add("-");
    line->add(months[month - 1], 3);
    line->add("-");
    line->add_number(static_cast<unsigned long long>(year));
    line->add(" ");
    line->add_number(static_cast<unsigned long long>(of_day / 3600), 2);
    line->add(":");
    line->add_number(static_cast<unsigned long long>(of_day / 60 % 60), 2);
    line->add(":");
    line->add_number(static_cast<unsigned long long>(of_day % 60), 2);
    line->add(" UTC] ");
}

// Async-signal-safe: memcpy, write, clock_gettime, lock-free atomics, sigaction and raise only.
void on_term(int signal_number) {
    auto running = static_cast<defer::TaskId>(running_id);
    if (running != 0) {
        line_buffer line;
        add_stamp(&line);
        line.add("defer: the worker was stopped by signal ");
        line.add_number(static_cast<unsigned long long>(signal_number));
        line.add(" in its deferred phase: ");
        size_t unfinished = static_cast<size_t>(unfinished_count);
        size_t pending = unfinished > 0 ? unfinished - 1 : 0;
        size_t first = static_cast<size_t>(published_first);
        size_t size = static_cast<size_t>(published_size);
        bool names = window_ready && size > 0 && window[first].id == running;
        line.add("task ");
        if (names) {
            line.add_task(window[first]);
        } else {
            line.add("#");
            line.add_number(static_cast<unsigned long long>(running));
        }
        line.add(" cut short, ");
        line.add_number(pending);
        line.add(" not run");
        size_t listed = 0;
        if (names) {
            for (size_t i = 1; i < size && listed < pending; i++) {
                line.add(listed ? ", " : ": ");
                line.add_task(window[(first + i) & window_mask]);
                listed++;
            }
        }
        if (listed > 0 && pending > listed) {
            line.add(" and ");
            line.add_number(pending - listed);
            line.add(" more");
        }
        line.text[line.at++] = '\n';
        ssize_t ignored = write(log_fd, line.text, line.at);
        (void)ignored;
        php_defer_pool_phase_cut(static_cast<uint64_t>(unfinished));
    }
    // Then what SIGTERM would have done: the process ends (the signal is blocked while this
    // handler runs, and delivered once it returns).
    struct sigaction default_action = {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(signal_number, &default_action, nullptr);
    raise(signal_number);
}

// The task as the log labels it after its id: `"send-receipt" ({closure:/app/x.php:12})`.
void fill_slot(window_slot *slot, defer::TaskId id, php_defer_task *task) {
    php_defer_payload *payload = &task->payload;
    if (payload->name == nullptr) {
        // Kept: the task's release would name it again (a closure's name goes with it).
        payload->name = php_defer_payload_name(payload);
    }
    slot->id = id;
    slot->length = 0;
    auto append = [slot](const char *text, size_t length) {
        size_t room = name_room - slot->length;
        length = length < room ? length : room;
        memcpy(slot->name + slot->length, text, length);
        slot->length += length;
    };
    if (!task->name.empty()) {
        append("\"", 1);
        append(task->name.data(), task->name.size());
        append("\" ", 2);
    }
    append("(", 1);
    append(ZSTR_VAL(payload->name), ZSTR_LEN(payload->name));
    append(")", 1);
}

void reset_window(void) {
    window_ready = 0;
    running_id = 0;
    window_first = 0;
    window_size = 0;
    scanned_to = 0;
    window_pending = 0;
    window_end = 0;
    published_first = 0;
    published_size = 0;
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
    reset_window();
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
    window_ready = 0;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    running_id = static_cast<sig_atomic_t>(running);
    unfinished_count = static_cast<sig_atomic_t>(request->tasks.pending() + 1);
    // The window moves on by one task: the previous one leaves it. A task cancelled meanwhile
    // (fewer pending tasks than the start of one and the tasks deferred since account for) or
    // a running task it did not expect (a phase's first) starts it again.
    size_t pending = request->tasks.pending();
    defer::TaskId end = request->tasks.next_id();
    bool cancelled = pending + 1 != window_pending + static_cast<size_t>(end - window_end);
    window_pending = pending;
    window_end = end;
    if (window_size > 0 && slot_at(0).id < running) {
        window_first = (window_first + 1) & window_mask;
        window_size--;
    }
    if (cancelled || window_size == 0 || slot_at(0).id != running) {
        window_size = 0;
        scanned_to = running;
    }
    // Then the tasks that entered it: only these get their name formatted.
    for (; window_size < named + 1 && scanned_to < end; scanned_to++) {
        auto *task = request->tasks.find(scanned_to);
        if (task != nullptr && (scanned_to == running || task->state == defer::TaskState::pending)) {
            fill_slot(&slot_at(window_size++), scanned_to, task);
        }
    }
    published_first = static_cast<sig_atomic_t>(window_first);
    published_size = static_cast<sig_atomic_t>(window_size);
    std::atomic_signal_fence(std::memory_order_seq_cst);
    window_ready = 1;
}

void php_defer_deploy_phase_end(void) {
    if (!installed) {
        return;
    }
    reset_window();
    php_defer_sigaction(SIGTERM, &previous_term, nullptr);
    installed = false;
    if (close_log_fd) {
        close(log_fd);
    }
    log_fd = -1;
    close_log_fd = false;
}
