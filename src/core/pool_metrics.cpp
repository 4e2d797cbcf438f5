#include "defer/pool_metrics.h"

#include <cstring>
#include <new>

namespace defer {

namespace {

std::uint64_t microseconds(double seconds) noexcept {
    // Truncated: under a microsecond off, and no libm call on the hot path.
    return seconds > 0 ? static_cast<std::uint64_t>(seconds * 1e6) : 0;
}

} // namespace

bool PoolMetrics::adopt(void *memory, std::int64_t now_microseconds) noexcept {
    auto *metrics = static_cast<PoolMetrics *>(memory);
    if (metrics->magic_.load() == kMagic) {
        return true;
    }
    // Another layout (or garbage) counts as nothing. Default-initialised atomics keep the
    // zeroed bytes: every counter at 0.
    std::memset(memory, 0, sizeof(PoolMetrics));
    metrics = new (memory) PoolMetrics;
    metrics->started_.store(now_microseconds);
    metrics->magic_.store(kMagic);
    return false;
}

void PoolMetrics::task_settled(TaskState state, double seconds) noexcept {
    add(tasks_run_, 1);
    if (task_state_is_failure(state)) {
        add(tasks_failed_, 1);
    }
    if (state == TaskState::timeout) {
        add(tasks_timed_out_, 1);
    }
    add(task_microseconds_, microseconds(seconds));
    std::size_t bucket = 0;
    while (bucket < kTaskSecondsBounds.size() && seconds > kTaskSecondsBounds[bucket]) {
        ++bucket;
    }
    add(task_buckets_[bucket], 1);
}

int PoolMetrics::claim_slot(std::int32_t pid, Alive alive) noexcept {
    for (std::size_t i = 0; i < kSlots; ++i) {
        std::int32_t owner = slots_[i].pid.load();
        // Our own pid in a slot is a process that had it before us (the pid was reused).
        if (owner == 0 || owner == pid || !alive(owner)) {
            if (slots_[i].pid.compare_exchange_strong(owner, pid)) {
                slots_[i].in_phase.store(0);
                return static_cast<int>(i);
            }
        }
    }
    return -1;
}

void PoolMetrics::phase_entered(int slot) noexcept {
    add(phases_, 1);
    if (slot >= 0) {
        slots_[static_cast<std::size_t>(slot)].in_phase.fetch_add(1);
    } else {
        unslotted_in_phase_.fetch_add(1);
    }
}

void PoolMetrics::phase_left(int slot, double seconds) noexcept {
    add(phase_microseconds_, microseconds(seconds));
    if (slot >= 0) {
        slots_[static_cast<std::size_t>(slot)].in_phase.fetch_sub(1);
    } else {
        unslotted_in_phase_.fetch_sub(1);
    }
}

PoolSnapshot PoolMetrics::snapshot(Alive alive) const noexcept {
    PoolSnapshot s;
    s.tasks_run = tasks_run_.load(std::memory_order_relaxed);
    s.tasks_failed = tasks_failed_.load(std::memory_order_relaxed);
    s.tasks_timed_out = tasks_timed_out_.load(std::memory_order_relaxed);
    s.tasks_skipped = tasks_skipped_.load(std::memory_order_relaxed);
    s.phases = phases_.load(std::memory_order_relaxed);
    s.budgets_spent = budgets_spent_.load(std::memory_order_relaxed);
    s.phases_cut = phases_cut_.load(std::memory_order_relaxed);
    s.tasks_cut = tasks_cut_.load(std::memory_order_relaxed);
    s.phase_seconds = static_cast<double>(phase_microseconds_.load(std::memory_order_relaxed)) / 1e6;
    s.task_seconds = static_cast<double>(task_microseconds_.load(std::memory_order_relaxed)) / 1e6;
    for (std::size_t i = 0; i < task_buckets_.size(); ++i) {
        s.task_buckets[i] = task_buckets_[i].load(std::memory_order_relaxed);
    }
    s.workers_in_phase = unslotted_in_phase_.load(std::memory_order_relaxed);
    for (const Slot &slot : slots_) {
        std::int32_t pid = slot.pid.load();
        std::uint32_t in_phase = slot.in_phase.load();
        // A worker killed in its phase (SIGKILL) never left it: only the living count.
        if (pid != 0 && in_phase != 0 && alive(pid)) {
            s.workers_in_phase += in_phase;
        }
    }
    return s;
}

} // namespace defer
