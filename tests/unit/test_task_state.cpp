#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "defer/task_state.h"

using defer::task_state_is_failure;
using defer::task_state_name;
using defer::TaskState;

TEST_CASE("task_state_name gives the lower-case name of every state", "[task_state]") {
    // These names are part of defer_status() output and the log: they must not drift.
    CHECK(std::string(task_state_name(TaskState::pending)) == "pending");
    CHECK(std::string(task_state_name(TaskState::running)) == "running");
    CHECK(std::string(task_state_name(TaskState::ok)) == "ok");
    CHECK(std::string(task_state_name(TaskState::exception)) == "exception");
    CHECK(std::string(task_state_name(TaskState::exit)) == "exit");
    CHECK(std::string(task_state_name(TaskState::fatal)) == "fatal");
    CHECK(std::string(task_state_name(TaskState::timeout)) == "timeout");
    CHECK(std::string(task_state_name(TaskState::skipped)) == "skipped");
    CHECK(std::string(task_state_name(TaskState::cancelled)) == "cancelled");
}

TEST_CASE("task_state_name never returns null, even for an out-of-range value", "[task_state]") {
    auto bogus = static_cast<TaskState>(200);
    const char *name = task_state_name(bogus);
    REQUIRE(name != nullptr);
    CHECK(std::strlen(name) > 0);
}

TEST_CASE("task_state_is_failure is true only for exception, exit, fatal and timeout", "[task_state]") {
    CHECK(task_state_is_failure(TaskState::exception));
    CHECK(task_state_is_failure(TaskState::exit));
    CHECK(task_state_is_failure(TaskState::fatal));
    CHECK(task_state_is_failure(TaskState::timeout));

    CHECK_FALSE(task_state_is_failure(TaskState::pending));
    CHECK_FALSE(task_state_is_failure(TaskState::running));
    CHECK_FALSE(task_state_is_failure(TaskState::ok));
    // Never started, so not a failure of the task itself.
    CHECK_FALSE(task_state_is_failure(TaskState::skipped));
    CHECK_FALSE(task_state_is_failure(TaskState::cancelled));
}
