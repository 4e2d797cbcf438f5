#include "defer/task_state.h"

namespace defer {

const char *task_state_name(TaskState state) noexcept {
    switch (state) {
        case TaskState::pending:
            return "pending";
        case TaskState::running:
            return "running";
        case TaskState::ok:
            return "ok";
        case TaskState::exception:
            return "exception";
        case TaskState::exit:
            return "exit";
        case TaskState::fatal:
            return "fatal";
        case TaskState::timeout:
            return "timeout";
        case TaskState::skipped:
            return "skipped";
        case TaskState::cancelled:
            return "cancelled";
    }
    return "pending";
}

} // namespace defer
