#include "defer/budget.h"

namespace defer {

const char *limit_name(Limit limit) noexcept {
    switch (limit) {
        case Limit::time_budget:
            return "defer.time_budget";
        case Limit::task_timeout:
            return "defer.task_timeout";
        case Limit::none:
            return "none";
    }
    return "none";
}

} // namespace defer
