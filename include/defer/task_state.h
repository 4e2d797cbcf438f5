// What became of one deferred task.
#pragma once

#include <cstdint>

namespace defer {

enum class TaskState : std::uint8_t {
    pending,   // queued, not started
    running,   // started, not settled yet
    ok,        // returned normally
    exception, // threw and did not catch
    exit,      // called exit() or die()
    fatal,     // raised a fatal error (memory_limit, E_ERROR, ...)
    timeout,   // stopped by its time limit
    skipped,   // never started: budget spent or the engine could not run code
    cancelled, // cancelled with defer_cancel() before it started (the last: TaskQueue counts by state)
};

// Lower-case name shown in defer_status() and in the log.
const char *task_state_name(TaskState state) noexcept;

// States counted as "failed" in the request record (inline: each settled task asks).
inline bool task_state_is_failure(TaskState state) noexcept {
    return state == TaskState::exception || state == TaskState::exit || state == TaskState::fatal ||
           state == TaskState::timeout;
}

} // namespace defer
