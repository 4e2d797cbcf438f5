// Monotonic wall-clock time, immune to clock changes, in seconds.
#pragma once

#include <chrono>

namespace defer {

using Clock = std::chrono::steady_clock;

inline double seconds_between(Clock::time_point from, Clock::time_point to) noexcept {
    return std::chrono::duration<double>(to - from).count();
}

class Stopwatch {
public:
    void start() noexcept {
        started_ = Clock::now();
        running_ = true;
    }
    bool running() const noexcept { return running_; }
    // Seconds since start(), or 0 if never started.
    double elapsed() const noexcept { return running_ ? seconds_between(started_, Clock::now()) : 0.0; }

private:
    Clock::time_point started_{};
    bool running_ = false;
};

} // namespace defer
