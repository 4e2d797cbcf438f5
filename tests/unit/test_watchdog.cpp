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
