#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <thread>

#include "defer/watchdog.h"

using defer::Clock;
using defer::Watchdog;
using std::chrono::milliseconds;

namespace {

void count_fire(void *context) {
    static_cast<std::atomic<int> *>(context)->fetch_add(1);
}

bool wait_until_count(std::atomic<int> &count, int at_least, milliseconds limit) {
    Clock::time_point end = Clock::now() + limit;
    while (Clock::now() < end) {
        if (count.load() >= at_least) {
            return true;
        }
        std::this_thread::sleep_for(milliseconds(1));
    }
    return count.load() >= at_least;
}

} // namespace

TEST_CASE("an armed watchdog fires once the deadline has passed, not before", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    watchdog.arm(Clock::now() + milliseconds(200), std::chrono::hours(1), count_fire, &fired);
    std::this_thread::sleep_for(milliseconds(20));
    CHECK(fired.load() == 0); // 180 ms early: orders of magnitude, not a tight timing
    CHECK(wait_until_count(fired, 1, milliseconds(5000)));
    watchdog.disarm();
}

TEST_CASE("a watchdog keeps firing every repeat until disarmed", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    watchdog.arm(Clock::now(), milliseconds(5), count_fire, &fired);
    CHECK(wait_until_count(fired, 3, milliseconds(5000)));
    watchdog.disarm();
    int after_disarm = fired.load();
    std::this_thread::sleep_for(milliseconds(50));
    CHECK(fired.load() == after_disarm);
}

TEST_CASE("disarming before the deadline means the callback never runs", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    watchdog.arm(Clock::now() + milliseconds(50), milliseconds(5), count_fire, &fired);
    watchdog.disarm();
    std::this_thread::sleep_for(milliseconds(150));
    CHECK(fired.load() == 0);
}

TEST_CASE("re-arming replaces the earlier deadline and context", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> first{0};
    std::atomic<int> second{0};
    watchdog.arm(Clock::now() + std::chrono::hours(1), milliseconds(5), count_fire, &first);
    watchdog.arm(Clock::now(), std::chrono::hours(1), count_fire, &second);
    CHECK(wait_until_count(second, 1, milliseconds(5000)));
    watchdog.disarm();
    CHECK(first.load() == 0);
}

TEST_CASE("the watchdog thread blocks every signal", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    struct Probe {
        std::atomic<int> done{0};
        bool sigterm_blocked = false;
    } probe;
    watchdog.arm(
        Clock::now(), std::chrono::hours(1),
        [](void *context) {
            auto *p = static_cast<Probe *>(context);
            sigset_t mask;
            pthread_sigmask(SIG_BLOCK, nullptr, &mask);
            p->sigterm_blocked = sigismember(&mask, SIGTERM) == 1;
            p->done.store(1);
        },
        &probe);
    CHECK(wait_until_count(probe.done, 1, milliseconds(5000)));
    watchdog.disarm();
    CHECK(probe.sigterm_blocked);
    // ...while this thread's mask is as it was.
    sigset_t mine;
    pthread_sigmask(SIG_BLOCK, nullptr, &mine);
    CHECK(sigismember(&mine, SIGTERM) == 0);
}

TEST_CASE("stop joins the thread and start can run it again", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    CHECK(watchdog.running());
    watchdog.stop();
    CHECK_FALSE(watchdog.running());
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    watchdog.arm(Clock::now(), std::chrono::hours(1), count_fire, &fired);
    CHECK(wait_until_count(fired, 1, milliseconds(5000)));
    watchdog.stop(); // stopping while armed is fine
}

TEST_CASE("no callback runs once disarm() returned, however close the deadline", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    struct Probe {
        std::atomic<bool> disarmed{false};
        std::atomic<int> late{0};
        std::atomic<int> fired{0};
    } probe;
    auto fire = [](void *context) {
        auto *p = static_cast<Probe *>(context);
        if (p->disarmed.load()) {
            p->late.fetch_add(1);
        }
        p->fired.fetch_add(1);
    };
    for (int i = 0; i < 20000; i++) {
        probe.disarmed.store(false);
        watchdog.arm(Clock::now(), std::chrono::microseconds(1), fire, &probe); // due at once
        if (i % 7 == 0) {
            std::this_thread::yield(); // now and then, let it fire
        }
        watchdog.disarm();
        probe.disarmed.store(true);
    }
    std::this_thread::sleep_for(milliseconds(20));
    CHECK(probe.late.load() == 0);
}

TEST_CASE("an earlier deadline than the one the thread waits for wakes it", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    watchdog.arm(Clock::now() + std::chrono::hours(1), milliseconds(5), count_fire, &fired);
    std::this_thread::sleep_for(milliseconds(20)); // it now waits for the hour
    watchdog.arm(Clock::now() + milliseconds(10), std::chrono::hours(1), count_fire, &fired);
    CHECK(wait_until_count(fired, 1, milliseconds(5000)));
    watchdog.disarm();
}

TEST_CASE("later deadlines armed without waking the thread still fire", "[watchdog]") {
    Watchdog watchdog;
    REQUIRE(watchdog.start());
    std::atomic<int> fired{0};
    // Each arming replaces the previous one with a later deadline, as a phase's tasks do: the
    // thread wakes at the first and finds the last.
    Clock::time_point first = Clock::now() + milliseconds(30);
    for (int i = 0; i < 1000; i++) {
        watchdog.arm(first + std::chrono::microseconds(i * 50), std::chrono::hours(1), count_fire, &fired);
        watchdog.disarm();
    }
    watchdog.arm(first + milliseconds(60), std::chrono::hours(1), count_fire, &fired);
    CHECK(wait_until_count(fired, 1, milliseconds(5000)));
    CHECK(Clock::now() >= first + milliseconds(60));
    watchdog.disarm();
}
