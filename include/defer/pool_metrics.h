// Counters of every worker of a server (a php-fpm master's pools, Apache's children, a CLI
// process and its forks), kept in memory the server maps before it forks them. Only
// lock-free atomics: no worker ever waits for another, and a signal handler may add.
// The block is plain zeroed memory in the shared mapping; nothing here allocates.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "defer/task_state.h"

namespace defer {

// Upper bounds (seconds) of the task-duration histogram's buckets; one more counts the rest.
inline constexpr std::array<double, 12> kTaskSecondsBounds = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                              0.25,  0.5,   1.0,  2.5,   5.0,  10.0};

struct PoolSnapshot {
    std::uint64_t tasks_run = 0; // ran to an outcome: ok or failed
    std::uint64_t tasks_failed = 0;
    std::uint64_t tasks_timed_out = 0;
    std::uint64_t tasks_skipped = 0;
    std::uint64_t phases = 0;           // deferred phases run (one per request that had tasks, or run_pending())
    std::uint64_t budgets_spent = 0;    // phases whose defer.time_budget ran out
    std::uint64_t phases_cut = 0;       // phases a signal (php-fpm reload or stop) ended
    std::uint64_t tasks_cut = 0;        // ... and the tasks they did not finish: cut short or not run
    std::uint64_t workers_in_phase = 0; // right now
    double phase_seconds = 0;           // wall-clock time spent in deferred phases
    double task_seconds = 0;            // the tasks' durations, summed
    std::array<std::uint64_t, kTaskSecondsBounds.size() + 1> task_buckets{}; // not cumulative
};

class PoolMetrics {
public:
    static constexpr std::uint32_t kMagic = 0x64667231; // changes with the layout
    static constexpr std::size_t kSlots = 4096;         // processes tracked for workers_in_phase
    using Alive = bool (*)(std::int32_t pid);

    // Makes memory of sizeof(PoolMetrics) a block, its counters started now (Unix time in
    // microseconds); true if it already was one, its counters kept (the same block found
    // again after php-fpm re-executed itself on a reload). Not while others use the memory.
    static bool adopt(void *memory, std::int64_t now_microseconds) noexcept;
    std::int64_t started_microseconds() const noexcept { return started_.load(std::memory_order_relaxed); }

    void task_settled(TaskState state, double seconds) noexcept;
    void tasks_skipped(std::uint64_t count) noexcept { add(tasks_skipped_, count); }
    void budget_spent() noexcept { add(budgets_spent_, 1); }
    // From a signal handler too.
    void phase_cut(std::uint64_t tasks) noexcept {
        add(phases_cut_, 1);
        add(tasks_cut_, tasks);
    }

    // The process `pid` (a new one: after a fork, or at startup) takes a slot, and a
    // phase it enters or leaves is counted there. A slot whose process is gone is taken
    // over; a process without a slot (more than kSlots alive) counts in a shared number.
    // Returns the slot, or -1.
    int claim_slot(std::int32_t pid, Alive alive) noexcept;
    void phase_entered(int slot) noexcept;
    void phase_left(int slot, double seconds) noexcept;

    PoolSnapshot snapshot(Alive alive) const noexcept;

private:
    static void add(std::atomic<std::uint64_t> &counter, std::uint64_t by) noexcept {
        counter.fetch_add(by, std::memory_order_relaxed);
    }
    struct Slot {
        std::atomic<std::int32_t> pid;
        std::atomic<std::uint32_t> in_phase; // threads of that process in a phase (ZTS)
    };

    std::atomic<std::uint32_t> magic_;
    std::atomic<std::int64_t> started_;
    std::atomic<std::uint64_t> tasks_run_, tasks_failed_, tasks_timed_out_, tasks_skipped_;
    std::atomic<std::uint64_t> phases_, budgets_spent_, phases_cut_, tasks_cut_;
    std::atomic<std::uint64_t> phase_microseconds_, task_microseconds_;
    std::array<std::atomic<std::uint64_t>, kTaskSecondsBounds.size() + 1> task_buckets_;
    std::atomic<std::uint64_t> unslotted_in_phase_;
    std::array<Slot, kSlots> slots_;
};

static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "counters must be lock-free to live in shared memory");
static_assert(std::atomic<std::int32_t>::is_always_lock_free, "slots must be lock-free to live in shared memory");

} // namespace defer
