#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "defer/stopwatch.h"

using defer::Clock;
using defer::seconds_between;
using defer::Stopwatch;

TEST_CASE("a stopwatch reads 0 until started", "[stopwatch]") {
    Stopwatch watch;
    CHECK_FALSE(watch.running());
    CHECK(watch.elapsed() == 0.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(watch.elapsed() == 0.0);
}

TEST_CASE("a started stopwatch grows with time", "[stopwatch]") {
    Stopwatch watch;
    watch.start();
    CHECK(watch.running());
    double before = watch.elapsed();
    CHECK(before >= 0.0);

    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    double after = watch.elapsed();
    // Orders of magnitude only: a loaded machine may sleep far longer.
    CHECK(after >= 0.005);
    CHECK(after < 60.0);
    CHECK(after >= before);
}

TEST_CASE("start() again restarts the count", "[stopwatch]") {
    Stopwatch watch;
    watch.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(watch.elapsed() >= 0.01);

    // Bracket the restart with our own clock reads: the stopwatch cannot have seen more
    // time than that, whatever the machine's load, so no timing guess is needed.
    auto restarted_after = Clock::now();
    watch.start();
    double elapsed = watch.elapsed();
    double bound = seconds_between(restarted_after, Clock::now());
    CHECK(elapsed >= 0.0);
    CHECK(elapsed <= bound);
}

TEST_CASE("seconds_between converts a clock interval to seconds", "[stopwatch]") {
    auto from = Clock::now();
    auto to = from + std::chrono::milliseconds(250);
    CHECK(seconds_between(from, to) == Approx(0.25));
    CHECK(seconds_between(to, from) == Approx(-0.25));
    CHECK(seconds_between(from, from) == 0.0);
}
