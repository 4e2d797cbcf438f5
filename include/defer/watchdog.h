// A thread that calls a function when a deadline passes, and again every `repeat`
// until disarmed: it wakes the PHP thread when a deferred task runs over its time.
// The callback runs on the watchdog's thread with every signal blocked there, so
// process signals keep going to the PHP thread; it must be short and thread-safe.
//
// Arming and disarming are a few atomic operations, no system call, as long as the thread
// already waits for a deadline no later than the new one (a phase's tasks, armed one after
// the other, each with a later or the same deadline): the thread wakes at the deadline it
// knows and reads the current one. Only a deadline earlier than the one it waits for, or
// the first arming after it went idle, wakes it (a mutex and a condition variable).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
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

    // From `deadline` on, calls fire(context), then again every `repeat` (> 0). One thread arms
    // and disarms (the PHP thread); arming again replaces the earlier deadline.
    void arm(Clock::time_point deadline, Clock::duration repeat, Callback fire, void *context) noexcept;
    // Once this returns the callback is not running and will not be called again.
    void disarm() noexcept;

private:
    void run() noexcept;

    static constexpr Clock::rep idle = INT64_MAX;

    std::mutex mutex_; // held by the thread except while it waits
    std::condition_variable wake_;
    std::unique_ptr<std::thread> thread_;
    bool stopping_ = false; // under mutex_
    bool running_ = false;  // the thread has entered run(); under mutex_

    // The arming: its fields are written before `armed_` publishes them (seq_cst).
    std::atomic<std::uint64_t> armed_{0};  // the arming's generation, 0 when disarmed
    std::atomic<std::uint64_t> firing_{0}; // the generation whose callback runs now
    std::atomic<Clock::rep> deadline_{0};
    std::atomic<Clock::rep> repeat_{0};
    std::atomic<Callback> fire_{nullptr};
    std::atomic<void *> context_{nullptr};
    // What the thread waits for: a deadline, or `idle` (until woken).
    std::atomic<Clock::rep> sleeping_until_{idle};
    std::uint64_t generation_ = 0; // the arming thread's
};

} // namespace defer
