// A thread that calls a function when a deadline passes, and again every `repeat`
// until disarmed: it wakes the PHP thread when a deferred task runs over its time.
// The callback runs on the watchdog's thread with every signal blocked there, so
// process signals keep going to the PHP thread; it must be short and thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "defer/stopwatch.h"

namespace defer {

class Watchdog {
public:
    using Callback = void (*)(void *context);

    Watchdog() = default;
    ~Watchdog();
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;

    // Starts the thread (once) and returns once it runs; false if it could not be created.
    bool start() noexcept;
    // Stops and joins the thread; a later start() starts a new one.
    void stop() noexcept;
    bool running() const noexcept { return thread_ != nullptr; }

    // From `deadline` on, calls fire(context), then again every `repeat` (> 0).
    void arm(Clock::time_point deadline, Clock::duration repeat, Callback fire, void *context) noexcept;
    // Once this returns the callback is not running and will not be called again.
    void disarm() noexcept;

private:
    void run() noexcept;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::unique_ptr<std::thread> thread_;
    bool stopping_ = false;
    bool running_ = false; // the thread has entered run()
    bool armed_ = false;
    Clock::time_point next_fire_{};
    Clock::duration repeat_{};
    Callback fire_ = nullptr;
    void *context_ = nullptr;
};

} // namespace defer
