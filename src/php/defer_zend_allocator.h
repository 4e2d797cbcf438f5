// Storage from PHP's own allocator for the core's containers (the task queue): it counts
// against memory_limit and shows in memory_get_usage(). Going over the limit refuses the
// allocation with std::bad_alloc (a clear Error for the caller) instead of letting emalloc
// bail out through C++ frames.
#ifndef DEFER_ZEND_ALLOCATOR_H
#define DEFER_ZEND_ALLOCATOR_H

#include <cstddef>
#include <new>

#include "php.h"

/* True when `bytes` more would take the request over memory_limit (with one chunk of room:
 * Zend's allocator checks the limit a chunk at a time). */
inline bool php_defer_over_memory_limit(size_t bytes) {
    if (PG(memory_limit) <= 0) {
        return false;
    }
    size_t limit = static_cast<size_t>(PG(memory_limit));
    size_t used = zend_memory_usage(true);
    constexpr size_t chunk = size_t{2} * 1024 * 1024;
    return used >= limit || bytes > limit - used || limit - used - bytes < chunk;
}

template <typename T>
struct php_defer_zend_allocator {
    using value_type = T;

    php_defer_zend_allocator() noexcept = default;
    template <typename U>
    php_defer_zend_allocator(const php_defer_zend_allocator<U> &) noexcept {}

    // T may be a pointer (a hash table's buckets): sizeof(T) is meant.
    T *allocate(size_t count) {
        constexpr size_t size = sizeof(T); // NOLINT(bugprone-sizeof-expression)
        if (count > static_cast<size_t>(-1) / size || php_defer_over_memory_limit(count * size)) {
            throw std::bad_alloc();
        }
        return static_cast<T *>(safe_emalloc(count, size, 0));
    }
    void deallocate(T *pointer, size_t) noexcept { efree(pointer); }
};

template <typename T, typename U>
bool operator==(const php_defer_zend_allocator<T> &, const php_defer_zend_allocator<U> &) noexcept {
    return true;
}
template <typename T, typename U>
bool operator!=(const php_defer_zend_allocator<T> &, const php_defer_zend_allocator<U> &) noexcept {
    return false;
}

#endif
