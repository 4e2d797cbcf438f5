// The task queue's index of pending named tasks: task ids by the hash of their name, in one
// flat array probed in order (open addressing). A named task costs the queue no allocation of
// its own (a node-based map allocated one per name), and nothing is allocated while no task
// has a name. The queue compares the names; the index only narrows the search to one hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace defer {

template <template <typename> class Allocator = std::allocator>
class NameIndex {
public:
    using Id = std::int64_t; // a task id: 1 and up

    NameIndex() = default;
    ~NameIndex() { release(slots_, capacity_); }
    NameIndex(const NameIndex &) = delete;
    NameIndex &operator=(const NameIndex &) = delete;

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    // Makes room for one more id, so that the insert() after it cannot fail. Throws
    // std::bad_alloc (the allocator's refusal) with nothing changed.
    void reserve_one() {
        // At most half full, tombstones counted: probes stay short and always end at an
        // empty slot.
        if ((size_ + tombstones_ + 1) * 2 <= capacity_) {
            return;
        }
        // Twice the room when the live ids need it; the same room, swept, when tombstones do.
        std::size_t capacity = capacity_ == 0 ? kFirstCapacity : capacity_;
        if ((size_ + 1) * 4 > capacity) {
            capacity *= 2;
        }
        rehash(capacity);
    }

    // After reserve_one().
    void insert(std::size_t hash, Id id) noexcept {
        std::size_t at = hash & (capacity_ - 1);
        while (slots_[at].id > 0) {
            at = (at + 1) & (capacity_ - 1);
        }
        if (slots_[at].id == kTombstone) {
            --tombstones_;
        }
        slots_[at] = Slot{hash, id};
        ++size_;
    }

    // The first id of that hash for which matches(id) is true, or 0.
    template <typename Matches>
    Id find(std::size_t hash, Matches matches) const noexcept {
        if (size_ == 0) {
            return 0;
        }
        for (std::size_t at = hash & (capacity_ - 1); slots_[at].id != kEmpty; at = (at + 1) & (capacity_ - 1)) {
            if (slots_[at].id > 0 && slots_[at].hash == hash && matches(slots_[at].id)) {
                return slots_[at].id;
            }
        }
        return 0;
    }

    // Takes the id out (filed under that hash); nothing happens for an id not held.
    void erase(std::size_t hash, Id id) noexcept {
        if (size_ == 0) {
            return;
        }
        for (std::size_t at = hash & (capacity_ - 1); slots_[at].id != kEmpty; at = (at + 1) & (capacity_ - 1)) {
            if (slots_[at].id == id) {
                slots_[at].id = kTombstone;
                --size_;
                ++tombstones_;
                return;
            }
        }
    }

    // Every id out; the room stays for the next ones.
    void clear() noexcept {
        for (std::size_t at = 0; at < capacity_; ++at) {
            slots_[at] = Slot{};
        }
        size_ = 0;
        tombstones_ = 0;
    }

private:
    struct Slot {
        std::size_t hash = 0;
        Id id = kEmpty; // kEmpty, kTombstone (was held: probes go on past it) or a task id
    };
    static constexpr Id kEmpty = 0;
    static constexpr Id kTombstone = -1;
    static constexpr std::size_t kFirstCapacity = 16; // a power of two, as every capacity

    void rehash(std::size_t capacity) {
        Allocator<Slot> allocator;
        Slot *slots = std::allocator_traits<Allocator<Slot>>::allocate(allocator, capacity);
        for (std::size_t at = 0; at < capacity; ++at) {
            ::new (static_cast<void *>(&slots[at])) Slot();
        }
        Slot *old = slots_;
        std::size_t old_capacity = capacity_;
        slots_ = slots;
        capacity_ = capacity;
        size_ = 0;
        tombstones_ = 0;
        for (std::size_t at = 0; at < old_capacity; ++at) {
            if (old[at].id > 0) {
                insert(old[at].hash, old[at].id);
            }
        }
        release(old, old_capacity);
    }

    static void release(Slot *slots, std::size_t capacity) noexcept {
        if (slots != nullptr) {
            Allocator<Slot> allocator;
            std::allocator_traits<Allocator<Slot>>::deallocate(allocator, slots, capacity);
        }
    }

    Slot *slots_ = nullptr;
    std::size_t capacity_ = 0; // 0 or a power of two
    std::size_t size_ = 0;
    std::size_t tombstones_ = 0;
};

} // namespace defer
