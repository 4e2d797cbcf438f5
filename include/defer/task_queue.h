// The request's deferred tasks: ids, FIFO order, names, cancellation, limits and outcomes.
// Payload is whatever the caller needs to run a task (the Zend glue stores the
// callable and its bound arguments there); the queue never looks inside it. Allocator
// gives the queue's storage (the glue's counts against PHP's memory_limit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "defer/task_state.h"

namespace defer {

using TaskId = std::int64_t;

struct TaskCounts {
    std::size_t queued = 0; // every task ever queued in this request
    std::size_t ran = 0;    // started and settled: ok + failed
    std::size_t failed = 0; // exception, exit, fatal or timeout
    std::size_t timed_out = 0;
    std::size_t skipped = 0;
    std::size_t cancelled = 0;
    std::size_t pending = 0; // not started
    std::size_t running = 0; // started, not settled

    void add(TaskState state) noexcept {
        ++queued;
        switch (state) {
            case TaskState::pending:
                ++pending;
                break;
            case TaskState::running:
                ++running;
                break;
            case TaskState::skipped:
                ++skipped;
                break;
            case TaskState::cancelled:
                ++cancelled;
                break;
            default:
                ++ran;
                if (task_state_is_failure(state)) {
                    ++failed;
                }
                if (state == TaskState::timeout) {
                    ++timed_out;
                }
        }
    }
};

// A task name's longest length, in bytes.
constexpr std::size_t kMaxTaskNameLength = 255;

template <typename Payload, template <typename> class Allocator = std::allocator>
class TaskQueue {
public:
    using Name = std::basic_string<char, std::char_traits<char>, Allocator<char>>;

    struct Task {
        TaskId id;
        TaskState state;
        double duration;   // seconds the task ran
        std::string error; // why it failed or was skipped; empty otherwise
        Name name;         // empty for an unnamed task
        Payload payload;
    };

    // What push_named() did: the new task's id, and the pending task of the same name it
    // replaced (now cancelled), or 0.
    struct Pushed {
        TaskId id;
        TaskId replaced;
    };

    explicit TaskQueue(std::size_t max_tasks) : max_tasks_(max_tasks) {}

    std::size_t max_tasks() const noexcept { return max_tasks_; }
    // The limit may change during the request (ini_set); tasks already queued stay.
    void set_max_tasks(std::size_t max_tasks) noexcept { max_tasks_ = max_tasks; }
    bool full() const noexcept { return tasks_.size() >= max_tasks_; }

    // Queues a task and returns its id (ids start at 1 and follow the queue order).
    // The caller checks full() first; may throw std::bad_alloc (the allocator's refusal).
    TaskId push(Payload payload) {
        TaskId id = next_id();
        tasks_.push_back(Task{id, TaskState::pending, 0.0, std::string(), Name(), std::move(payload)});
        ++pending_;
        return id;
    }

    // Queues a task under a name (as push(); an empty name is no name). A pending task of
    // the same name is cancelled, its error saying by which task: the later one wins and
    // runs in its own, later place (Laravel's rule). A started task of that name is left
    // alone. Throws std::bad_alloc with nothing changed.
    Pushed push_named(Payload payload, std::string_view name) {
        if (name.empty()) {
            return Pushed{push(std::move(payload)), 0};
        }
        TaskId id = next_id();
        std::size_t hash = hash_of(name);
        Task *previous = find_pending(name);
        TaskId replaced = previous != nullptr ? previous->id : 0;
        // Allocations first (the name, the index entry, the queue's room), then the changes.
        Name stored(name.data(), name.size());
        auto entry = index_.emplace(hash, id);
        try {
            tasks_.push_back(Task{id, TaskState::pending, 0.0, std::string(), std::move(stored), std::move(payload)});
        } catch (...) {
            index_.erase(entry);
            throw;
        }
        ++pending_;
        if (replaced != 0) {
            cancel(replaced);
            store_replaced_by(*find(replaced), id);
        }
        return Pushed{id, replaced};
    }

    // The pending (not started) task of that name, or nullptr.
    Task *find_pending(std::string_view name) noexcept {
        if (name.empty() || index_.empty()) {
            return nullptr;
        }
        auto range = index_.equal_range(hash_of(name));
        for (auto it = range.first; it != range.second; ++it) {
            Task *task = find(it->second);
            if (task != nullptr && task->state == TaskState::pending && std::string_view(task->name) == name) {
                return task;
            }
        }
        return nullptr;
    }

    // Cancels the pending task of that name; returns its id, or 0 when no pending task has it.
    TaskId cancel_named(std::string_view name) noexcept {
        Task *task = find_pending(name);
        if (task == nullptr) {
            return 0;
        }
        TaskId id = task->id;
        cancel(id);
        return id;
    }

    // Pending named tasks, which the name index holds (for tests and accounting).
    std::size_t named_pending() const noexcept { return index_.size(); }

    // What push() would allocate now: a storage twice as big when the current one is full
    // (as std::vector grows), else nothing. Lets a caller refuse a task before the allocator
    // has to (a C++ exception through some hosts' runtimes is best avoided).
    std::size_t growth_bytes() const noexcept {
        if (tasks_.size() < tasks_.capacity()) {
            return 0;
        }
        return (tasks_.empty() ? 1 : tasks_.size() * 2) * sizeof(Task);
    }

    Task *find(TaskId id) noexcept {
        if (id < first_id_ || id >= next_id()) {
            return nullptr;
        }
        return &tasks_[static_cast<std::size_t>(id - first_id_)];
    }

    // The id the next push() returns; the tasks held have ids from first_id() up to it.
    TaskId next_id() const noexcept { return first_id_ + static_cast<TaskId>(tasks_.size()); }
    TaskId first_id() const noexcept { return first_id_; }

    // Drops the tasks the queue has gone past (every one settled, skipped or cancelled),
    // handing each payload to release first; their counts stay in counts() and ids are
    // never reused. Lets a process that runs tasks in batches keep its memory flat.
    // Nothing is dropped while a task runs. Returns how many were dropped.
    template <typename Release>
    std::size_t forget_settled(Release release) noexcept {
        if (running_ != 0 || cursor_ == 0) {
            return 0;
        }
        std::size_t dropped = cursor_;
        for (std::size_t i = 0; i < dropped; ++i) {
            forgotten_.add(tasks_[i].state);
            release(tasks_[i].payload);
        }
        tasks_.erase(tasks_.begin(), tasks_.begin() + static_cast<std::ptrdiff_t>(dropped));
        first_id_ += static_cast<TaskId>(dropped);
        cursor_ = 0;
        return dropped;
    }

    // Cancels a task that has not started; false for unknown ids, started or settled tasks.
    bool cancel(TaskId id) noexcept {
        Task *task = find(id);
        if (task == nullptr || task->state != TaskState::pending) {
            return false;
        }
        task->state = TaskState::cancelled;
        --pending_;
        unindex(*task);
        return true;
    }

    // The next pending task in FIFO order, now running; nullptr when none is left.
    // Tasks pushed while others run are found too, after those queued before them.
    // The pointer is invalidated by push(): a running task may queue more tasks, so
    // copy what is needed and settle by id.
    Task *start_next() noexcept {
        while (cursor_ < tasks_.size()) {
            Task &task = tasks_[cursor_++];
            if (task.state == TaskState::pending) {
                task.state = TaskState::running;
                --pending_;
                unindex(task);
                running_ = task.id;
                return &task;
            }
        }
        running_ = 0;
        return nullptr;
    }

    TaskId running() const noexcept { return running_; }
    // Tasks not started yet, in O(1) (counts() walks the queue).
    std::size_t pending() const noexcept { return pending_; }

    // Records the outcome of a started task. Never throws: should memory run out, the
    // outcome is kept without its message.
    void settle(TaskId id, TaskState state, double duration, std::string_view error) noexcept {
        Task *task = find(id);
        if (task == nullptr) {
            return;
        }
        task->state = state;
        task->duration = duration;
        store_error(*task, error);
        if (id == running_) {
            running_ = 0;
        }
    }

    // Marks every task that has not started as skipped with the same reason; the running
    // task stays running until it is settled. Returns how many were skipped.
    // Never throws, as settle().
    std::size_t skip_pending(std::string_view reason) noexcept {
        std::size_t skipped = 0;
        for (std::size_t i = cursor_; i < tasks_.size(); ++i) {
            if (tasks_[i].state == TaskState::pending) {
                tasks_[i].state = TaskState::skipped;
                store_error(tasks_[i], reason);
                ++skipped;
                --pending_;
            }
        }
        cursor_ = tasks_.size();
        index_.clear(); // no task is pending any more
        return skipped;
    }

    // Every task of the request, the forgotten ones included.
    TaskCounts counts() const noexcept {
        TaskCounts counts = forgotten_;
        for (const Task &task : tasks_) {
            counts.add(task.state);
        }
        return counts;
    }

    std::size_t size() const noexcept { return tasks_.size(); }
    bool empty() const noexcept { return tasks_.empty(); }
    Task *begin() noexcept { return tasks_.data(); }
    Task *end() noexcept { return tasks_.data() + tasks_.size(); }
    const Task *begin() const noexcept { return tasks_.data(); }
    const Task *end() const noexcept { return tasks_.data() + tasks_.size(); }

private:
    static std::size_t hash_of(std::string_view name) noexcept { return std::hash<std::string_view>{}(name); }

    // A named task leaves the index when it stops being pending.
    void unindex(const Task &task) noexcept {
        if (task.name.empty()) {
            return;
        }
        auto range = index_.equal_range(hash_of(task.name));
        for (auto it = range.first; it != range.second; ++it) {
            if (it->second == task.id) {
                index_.erase(it);
                return;
            }
        }
    }

    // "replaced by task #12", without snprintf (a macro in PHP's headers).
    static void store_replaced_by(Task &task, TaskId by) noexcept {
        char digits[24];
        std::size_t count = 0;
        for (auto value = static_cast<std::uint64_t>(by); value != 0 || count == 0; value /= 10) {
            digits[count++] = static_cast<char>('0' + value % 10);
        }
        char reason[48] = "replaced by task #";
        std::size_t length = sizeof("replaced by task #") - 1;
        while (count > 0) {
            reason[length++] = digits[--count];
        }
        store_error(task, std::string_view(reason, length));
    }

    static void store_error(Task &task, std::string_view error) noexcept {
        if (error.empty()) {
            task.error.clear(); // the common case, an ok task: no call into the library
            return;
        }
        try {
            task.error.assign(error.data(), error.size());
        } catch (const std::bad_alloc &) {
            task.error.clear();
        }
    }

    std::vector<Task, Allocator<Task>> tasks_;
    std::size_t max_tasks_;
    std::size_t cursor_ = 0;
    TaskId running_ = 0;
    std::size_t pending_ = 0;
    TaskId first_id_ = 1;
    TaskCounts forgotten_; // of the tasks forget_settled() dropped
    // The pending named tasks, by the hash of their name (names compared in the task):
    // empty, and never allocated, while no task has a name.
    std::unordered_multimap<std::size_t, TaskId, std::hash<std::size_t>, std::equal_to<std::size_t>,
                            Allocator<std::pair<const std::size_t, TaskId>>>
        index_;
};

} // namespace defer
