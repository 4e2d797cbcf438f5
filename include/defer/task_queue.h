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
#include <utility>
#include <vector>

#include "defer/name_index.h"
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

    void add(TaskState state) noexcept { add(state, 1); }

    // `count` tasks in that state.
    void add(TaskState state, std::size_t count) noexcept {
        queued += count;
        switch (state) {
            case TaskState::pending:
                pending += count;
                break;
            case TaskState::running:
                running += count;
                break;
            case TaskState::skipped:
                skipped += count;
                break;
            case TaskState::cancelled:
                cancelled += count;
                break;
            default:
                ran += count;
                if (task_state_is_failure(state)) {
                    failed += count;
                }
                if (state == TaskState::timeout) {
                    timed_out += count;
                }
        }
    }
};

// A task name's longest length, in bytes.
constexpr std::size_t kMaxTaskNameLength = 255;

// A task's name or error: characters the queue owns and frees itself. Plain data (no
// std::string to build, move and destroy with each task), so that a task is trivially copyable
// when its payload is.
class TaskText {
public:
    bool empty() const noexcept { return size_ == 0; }
    const char *data() const noexcept { return size_ != 0 ? data_ : ""; }
    std::size_t size() const noexcept { return size_; }
    operator std::string_view() const noexcept { return std::string_view(data(), size_); }
    friend bool operator==(const TaskText &text, std::string_view other) noexcept {
        return std::string_view(text) == other;
    }
    friend bool operator!=(const TaskText &text, std::string_view other) noexcept { return !(text == other); }

private:
    template <typename, template <typename> class>
    friend class TaskQueue;

    char *data_; // NULL when empty
    std::size_t size_;
};

template <typename Payload, template <typename> class Allocator = std::allocator>
class TaskQueue {
public:
    struct Task {
        // A pending task, built where the queue keeps it (no copy of the payload on the way).
        template <typename P>
        Task(TaskId id_, TaskText name_, std::size_t name_hash_, P &&payload_)
            : id(id_), state(TaskState::pending), duration(0.0), error{}, name(name_), name_hash(name_hash_),
              payload(std::forward<P>(payload_)) {}

        TaskId id;
        TaskState state;
        double duration;       // seconds the task ran
        TaskText error;        // why it failed or was skipped; empty otherwise
        TaskText name;         // empty for an unnamed task
        std::size_t name_hash; // where the name index files it
        Payload payload;
    };

    // What push_named() did: the new task's id, and the pending task of the same name it
    // replaced (now cancelled), or 0.
    struct Pushed {
        TaskId id;
        TaskId replaced;
    };

    explicit TaskQueue(std::size_t max_tasks) : max_tasks_(max_tasks) {}
    ~TaskQueue() {
        for (std::size_t i = 0; i < size_; ++i) {
            free_texts(at(i));
            at(i).~Task();
        }
        for (Task *chunk : chunks_) {
            free_chunk(chunk);
        }
    }
    TaskQueue(const TaskQueue &) = delete;
    TaskQueue &operator=(const TaskQueue &) = delete;

    std::size_t max_tasks() const noexcept { return max_tasks_; }
    // The limit may change during the request (ini_set); tasks already queued stay.
    void set_max_tasks(std::size_t max_tasks) noexcept { max_tasks_ = max_tasks; }
    bool full() const noexcept { return size_ >= max_tasks_; }

    // Queues a task and returns its id (ids start at 1 and follow the queue order).
    // The caller checks full() first; may throw std::bad_alloc (the allocator's refusal).
    template <typename P>
    TaskId push(P &&payload) {
        TaskId id = next_id();
        emplace(id, TaskText{}, std::size_t{0}, std::forward<P>(payload));
        ++pending_;
        ++by_state_[static_cast<std::size_t>(TaskState::pending)];
        return id;
    }

    // Queues a task under a name (as push(); an empty name is no name). A pending task of
    // the same name is cancelled, its error saying by which task: the later one wins and
    // runs in its own, later place (Laravel's rule). A started task of that name is left
    // alone. Throws std::bad_alloc with nothing changed.
    template <typename P>
    Pushed push_named(P &&payload, std::string_view name) {
        if (name.empty()) {
            return Pushed{push(std::forward<P>(payload)), 0};
        }
        TaskId id = next_id();
        std::size_t hash = hash_of(name);
        Task *previous = find_pending(name, hash);
        TaskId replaced = previous != nullptr ? previous->id : 0;
        // Allocations first (the name, the index's room, the queue's room), then the changes.
        TaskText stored = copy_text(name_allocator(), name);
        try {
            index_.reserve_one();
            emplace(id, stored, hash, std::forward<P>(payload));
        } catch (...) {
            free_text(name_allocator(), stored);
            throw;
        }
        index_.insert(hash, id);
        ++pending_;
        ++by_state_[static_cast<std::size_t>(TaskState::pending)];
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
        return find_pending(name, hash_of(name));
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

    // What push() would allocate now: a new chunk when the last one is full (and the list of
    // chunks twice as big when that is full, as std::vector grows), else nothing. Lets a caller
    // refuse a task before the allocator has to (a C++ exception through some hosts' runtimes
    // is best avoided).
    std::size_t growth_bytes() const noexcept {
        if (((offset_ + size_) >> kChunkShift) < chunks_.size()) {
            return 0;
        }
        std::size_t bytes = kChunkTasks * sizeof(Task);
        if (chunks_.size() == chunks_.capacity()) {
            bytes += (chunks_.empty() ? 1 : chunks_.size() * 2) * sizeof(void *); // a chunk pointer
        }
        return bytes;
    }

    Task *find(TaskId id) noexcept {
        if (id < first_id_ || id >= next_id()) {
            return nullptr;
        }
        return &at(static_cast<std::size_t>(id - first_id_));
    }

    // The id the next push() returns; the tasks held have ids from first_id() up to it.
    TaskId next_id() const noexcept { return first_id_ + static_cast<TaskId>(size_); }
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
            release(at(i).payload);
            free_texts(at(i));
            at(i).~Task();
        }
        offset_ += dropped;
        size_ -= dropped;
        // The chunks now empty go (the others' tasks stay where they are).
        std::size_t emptied = offset_ >> kChunkShift;
        for (std::size_t i = 0; i < emptied; ++i) {
            free_chunk(chunks_[i]);
        }
        chunks_.erase(chunks_.begin(), chunks_.begin() + static_cast<std::ptrdiff_t>(emptied));
        offset_ &= kChunkMask;
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
        set_state(*task, TaskState::cancelled);
        --pending_;
        unindex(*task);
        return true;
    }

    // The next pending task in FIFO order, now running; nullptr when none is left.
    // Tasks pushed while others run are found too, after those queued before them.
    // The pointer stays valid while the task runs, however many tasks it queues (tasks live
    // in chunks that never move), until forget_settled() drops it.
    Task *start_next() noexcept {
        while (cursor_ < size_) {
            Task &task = at(cursor_++);
            if (task.state == TaskState::pending) {
                set_state(task, TaskState::running);
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
    // Tasks not started yet.
    std::size_t pending() const noexcept { return pending_; }

    // Records the outcome of a started task. Never throws: should memory run out, the
    // outcome is kept without its message.
    void settle(TaskId id, TaskState state, double duration, std::string_view error) noexcept {
        Task *task = find(id);
        if (task != nullptr) {
            settle(*task, state, duration, error);
        }
    }

    // The same, for a task start_next() gave.
    void settle(Task &task, TaskState state, double duration, std::string_view error) noexcept {
        set_state(task, state);
        task.duration = duration;
        store_error(task, error);
        if (task.id == running_) {
            running_ = 0;
        }
    }

    // Marks every task that has not started as skipped with the same reason; the running
    // task stays running until it is settled. Returns how many were skipped.
    // Never throws, as settle().
    std::size_t skip_pending(std::string_view reason) noexcept {
        std::size_t skipped = 0;
        for (std::size_t i = cursor_; i < size_; ++i) {
            if (at(i).state == TaskState::pending) {
                set_state(at(i), TaskState::skipped);
                store_error(at(i), reason);
                ++skipped;
                --pending_;
            }
        }
        cursor_ = size_;
        index_.clear(); // no task is pending any more
        return skipped;
    }

    // Every task of the request, the forgotten ones included.
    TaskCounts counts() const noexcept {
        TaskCounts counts;
        for (std::size_t state = 0; state < kTaskStates; ++state) {
            counts.add(static_cast<TaskState>(state), by_state_[state]);
        }
        return counts;
    }

    // The tasks held, in id order.
    template <typename Queue, typename T>
    class Iterator {
    public:
        Iterator(Queue *queue, std::size_t index) noexcept : queue_(queue), index_(index) {}
        T &operator*() const noexcept { return queue_->at(index_); }
        T *operator->() const noexcept { return &queue_->at(index_); }
        Iterator &operator++() noexcept {
            ++index_;
            return *this;
        }
        bool operator==(const Iterator &other) const noexcept { return index_ == other.index_; }
        bool operator!=(const Iterator &other) const noexcept { return index_ != other.index_; }
        std::ptrdiff_t operator-(const Iterator &other) const noexcept {
            return static_cast<std::ptrdiff_t>(index_) - static_cast<std::ptrdiff_t>(other.index_);
        }

    private:
        Queue *queue_;
        std::size_t index_;
    };

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    Iterator<TaskQueue, Task> begin() noexcept { return {this, 0}; }
    Iterator<TaskQueue, Task> end() noexcept { return {this, size_}; }
    Iterator<const TaskQueue, const Task> begin() const noexcept { return {this, 0}; }
    Iterator<const TaskQueue, const Task> end() const noexcept { return {this, size_}; }

private:
    static std::size_t hash_of(std::string_view name) noexcept { return std::hash<std::string_view>{}(name); }

    Task *find_pending(std::string_view name, std::size_t hash) noexcept {
        TaskId id = index_.find(hash, [&](TaskId candidate) {
            const Task *task = find(candidate);
            return task != nullptr && task->state == TaskState::pending && std::string_view(task->name) == name;
        });
        return id != 0 ? find(id) : nullptr;
    }

    // A named task leaves the index when it stops being pending.
    void unindex(const Task &task) noexcept {
        if (!task.name.empty()) {
            index_.erase(task.name_hash, task.id);
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

    // Every change of a task's state goes through here: counts() stays current without a walk.
    void set_state(Task &task, TaskState state) noexcept {
        --by_state_[static_cast<std::size_t>(task.state)];
        ++by_state_[static_cast<std::size_t>(state)];
        task.state = state;
    }

    // A name counts against the caller's memory (Allocator); an error does not (std::allocator):
    // a task that failed for want of memory still gets its message.
    static Allocator<char> name_allocator() noexcept { return Allocator<char>(); }
    static std::allocator<char> error_allocator() noexcept { return std::allocator<char>(); }

    // Throws std::bad_alloc (the allocator's refusal).
    template <typename CharAllocator>
    static TaskText copy_text(CharAllocator allocator, std::string_view text) {
        TaskText copy{};
        if (!text.empty()) {
            copy.data_ = std::allocator_traits<CharAllocator>::allocate(allocator, text.size());
            std::char_traits<char>::copy(copy.data_, text.data(), text.size());
            copy.size_ = text.size();
        }
        return copy;
    }

    template <typename CharAllocator>
    static void free_text(CharAllocator allocator, TaskText &text) noexcept {
        if (text.data_ != nullptr) {
            std::allocator_traits<CharAllocator>::deallocate(allocator, text.data_, text.size_);
        }
        text = TaskText{};
    }

    static void free_texts(Task &task) noexcept {
        free_text(error_allocator(), task.error);
        free_text(name_allocator(), task.name);
    }

    static void store_error(Task &task, std::string_view error) noexcept {
        if (task.error.data_ == nullptr && error.empty()) {
            return; // the common case, an ok task: nothing to free or copy
        }
        free_text(error_allocator(), task.error);
        try {
            task.error = copy_text(error_allocator(), error);
        } catch (const std::bad_alloc &) {
            task.error = TaskText{};
        }
    }

    // The tasks, in chunks that never move: a task is built once, where it stays (a growing
    // array would copy every task again at each growth). Task i (0: the oldest held) is at
    // position offset_ + i, counted from the first chunk's start.
    static constexpr std::size_t kChunkShift = 4;
    static constexpr std::size_t kChunkTasks = std::size_t{1} << kChunkShift;
    static constexpr std::size_t kChunkMask = kChunkTasks - 1;

    Task &at(std::size_t index) noexcept {
        std::size_t position = offset_ + index;
        return chunks_[position >> kChunkShift][position & kChunkMask];
    }
    const Task &at(std::size_t index) const noexcept {
        std::size_t position = offset_ + index;
        return chunks_[position >> kChunkShift][position & kChunkMask];
    }

    static void free_chunk(Task *chunk) noexcept {
        Allocator<Task> allocator;
        std::allocator_traits<Allocator<Task>>::deallocate(allocator, chunk, kChunkTasks);
    }

    // Builds the next task in place. Throws std::bad_alloc (the allocator's refusal, for a new
    // chunk) with nothing changed.
    template <typename... Args>
    void emplace(Args &&...args) {
        std::size_t position = offset_ + size_;
        if ((position >> kChunkShift) == chunks_.size()) {
            Allocator<Task> allocator;
            Task *chunk = std::allocator_traits<Allocator<Task>>::allocate(allocator, kChunkTasks);
            try {
                chunks_.push_back(chunk);
            } catch (...) {
                free_chunk(chunk);
                throw;
            }
        }
        ::new (static_cast<void *>(&chunks_[position >> kChunkShift][position & kChunkMask]))
            Task(std::forward<Args>(args)...);
        ++size_;
    }

    std::vector<Task *, Allocator<Task *>> chunks_;
    std::size_t offset_ = 0;
    std::size_t size_ = 0;
    std::size_t max_tasks_;
    std::size_t cursor_ = 0;
    TaskId running_ = 0;
    std::size_t pending_ = 0;
    TaskId first_id_ = 1;
    // How many tasks are in each state, the ones forget_settled() dropped included.
    static constexpr std::size_t kTaskStates = static_cast<std::size_t>(TaskState::cancelled) + 1;
    std::size_t by_state_[kTaskStates] = {};
    // The pending named tasks, by the hash of their name (names compared in the task):
    // empty, and never allocated, while no task has a name.
    NameIndex<Allocator> index_;
};

} // namespace defer
