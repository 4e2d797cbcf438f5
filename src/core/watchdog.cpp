#include "defer/watchdog.h"

#include <csignal>
#include <pthread.h>
#include <system_error>

namespace defer {

Watchdog::~Watchdog() {
    stop();
}

bool Watchdog::start() noexcept {
    if (thread_) {
        return true;
    }
    // The new thread inherits this mask: block everything there, so that signals meant
    // for PHP (timeouts, SIGTERM, pcntl handlers) are never delivered to the watchdog.
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    bool started = true;
    try {
        stopping_ = false;
        running_ = false;
        thread_ = std::make_unique<std::thread>(&Watchdog::run, this);
        // Wait until the thread runs: a new thread sets itself up (its allocator caches,
        // a sanitizer's bookkeeping) under locks, and a fork() at that moment, a task's
        // pcntl_fork() right after its limit was armed, would leave them held in the child.
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return running_; });
    } catch (const std::exception &) {
        started = false;
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return started;
}

void Watchdog::stop() noexcept {
    if (!thread_) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        armed_ = false;
    }
    wake_.notify_one();
    try {
        thread_->join();
    } catch (const std::system_error &) {
    }
    thread_.reset();
}

void Watchdog::arm(Clock::time_point deadline, Clock::duration repeat, Callback fire, void *context) noexcept {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        armed_ = true;
        next_fire_ = deadline;
        repeat_ = repeat > Clock::duration::zero() ? repeat : std::chrono::milliseconds(100);
        fire_ = fire;
        context_ = context;
    }
    wake_.notify_one();
}

void Watchdog::disarm() noexcept {
    // The callback runs under the mutex: holding it here means it is not running.
    std::lock_guard<std::mutex> lock(mutex_);
    armed_ = false;
    fire_ = nullptr;
    context_ = nullptr;
}

void Watchdog::run() noexcept {
    std::unique_lock<std::mutex> lock(mutex_);
    running_ = true;
    wake_.notify_all(); // start() waits for this
    while (!stopping_) {
        if (!armed_) {
            wake_.wait(lock);
            continue;
        }
        if (Clock::now() < next_fire_) {
            wake_.wait_until(lock, next_fire_);
            continue; // re-check: disarmed, re-armed or stopped meanwhile
        }
        fire_(context_);
        next_fire_ += repeat_;
    }
}

} // namespace defer
