#include <catch2/catch.hpp>

#include "defer/budget.h"

using defer::Budget;
using defer::Clock;
using defer::Limit;
using std::chrono::milliseconds;

TEST_CASE("no limits: no deadline and the phase is never spent", "[budget]") {
    Budget budget(0, 0);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    CHECK(budget.deadline_for_task(start).limit == Limit::none);
    CHECK_FALSE(budget.phase_spent(start + std::chrono::hours(24)));
}

TEST_CASE("the phase budget is the deadline of every task when there is no task timeout", "[budget]") {
    Budget budget(2.0, 0);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    auto first = budget.deadline_for_task(start);
    auto later = budget.deadline_for_task(start + milliseconds(1500));
    CHECK(first.limit == Limit::time_budget);
    CHECK(later.limit == Limit::time_budget);
    CHECK(first.at == later.at);
    CHECK(first.at == start + milliseconds(2000));
    CHECK_FALSE(budget.phase_spent(start + milliseconds(1999)));
    CHECK(budget.phase_spent(start + milliseconds(2000)));
}

TEST_CASE("a task timeout applies while it ends before the phase budget", "[budget]") {
    Budget budget(1.0, 0.3);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    auto early = budget.deadline_for_task(start);
    CHECK(early.limit == Limit::task_timeout);
    CHECK(early.at == start + milliseconds(300));
    // Started 0.8 s in: the phase ends first (at 1.0 s), and it wins.
    auto late = budget.deadline_for_task(start + milliseconds(800));
    CHECK(late.limit == Limit::time_budget);
    CHECK(late.at == start + milliseconds(1000));
}

TEST_CASE("a tie between the limits goes to the phase budget", "[budget]") {
    Budget budget(1.0, 0.5);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    CHECK(budget.deadline_for_task(start + milliseconds(500)).limit == Limit::time_budget);
}

TEST_CASE("a task timeout without a phase budget", "[budget]") {
    Budget budget(0, 0.25);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    auto deadline = budget.deadline_for_task(start + std::chrono::hours(1));
    CHECK(deadline.limit == Limit::task_timeout);
    CHECK(deadline.at == start + std::chrono::hours(1) + milliseconds(250));
    CHECK_FALSE(budget.phase_spent(start + std::chrono::hours(1)));
}

TEST_CASE("limit names and seconds", "[budget]") {
    Budget budget(30, 2.5);
    CHECK(std::string(defer::limit_name(Limit::time_budget)) == "defer.time_budget");
    CHECK(std::string(defer::limit_name(Limit::task_timeout)) == "defer.task_timeout");
    CHECK(budget.seconds_of(Limit::time_budget) == 30);
    CHECK(budget.seconds_of(Limit::task_timeout) == 2.5);
    CHECK(budget.seconds_of(Limit::none) == 0);
}

TEST_CASE("a failure handler gets a task's limit, but at least its floor", "[budget]") {
    Budget budget(2.0, 0.5);
    Clock::time_point start = Clock::now();
    budget.start_phase(start);
    // Time left: the task timeout applies, above the floor.
    auto early = budget.deadline_for_handler(start, 0.1);
    CHECK(early.limit == Limit::task_timeout);
    CHECK(early.at == start + milliseconds(500));
    // The budget is spent: the floor still gives the handler its time.
    auto late = budget.deadline_for_handler(start + milliseconds(2500), 1.0);
    CHECK(late.limit == Limit::time_budget);
    CHECK(late.at == start + milliseconds(3500));
    // No limit set: none for the handler either.
    Budget unlimited(0, 0);
    unlimited.start_phase(start);
    CHECK(unlimited.deadline_for_handler(start, 1.0).limit == Limit::none);
}
