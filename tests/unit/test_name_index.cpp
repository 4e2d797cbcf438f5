#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <new>
#include <set>

#include "defer/name_index.h"

namespace {

using Index = defer::NameIndex<>;

// Refuses every allocation while `refuse` is set.
bool refuse = false;
template <typename T>
struct RefusingAllocator {
    using value_type = T;
    RefusingAllocator() noexcept = default;
    template <typename U>
    RefusingAllocator(const RefusingAllocator<U> &) noexcept {}
    T *allocate(std::size_t count) {
        if (refuse) {
            throw std::bad_alloc();
        }
        return std::allocator<T>().allocate(count);
    }
    void deallocate(T *pointer, std::size_t count) noexcept { std::allocator<T>().deallocate(pointer, count); }
};

std::set<Index::Id> all_of(const Index &index, std::size_t hash) {
    std::set<Index::Id> found;
    index.find(hash, [&](Index::Id id) {
        found.insert(id);
        return false; // keep looking
    });
    return found;
}

} // namespace

TEST_CASE("an empty index finds nothing and erases nothing", "[name_index]") {
    Index index;
    CHECK(index.empty());
    CHECK(index.find(42, [](Index::Id) { return true; }) == 0);
    index.erase(42, 1);
    index.clear();
    CHECK(index.size() == 0);
}

TEST_CASE("ids of the same hash are all found, the match decides", "[name_index]") {
    Index index;
    for (Index::Id id = 1; id <= 3; ++id) {
        index.reserve_one();
        index.insert(7, id);
    }
    index.reserve_one();
    index.insert(8, 4);
    CHECK(all_of(index, 7) == std::set<Index::Id>{1, 2, 3});
    CHECK(all_of(index, 8) == std::set<Index::Id>{4});
    CHECK(index.find(7, [](Index::Id id) { return id == 2; }) == 2);
    CHECK(index.find(9, [](Index::Id) { return true; }) == 0);
}

TEST_CASE("an erased id is gone and the ids probed past it stay found", "[name_index]") {
    Index index;
    for (Index::Id id = 1; id <= 4; ++id) {
        index.reserve_one();
        index.insert(5, id); // one chain: 2, 3 and 4 sit past 1
    }
    index.erase(5, 1);
    index.erase(5, 3);
    index.erase(5, 99); // not held: nothing happens
    CHECK(index.size() == 2);
    CHECK(all_of(index, 5) == std::set<Index::Id>{2, 4});
}

TEST_CASE("the index grows and keeps every id through many inserts and erases", "[name_index]") {
    Index index;
    std::set<Index::Id> held;
    // Churn as a request's named tasks do: queued, then started (erased), far more than the
    // first capacity, so that tombstones are swept and the table grows.
    for (Index::Id id = 1; id <= 5000; ++id) {
        index.reserve_one();
        index.insert(static_cast<std::size_t>(id) * 2654435761U, id);
        held.insert(id);
        if (id % 3 != 0) {
            Index::Id gone = id - (id % 7 == 0 ? 0 : 1);
            if (held.erase(gone) != 0) {
                index.erase(static_cast<std::size_t>(gone) * 2654435761U, gone);
            }
        }
        REQUIRE(index.size() == held.size());
    }
    for (Index::Id id : held) {
        CHECK(index.find(static_cast<std::size_t>(id) * 2654435761U, [&](Index::Id found) { return found == id; }) ==
              id);
    }
    index.clear();
    CHECK(index.empty());
    CHECK(all_of(index, 2654435761U).empty());
}

TEST_CASE("a refused allocation leaves the index as it was", "[name_index]") {
    defer::NameIndex<RefusingAllocator> index;
    Index::Id id = 1;
    // Fill the first capacity up to the point where one more needs a bigger table.
    for (;; ++id) {
        refuse = true;
        bool grows = false;
        try {
            index.reserve_one();
        } catch (const std::bad_alloc &) {
            grows = true;
        }
        refuse = false;
        if (grows && id > 1) {
            break;
        }
        if (grows) {
            index.reserve_one(); // the first table
        }
        index.insert(static_cast<std::size_t>(id), id);
    }
    CHECK(index.size() == static_cast<std::size_t>(id - 1));
    for (Index::Id held = 1; held < id; ++held) {
        CHECK(index.find(static_cast<std::size_t>(held), [&](Index::Id found) { return found == held; }) == held);
    }
    index.reserve_one();
    index.insert(static_cast<std::size_t>(id), id);
    CHECK(index.size() == static_cast<std::size_t>(id));
}
