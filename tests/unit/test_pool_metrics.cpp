#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "defer/pool_metrics.h"

using defer::PoolMetrics;
using defer::PoolSnapshot;
using defer::TaskState;

namespace {

// Zeroed memory as the glue maps it.
struct Block {
    Block() : memory(mmap(nullptr, sizeof(PoolMetrics), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)) {
        REQUIRE(memory != MAP_FAILED);
        PoolMetrics::adopt(memory, 1700000000000000);
    }
    ~Block() { munmap(memory, sizeof(PoolMetrics)); }
    PoolMetrics &metrics() { return *static_cast<PoolMetrics *>(memory); }
    void *memory;
};

bool everyone_alive(std::int32_t) {
    return true;
}
bool nobody_alive(std::int32_t) {
    return false;
}
std::int32_t dead_pid = 0;
bool all_but_dead(std::int32_t pid) {
    return pid != dead_pid;
}

} // namespace

TEST_CASE("a new block counts nothing, and is recognised when adopted again", "[pool_metrics]") {
    Block block;
    PoolSnapshot s = block.metrics().snapshot(everyone_alive);
    CHECK(s.tasks_run == 0);
    CHECK(s.workers_in_phase == 0);
    CHECK(s.task_seconds == 0.0);
    block.metrics().task_settled(TaskState::ok, 0.1);
    CHECK(PoolMetrics::adopt(block.memory, 1800000000000000)); // after php-fpm's re-exec: the same counters
    CHECK(block.metrics().snapshot(everyone_alive).tasks_run == 1);
    CHECK(block.metrics().started_microseconds() == 1700000000000000);
    std::memset(block.memory, 0xab, 16); // another layout's mark
    CHECK_FALSE(PoolMetrics::adopt(block.memory, 1800000000000000));
    CHECK(block.metrics().snapshot(everyone_alive).tasks_run == 0);
    CHECK(block.metrics().started_microseconds() == 1800000000000000);
}

TEST_CASE("settled tasks count by outcome, sum their seconds and fill one bucket each", "[pool_metrics]") {
    Block block;
    PoolMetrics &m = block.metrics();
    m.task_settled(TaskState::ok, 0.0005);      // first bucket (<= 1 ms)
    m.task_settled(TaskState::exception, 0.02); // <= 25 ms
    m.task_settled(TaskState::timeout, 0.025);  // exactly a bound: that bucket
    m.task_settled(TaskState::ok, 60.0);        // beyond the last bound
    m.tasks_skipped(3);
    m.budget_spent();
    PoolSnapshot s = m.snapshot(everyone_alive);
    CHECK(s.tasks_run == 4);
    CHECK(s.tasks_failed == 2);
    CHECK(s.tasks_timed_out == 1);
    CHECK(s.tasks_skipped == 3);
    CHECK(s.budgets_spent == 1);
    CHECK(s.task_seconds == Approx(60.0455));
    CHECK(s.task_buckets[0] == 1);
    CHECK(s.task_buckets[3] == 2); // 0.025
    CHECK(s.task_buckets.back() == 1);
    std::uint64_t total = 0;
    for (auto n : s.task_buckets) {
        total += n;
    }
    CHECK(total == s.tasks_run);
}

TEST_CASE("workers in their phase are counted while they are in it and alive", "[pool_metrics]") {
    Block block;
    PoolMetrics &m = block.metrics();
    int a = m.claim_slot(100, everyone_alive);
    int b = m.claim_slot(101, everyone_alive);
    REQUIRE(a >= 0);
    REQUIRE(b >= 0);
    CHECK(a != b);
    m.phase_entered(a);
    m.phase_entered(b);
    CHECK(m.snapshot(everyone_alive).workers_in_phase == 2);
    m.phase_left(a, 1.5);
    PoolSnapshot s = m.snapshot(everyone_alive);
    CHECK(s.workers_in_phase == 1);
    CHECK(s.phases == 2);
    CHECK(s.phase_seconds == Approx(1.5));
    // A worker killed in its phase never leaves it: it no longer counts once it is gone.
    CHECK(m.snapshot(nobody_alive).workers_in_phase == 0);
}

TEST_CASE("a dead process's slot is taken over with its phase count reset", "[pool_metrics]") {
    Block block;
    PoolMetrics &m = block.metrics();
    int old_slot = m.claim_slot(200, everyone_alive);
    m.phase_entered(old_slot); // then killed
    dead_pid = 200;
    CHECK(m.claim_slot(300, all_but_dead) == old_slot);
    CHECK(m.snapshot(everyone_alive).workers_in_phase == 0);
    for (std::int32_t pid = 301; pid < 300 + static_cast<std::int32_t>(PoolMetrics::kSlots); ++pid) {
        REQUIRE(m.claim_slot(pid, all_but_dead) >= 0);
    }
    // Every slot held by a living process: the next one counts in the shared number.
    CHECK(m.claim_slot(9999, everyone_alive) == -1);
    m.phase_entered(-1);
    CHECK(m.snapshot(everyone_alive).workers_in_phase == 1);
    m.phase_left(-1, 0.1);
    CHECK(m.snapshot(everyone_alive).workers_in_phase == 0);
}

TEST_CASE("a reused pid starts from a clean slot", "[pool_metrics]") {
    Block block;
    PoolMetrics &m = block.metrics();
    int first = m.claim_slot(400, everyone_alive);
    m.phase_entered(first); // the first process with pid 400 died in its phase
    int again = m.claim_slot(400, everyone_alive);
    CHECK(again == first);
    CHECK(m.snapshot(everyone_alive).workers_in_phase == 0);
}

TEST_CASE("forked processes add to the same counters without locks", "[pool_metrics]") {
    Block block;
    PoolMetrics &m = block.metrics();
    constexpr int children = 4;
    constexpr int tasks_each = 20000;
    for (int c = 0; c < children; ++c) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int slot = m.claim_slot(static_cast<std::int32_t>(getpid()), everyone_alive);
            m.phase_entered(slot);
            for (int i = 0; i < tasks_each; ++i) {
                m.task_settled(i % 2 ? TaskState::ok : TaskState::fatal, 0.002);
            }
            m.phase_left(slot, 0.25);
            _exit(0);
        }
    }
    for (int c = 0; c < children; ++c) {
        int status = 0;
        REQUIRE(wait(&status) > 0);
        CHECK(WIFEXITED(status));
    }
    PoolSnapshot s = m.snapshot(everyone_alive);
    CHECK(s.tasks_run == children * tasks_each);
    CHECK(s.tasks_failed == children * tasks_each / 2);
    CHECK(s.phases == children);
    CHECK(s.workers_in_phase == 0);
    CHECK(s.task_buckets[1] == children * tasks_each);
    CHECK(s.phase_seconds == Approx(1.0));
    CHECK(s.task_seconds == Approx(children * tasks_each * 0.002));
}
