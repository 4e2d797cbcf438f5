#include "defer_pool.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "SAPI.h"
#include "defer/pool_metrics.h"

namespace {

// php-fpm re-executes itself on a reload (USR2) after its workers are gone: the counters
// live in a memfd whose descriptor survives the exec, named in the environment (php-fpm
// passes its listening sockets the same way, FPM_SOCKETS). The workers' environment is
// cleared by php-fpm (clear_env) and each worker closes its copy of the descriptor.
constexpr const char *kSegmentVariable = "DEFER_POOL_METRICS_FD";

defer::PoolMetrics *metrics = nullptr; // NULL when nothing could be mapped: counting is off
int segment_fd = -1;                   // php-fpm's master only
pid_t mapped_by = 0;

// This process's slot for "workers in their phase now", claimed at its first phase (after
// a fork the pid differs); threads of one process (ZTS) share it.
std::mutex slot_mutex;
pid_t slot_pid = 0;
int slot = -1;

bool alive(std::int32_t pid) {
    return kill(pid, 0) == 0 || errno == EPERM;
}

std::int64_t now_microseconds() {
    struct timeval now;
    gettimeofday(&now, nullptr);
    return static_cast<std::int64_t>(now.tv_sec) * 1000000 + now.tv_usec;
}

void *map_segment(int fd) {
    void *memory = mmap(nullptr, sizeof(defer::PoolMetrics), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    return memory == MAP_FAILED ? nullptr : memory;
}

// The block php-fpm's master mapped before its re-exec, if the environment names one.
void *inherited_segment(void) {
    const char *named = getenv(kSegmentVariable);
    if (named == nullptr) {
        return nullptr;
    }
    char *end = nullptr;
    long fd = strtol(named, &end, 10);
    struct stat st;
    if (end == named || *end != '\0' || fd < 0 || fd > INT_MAX || fstat(static_cast<int>(fd), &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size != static_cast<off_t>(sizeof(defer::PoolMetrics))) {
        return nullptr;
    }
    void *memory = map_segment(static_cast<int>(fd));
    if (memory != nullptr) {
        segment_fd = static_cast<int>(fd);
    }
    return memory;
}

void *new_fpm_segment(void) {
    int fd = memfd_create("defer-pool-metrics", 0); // no MFD_CLOEXEC: it must survive the re-exec
    if (fd < 0) {
        return nullptr;
    }
    void *memory = ftruncate(fd, sizeof(defer::PoolMetrics)) == 0 ? map_segment(fd) : nullptr;
    char number[16];
    snprintf(number, sizeof(number), "%d", fd);
    if (memory == nullptr || setenv(kSegmentVariable, number, 1) != 0) {
        if (memory != nullptr) {
            munmap(memory, sizeof(defer::PoolMetrics));
        }
        close(fd);
        return nullptr;
    }
    segment_fd = fd;
    return memory;
}

defer::PoolMetrics *counting_slot(int *this_slot) {
    if (metrics == nullptr) {
        return nullptr;
    }
    pid_t pid = getpid();
    std::lock_guard<std::mutex> lock(slot_mutex);
    if (slot_pid != pid) {
        slot = metrics->claim_slot(pid, alive);
        slot_pid = pid;
        if (segment_fd >= 0 && pid != mapped_by) {
            close(segment_fd); // a worker: only the master re-executes itself
            segment_fd = -1;
        }
    }
    *this_slot = slot;
    return metrics;
}

} // namespace

void php_defer_pool_startup(void) {
    void *memory = nullptr;
    if (strcmp(sapi_module.name, "fpm-fcgi") == 0) {
        memory = inherited_segment();
        if (memory == nullptr) {
            memory = new_fpm_segment();
        }
    } else {
        // Shared with the processes this one forks (Apache's children, pcntl_fork).
        memory = mmap(nullptr, sizeof(defer::PoolMetrics), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        memory = memory == MAP_FAILED ? nullptr : memory;
    }
    if (memory == nullptr) {
        php_error_docref(nullptr, E_WARNING, "defer: cannot map the pool's counters (%s): defer_pool_status() is empty",
                         strerror(errno));
        return;
    }
    defer::PoolMetrics::adopt(memory, now_microseconds());
    metrics = static_cast<defer::PoolMetrics *>(memory);
    mapped_by = getpid();
}

void php_defer_pool_shutdown(void) {
    if (metrics != nullptr) {
        munmap(metrics, sizeof(defer::PoolMetrics));
        metrics = nullptr;
    }
    // php-fpm's master shuts PHP down right before it re-executes itself on a reload, and the
    // next image's startup maps the block again: its descriptor stays open (it closes when the
    // process exits).
    slot_pid = 0;
}

void php_defer_pool_task_settled(defer::TaskState state, double seconds) {
    if (metrics != nullptr) {
        metrics->task_settled(state, seconds);
    }
}

void php_defer_pool_tasks_skipped(size_t count) {
    if (metrics != nullptr && count > 0) {
        metrics->tasks_skipped(count);
    }
}

void php_defer_pool_budget_spent(void) {
    if (metrics != nullptr) {
        metrics->budget_spent();
    }
}

int php_defer_pool_phase_entered(void) {
    int this_slot;
    defer::PoolMetrics *m = counting_slot(&this_slot);
    if (m == nullptr) {
        return PHP_DEFER_POOL_NOT_COUNTED;
    }
    m->phase_entered(this_slot);
    return this_slot;
}

void php_defer_pool_phase_left(int slot, double seconds) {
    if (metrics != nullptr && slot != PHP_DEFER_POOL_NOT_COUNTED) {
        metrics->phase_left(slot, seconds);
    }
}

void php_defer_pool_phase_cut(uint64_t tasks) {
    if (metrics != nullptr) {
        metrics->phase_cut(tasks);
    }
}

void php_defer_pool_status(zval *return_value) {
    array_init(return_value);
    if (metrics == nullptr) {
        return;
    }
    defer::PoolSnapshot s = metrics->snapshot(alive);
    add_assoc_double(return_value, "started", static_cast<double>(metrics->started_microseconds()) / 1e6);
    add_assoc_long(return_value, "tasks_run", static_cast<zend_long>(s.tasks_run));
    add_assoc_long(return_value, "tasks_failed", static_cast<zend_long>(s.tasks_failed));
    add_assoc_long(return_value, "tasks_timed_out", static_cast<zend_long>(s.tasks_timed_out));
    add_assoc_long(return_value, "tasks_skipped", static_cast<zend_long>(s.tasks_skipped));
    add_assoc_long(return_value, "phases", static_cast<zend_long>(s.phases));
    add_assoc_long(return_value, "budgets_spent", static_cast<zend_long>(s.budgets_spent));
    add_assoc_long(return_value, "phases_cut_by_signal", static_cast<zend_long>(s.phases_cut));
    add_assoc_long(return_value, "tasks_cut_by_signal", static_cast<zend_long>(s.tasks_cut));
    add_assoc_long(return_value, "workers_in_phase", static_cast<zend_long>(s.workers_in_phase));
    add_assoc_double(return_value, "phase_seconds", s.phase_seconds);
    add_assoc_double(return_value, "task_seconds", s.task_seconds);
    // Cumulative, as Prometheus histograms count: each bound's count includes the smaller ones.
    zval buckets;
    array_init_size(&buckets, static_cast<uint32_t>(s.task_buckets.size()));
    std::uint64_t cumulative = 0;
    for (size_t i = 0; i < s.task_buckets.size(); i++) {
        cumulative += s.task_buckets[i];
        zval bucket;
        array_init_size(&bucket, 2);
        if (i < defer::kTaskSecondsBounds.size()) {
            add_assoc_double(&bucket, "le", defer::kTaskSecondsBounds[i]);
        } else {
            // Not INF, which json_encode() refuses: the string Prometheus' own JSON API uses.
            add_assoc_string(&bucket, "le", "+Inf");
        }
        add_assoc_long(&bucket, "count", static_cast<zend_long>(cumulative));
        add_next_index_zval(&buckets, &bucket);
    }
    add_assoc_zval(return_value, "task_seconds_buckets", &buckets);
}
