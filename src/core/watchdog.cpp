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
    armed_.store(0);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    try {
        thread_->join();
    } catch (const std::system_error &) {
    }
    thread_.reset();
}

void Watchdog::arm(Clock::time_point deadline, Clock::duration repeat, Callback fire, void *context) noexcept {
    disarm();
    Clock::rep at = deadline.time_since_epoch().count();
    deadline_.store(at, std::memory_order_relaxed);
    repeat_.store(repeat > Clock::duration::zero()
                      ? repeat.count()
                      : std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(100)).count(),
                  std::memory_order_relaxed);
    fire_.store(fire, std::memory_order_relaxed);
    context_.store(context, std::memory_order_relaxed);
    armed_.store(++generation_); // seq_cst: publishes the fields, and is ordered before the load below
    // The thread stores what it waits for, then reads armed_ again before it waits: either it
    // sees this arming, or this sees its wait. It holds the mutex until it waits, so the
    // notification cannot come before the wait.
    if (at < sleeping_until_.load()) {
        { std::lock_guard<std::mutex> lock(mutex_); }
        wake_.notify_one();
    }
}

void Watchdog::disarm() noexcept {
    std::uint64_t generation = armed_.exchange(0);
    // The thread marks a fire, then checks it is still armed: either it sees the disarming
    // and does not call, or this sees the mark and waits for the callback (a few stores) to end.
    while (generation != 0 && firing_.load() == generation) {
        std::this_thread::yield();
    }
}

void Watchdog::run() noexcept {
    std::unique_lock<std::mutex> lock(mutex_);
    running_ = true;
    wake_.notify_all(); // start() waits for this
    std::uint64_t known = 0;
    Clock::rep next_fire = 0;
    while (!stopping_) {
        std::uint64_t generation = armed_.load();
        if (generation == 0) {
            sleeping_until_.store(idle);
            if (armed_.load() == 0 && !stopping_) {
                wake_.wait(lock);
            }
            continue;
        }
        if (generation != known) {
            next_fire = deadline_.load(std::memory_order_relaxed);
            if (armed_.load() != generation) {
                continue; // re-armed while reading: read again
            }
            known = generation;
        }
        if (Clock::now().time_since_epoch().count() < next_fire) {
            sleeping_until_.store(next_fire);
            if (armed_.load() == generation) {
                wake_.wait_until(lock, Clock::time_point(Clock::duration(next_fire)));
            }
            continue; // re-check: disarmed, re-armed or stopped meanwhile
        }
        firing_.store(generation);
        if (armed_.load() == generation) {
            fire_.load(std::memory_order_relaxed)(context_.load(std::memory_order_relaxed));
        }
        firing_.store(0);
        next_fire += repeat_.load(std::memory_order_relaxed);
    }
}

} // namespace defer
