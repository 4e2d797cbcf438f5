// The time limits of the deferred phase: a wall-clock budget for the whole phase
// (defer.time_budget) and one for each task (defer.task_timeout). 0 means no limit.
#pragma once

#include "defer/stopwatch.h"

namespace defer {

enum class Limit { none, time_budget, task_timeout };

// The INI name of a limit, for messages.
const char *limit_name(Limit limit) noexcept;

struct Deadline {
    Limit limit = Limit::none; // none: the task may run for ever
    Clock::time_point at{};
};

class Budget {
public:
    Budget(double time_budget_seconds, double task_timeout_seconds) noexcept
        : time_budget_(time_budget_seconds), task_timeout_(task_timeout_seconds) {}

    double time_budget() const noexcept { return time_budget_; }
    double task_timeout() const noexcept { return task_timeout_; }
    double seconds_of(Limit limit) const noexcept {
        return limit == Limit::time_budget ? time_budget_ : limit == Limit::task_timeout ? task_timeout_ : 0.0;
    }

    void start_phase(Clock::time_point now) noexcept { phase_started_ = now; }

    // True once the phase's budget is used up: no further task may start.
    bool phase_spent(Clock::time_point now) const noexcept {
        return time_budget_ > 0 && now >= phase_started_ + to_duration(time_budget_);
    }

    // The earlier of the two limits for a task starting now; ties go to the phase budget,
    // since then the remaining tasks are skipped as well.
    Deadline deadline_for_task(Clock::time_point task_start) const noexcept {
        Deadline deadline;
        if (time_budget_ > 0) {
            deadline = {Limit::time_budget, phase_started_ + to_duration(time_budget_)};
        }
        if (task_timeout_ > 0) {
            Clock::time_point task_end = task_start + to_duration(task_timeout_);
            if (deadline.limit == Limit::none || task_end < deadline.at) {
                deadline = {Limit::task_timeout, task_end};
            }
        }
        return deadline;
    }

    // The limit of a failure handler called at `now`: a task's (deadline_for_task()), but never
    // less than `floor_seconds` from now, so that the failure of a task the budget stopped can
    // still be reported. No limit when neither setting sets one, as for a task.
    Deadline deadline_for_handler(Clock::time_point now, double floor_seconds) const noexcept {
        Deadline deadline = deadline_for_task(now);
        Clock::time_point floor = now + to_duration(floor_seconds);
        if (deadline.limit != Limit::none && deadline.at < floor) {
            deadline.at = floor;
        }
        return deadline;
    }

private:
    static Clock::duration to_duration(double seconds) noexcept {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }

    double time_budget_;
    double task_timeout_;
    Clock::time_point phase_started_{};
};

} // namespace defer
