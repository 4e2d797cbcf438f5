#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "defer/task_queue.h"

using defer::TaskId;
using defer::TaskQueue;
using defer::TaskState;

namespace {

// Stands in for the Zend payload: something with owned data the queue must not touch.
struct Payload {
    std::string name;
    std::vector<int> args;
};

using Queue = TaskQueue<Payload>;

Payload payload(const std::string &name) {
    return Payload{name, {1, 2, 3}};
}

void push_all(Queue &queue, std::initializer_list<const char *> names) {
    for (const char *name : names) {
        queue.push(payload(name));
    }
}

// Drains the queue the way the after-response hook does, settling each task as ok.
std::vector<TaskId> run_all(Queue &queue) {
    std::vector<TaskId> order;
    while (auto *task = queue.start_next()) {
        TaskId id = task->id;
        order.push_back(id);
        queue.settle(id, TaskState::ok, 0.0, std::string());
    }
    return order;
}

} // namespace

TEST_CASE("a new queue is empty and has nothing to run", "[task_queue]") {
    Queue queue(10);
    CHECK(queue.empty());
    CHECK(queue.size() == 0);
    CHECK(queue.begin() == queue.end());
    CHECK(queue.running() == 0);
    CHECK(queue.start_next() == nullptr);
    CHECK(queue.find(1) == nullptr);

    auto counts = queue.counts();
    CHECK(counts.queued == 0);
    CHECK(counts.pending == 0);
}

TEST_CASE("ids start at 1 and follow the push order", "[task_queue]") {
    Queue queue(10);
    CHECK(queue.push(payload("a")) == 1);
    CHECK(queue.push(payload("b")) == 2);
    CHECK(queue.push(payload("c")) == 3);
    CHECK(queue.size() == 3);
    CHECK_FALSE(queue.empty());

    for (TaskId id = 1; id <= 3; ++id) {
        auto *task = queue.find(id);
        REQUIRE(task != nullptr);
        CHECK(task->id == id);
        CHECK(task->state == TaskState::pending);
        CHECK(task->duration == 0.0);
        CHECK(task->error.empty());
    }
}

TEST_CASE("find rejects ids outside the queue", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});
    CHECK(queue.find(0) == nullptr);
    CHECK(queue.find(-1) == nullptr);
    CHECK(queue.find(3) == nullptr);
    CHECK(queue.find(INT64_MIN) == nullptr);
    CHECK(queue.find(INT64_MAX) == nullptr);
    CHECK(queue.find(2) != nullptr);
}

TEST_CASE("payload is stored intact and kept with its task", "[task_queue]") {
    Queue queue(10);
    queue.push(Payload{"first", {7}});
    queue.push(Payload{"second", {8, 9}});

    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    CHECK(task->payload.name == "first");
    CHECK(task->payload.args == std::vector<int>{7});

    auto *second = queue.find(2);
    REQUIRE(second != nullptr);
    CHECK(second->payload.name == "second");
    CHECK(second->payload.args == std::vector<int>{8, 9});

    // Settling must not clobber the payload: the glue releases it afterwards.
    queue.settle(1, TaskState::exception, 0.5, "boom");
    CHECK(queue.find(1)->payload.name == "first");
}

TEST_CASE("a std::string payload is stored intact", "[task_queue]") {
    TaskQueue<std::string> queue(4);
    std::string big(1000, 'x');
    TaskId id = queue.push(big);
    CHECK(queue.find(id)->payload == big);
}

TEST_CASE("start_next returns tasks in FIFO order and marks them running", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c"});

    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    CHECK(task->id == 1);
    CHECK(task->payload.name == "a");
    CHECK(queue.running() == 1);
    CHECK(task->state == TaskState::running);

    queue.settle(1, TaskState::ok, 0.0, std::string());
    CHECK(queue.running() == 0);

    CHECK(run_all(queue) == std::vector<TaskId>{2, 3});
    CHECK(queue.start_next() == nullptr);
    CHECK(queue.running() == 0);
}

TEST_CASE("tasks pushed while one runs are started after the ones queued before", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});

    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    TaskId running = task->id;
    CHECK(running == 1);

    // The running task queues more work.
    CHECK(queue.push(payload("c")) == 3);
    CHECK(queue.push(payload("d")) == 4);
    queue.settle(running, TaskState::ok, 0.0, std::string());

    CHECK(run_all(queue) == std::vector<TaskId>{2, 3, 4});
}

TEST_CASE("tasks pushed after the queue was drained are still found", "[task_queue]") {
    // The RSHUTDOWN fallback relies on this: tasks queued after the hook ran.
    Queue queue(10);
    queue.push(payload("a"));
    CHECK(run_all(queue) == std::vector<TaskId>{1});
    CHECK(queue.start_next() == nullptr);

    CHECK(queue.push(payload("late")) == 2);
    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    CHECK(task->id == 2);
    CHECK(task->payload.name == "late");
}

TEST_CASE("settle by id works after pushes reallocated the storage", "[task_queue]") {
    Queue queue(10000);
    queue.push(payload("first"));
    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    // Copy what is needed: the pointer dies with the next reallocation.
    TaskId id = task->id;

    for (int i = 0; i < 1000; ++i) {
        queue.push(payload("more"));
    }
    queue.settle(id, TaskState::timeout, 2.5, "took too long");

    auto *settled = queue.find(id);
    REQUIRE(settled != nullptr);
    CHECK(settled->state == TaskState::timeout);
    CHECK(settled->duration == 2.5);
    CHECK(settled->error == "took too long");
    CHECK(settled->payload.name == "first");
    CHECK(queue.running() == 0);

    auto *next = queue.start_next();
    REQUIRE(next != nullptr);
    CHECK(next->id == 2);
}

TEST_CASE("settle records state, duration and error", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});

    queue.start_next();
    queue.settle(1, TaskState::ok, 0.125, std::string());
    queue.start_next();
    queue.settle(2, TaskState::exception, 1.5, "RuntimeException: nope");

    CHECK(queue.find(1)->state == TaskState::ok);
    CHECK(queue.find(1)->duration == 0.125);
    CHECK(queue.find(1)->error.empty());
    CHECK(queue.find(2)->state == TaskState::exception);
    CHECK(queue.find(2)->duration == 1.5);
    CHECK(queue.find(2)->error == "RuntimeException: nope");
}

TEST_CASE("settle ignores unknown ids", "[task_queue]") {
    Queue queue(10);
    queue.push(payload("a"));
    queue.start_next();
    queue.settle(0, TaskState::fatal, 1.0, "x");
    queue.settle(2, TaskState::fatal, 1.0, "x");
    queue.settle(-5, TaskState::fatal, 1.0, "x");

    CHECK(queue.find(1)->state == TaskState::running);
    // The real running task is untouched.
    CHECK(queue.running() == 1);
}

TEST_CASE("cancel succeeds only for pending tasks that have not started", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c", "d"});

    SECTION("unknown ids") {
        CHECK_FALSE(queue.cancel(0));
        CHECK_FALSE(queue.cancel(-1));
        CHECK_FALSE(queue.cancel(5));
        CHECK_FALSE(queue.cancel(INT64_MAX));
        CHECK(queue.counts().cancelled == 0);
    }

    SECTION("a pending task, once") {
        CHECK(queue.cancel(3));
        CHECK(queue.find(3)->state == TaskState::cancelled);
        CHECK_FALSE(queue.cancel(3));
        CHECK(queue.counts().cancelled == 1);
    }

    SECTION("the running task") {
        auto *task = queue.start_next();
        REQUIRE(task != nullptr);
        CHECK_FALSE(queue.cancel(task->id));
        CHECK(queue.find(1)->state == TaskState::running);
    }

    SECTION("a settled task") {
        queue.start_next();
        queue.settle(1, TaskState::ok, 0.0, std::string());
        CHECK_FALSE(queue.cancel(1));
        CHECK(queue.find(1)->state == TaskState::ok);

        queue.start_next();
        queue.settle(2, TaskState::fatal, 0.0, "oops");
        CHECK_FALSE(queue.cancel(2));
        CHECK(queue.find(2)->state == TaskState::fatal);
    }

    SECTION("a skipped task") {
        queue.skip_pending("budget");
        CHECK_FALSE(queue.cancel(2));
        CHECK(queue.find(2)->state == TaskState::skipped);
    }

    SECTION("a later task while another runs") {
        queue.start_next();
        CHECK(queue.cancel(2));
        CHECK(queue.find(2)->state == TaskState::cancelled);
    }
}

TEST_CASE("cancelled tasks are never started", "[task_queue]") {
    Queue queue(10);
    for (int i = 0; i < 5; ++i) {
        queue.push(payload("t"));
    }
    CHECK(queue.cancel(1));
    CHECK(queue.cancel(3));
    CHECK(queue.cancel(5));

    CHECK(run_all(queue) == std::vector<TaskId>{2, 4});
    CHECK(queue.find(1)->state == TaskState::cancelled);
    CHECK(queue.find(3)->state == TaskState::cancelled);
    CHECK(queue.find(5)->state == TaskState::cancelled);
}

TEST_CASE("a task cancelled by the running task is skipped over", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c"});

    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    CHECK(queue.cancel(2));
    queue.settle(1, TaskState::ok, 0.0, std::string());

    CHECK(run_all(queue) == std::vector<TaskId>{3});
}

TEST_CASE("counts add up for a mix of outcomes", "[task_queue]") {
    Queue queue(20);
    const TaskState outcomes[] = {TaskState::ok,   TaskState::ok,    TaskState::exception,
                                  TaskState::exit, TaskState::fatal, TaskState::timeout};
    for (int i = 0; i < 10; ++i) {
        queue.push(payload("t"));
    }
    // Tasks 7 and 8 are cancelled up front; 1-6 run with the outcomes above.
    CHECK(queue.cancel(7));
    CHECK(queue.cancel(8));
    for (TaskState outcome : outcomes) {
        auto *task = queue.start_next();
        REQUIRE(task != nullptr);
        queue.settle(task->id, outcome, 0.01, outcome == TaskState::ok ? "" : "failed");
    }

    SECTION("with tasks still pending") {
        auto counts = queue.counts();
        CHECK(counts.queued == 10);
        CHECK(counts.ran == 6);
        CHECK(counts.failed == 4);
        CHECK(counts.cancelled == 2);
        CHECK(counts.skipped == 0);
        CHECK(counts.pending == 2);
    }

    SECTION("after the rest is skipped") {
        CHECK(queue.skip_pending("budget spent") == 2);
        auto counts = queue.counts();
        CHECK(counts.queued == 10);
        CHECK(counts.ran == 6);
        CHECK(counts.failed == 4);
        CHECK(counts.cancelled == 2);
        CHECK(counts.skipped == 2);
        CHECK(counts.pending == 0);
        CHECK(counts.ran + counts.cancelled + counts.skipped + counts.pending + counts.running == counts.queued);
    }
}

TEST_CASE("a running task counts as running until settled", "[task_queue]") {
    Queue queue(10);
    queue.push(payload("a"));
    queue.start_next();
    auto counts = queue.counts();
    CHECK(counts.pending == 0);
    CHECK(counts.running == 1);
    CHECK(counts.ran == 0);

    queue.settle(1, TaskState::ok, 0.0, std::string());
    counts = queue.counts();
    CHECK(counts.pending == 0);
    CHECK(counts.ran == 1);
    CHECK(counts.failed == 0);
}

TEST_CASE("skip_pending marks only unstarted pending tasks, with the reason", "[task_queue]") {
    Queue queue(10);
    for (int i = 0; i < 5; ++i) {
        queue.push(payload("t"));
    }
    queue.start_next();
    queue.settle(1, TaskState::ok, 0.0, std::string());
    queue.start_next();
    queue.settle(2, TaskState::exception, 0.0, "threw");
    CHECK(queue.cancel(4));

    CHECK(queue.skip_pending("request budget spent") == 2);

    CHECK(queue.find(1)->state == TaskState::ok);
    CHECK(queue.find(1)->error.empty());
    CHECK(queue.find(2)->state == TaskState::exception);
    CHECK(queue.find(2)->error == "threw");
    CHECK(queue.find(3)->state == TaskState::skipped);
    CHECK(queue.find(3)->error == "request budget spent");
    CHECK(queue.find(4)->state == TaskState::cancelled);
    CHECK(queue.find(4)->error.empty());
    CHECK(queue.find(5)->state == TaskState::skipped);
    CHECK(queue.find(5)->error == "request budget spent");

    CHECK(queue.start_next() == nullptr);
    // Nothing left: a second call skips nothing.
    CHECK(queue.skip_pending("again") == 0);
    CHECK(queue.find(3)->error == "request budget spent");
}

TEST_CASE("skip_pending on an empty or finished queue returns 0", "[task_queue]") {
    Queue queue(10);
    CHECK(queue.skip_pending("x") == 0);
    queue.push(payload("a"));
    run_all(queue);
    CHECK(queue.skip_pending("x") == 0);
    CHECK(queue.find(1)->state == TaskState::ok);
}

TEST_CASE("skip_pending leaves the started task alone", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});
    queue.start_next();

    CHECK(queue.skip_pending("engine stopped") == 1);
    CHECK(queue.find(1)->state == TaskState::running);
    CHECK(queue.find(1)->error.empty());
    CHECK(queue.find(2)->state == TaskState::skipped);

    // The started task can still be settled by id.
    queue.settle(1, TaskState::fatal, 0.2, "Allowed memory size exhausted");
    CHECK(queue.find(1)->state == TaskState::fatal);
    CHECK(queue.counts().failed == 1);
}

TEST_CASE("a task started before skip_pending cannot be cancelled afterwards", "[task_queue][bug]") {
    // cancel() promises false for started tasks; skip_pending() must not forget which one runs.
    Queue queue(10);
    push_all(queue, {"a", "b"});
    queue.start_next();
    queue.skip_pending("engine stopped");

    CHECK_FALSE(queue.cancel(1));
    CHECK(queue.find(1)->state == TaskState::running);
}

TEST_CASE("tasks pushed after skip_pending can still run", "[task_queue]") {
    Queue queue(10);
    queue.push(payload("a"));
    queue.skip_pending("budget");
    CHECK(queue.push(payload("b")) == 2);
    CHECK(run_all(queue) == std::vector<TaskId>{2});
}

TEST_CASE("full follows max_tasks, which may change mid-request", "[task_queue]") {
    Queue queue(2);
    CHECK(queue.max_tasks() == 2);
    CHECK_FALSE(queue.full());
    queue.push(payload("a"));
    CHECK_FALSE(queue.full());
    queue.push(payload("b"));
    CHECK(queue.full());

    queue.set_max_tasks(3);
    CHECK(queue.max_tasks() == 3);
    CHECK_FALSE(queue.full());
    queue.push(payload("c"));
    CHECK(queue.full());

    // Lowering the limit keeps what is queued but refuses more.
    queue.set_max_tasks(1);
    CHECK(queue.full());
    CHECK(queue.size() == 3);
    CHECK(run_all(queue) == std::vector<TaskId>{1, 2, 3});
}

TEST_CASE("finished, cancelled and skipped tasks still count towards the limit", "[task_queue]") {
    // The limit bounds tasks per request, not tasks waiting.
    Queue queue(2);
    push_all(queue, {"a", "b"});
    queue.cancel(2);
    run_all(queue);
    CHECK(queue.full());
}

TEST_CASE("a zero limit is always full", "[task_queue]") {
    Queue queue(0);
    CHECK(queue.full());
}

TEST_CASE("iteration visits every task in id order", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c"});
    queue.cancel(2);

    std::vector<TaskId> ids;
    std::vector<std::string> names;
    for (const auto &task : static_cast<const Queue &>(queue)) {
        ids.push_back(task.id);
        names.push_back(task.payload.name);
    }
    CHECK(ids == std::vector<TaskId>{1, 2, 3});
    CHECK(names == std::vector<std::string>{"a", "b", "c"});
    CHECK(queue.end() - queue.begin() == 3);
}

TEST_CASE("pending() follows push, start, cancel and skip", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c", "d", "e"});
    CHECK(queue.pending() == 5);
    queue.start_next();
    CHECK(queue.pending() == 4);
    CHECK(queue.cancel(3));
    CHECK(queue.pending() == 3);
    CHECK_FALSE(queue.cancel(3));
    CHECK(queue.pending() == 3);
    queue.settle(1, TaskState::ok, 0.0, std::string());
    CHECK(queue.skip_pending("budget") == 3);
    CHECK(queue.pending() == 0);
    CHECK(queue.pending() == queue.counts().pending);
}

TEST_CASE("growth_bytes() is what the next push would allocate", "[task_queue]") {
    // Tasks come in chunks of 16, listed in a vector of chunk pointers that doubles.
    Queue queue(100);
    CHECK(queue.growth_bytes() == 16 * sizeof(Queue::Task) + sizeof(void *));
    queue.push(payload("a"));
    CHECK(queue.growth_bytes() == 0); // room in the first chunk
    for (int i = 1; i < 16; ++i) {
        queue.push(payload("t"));
    }
    CHECK(queue.growth_bytes() == 16 * sizeof(Queue::Task) + 2 * sizeof(void *)); // a chunk, and the list doubles
    queue.push(payload("q"));
    CHECK(queue.growth_bytes() == 0);
    for (int i = 17; i < 32; ++i) {
        queue.push(payload("t"));
    }
    CHECK(queue.growth_bytes() == 16 * sizeof(Queue::Task) + 4 * sizeof(void *));
    for (int i = 32; i < 48; ++i) {
        queue.push(payload("t"));
    }
    CHECK(queue.growth_bytes() == 16 * sizeof(Queue::Task)); // the list has room for a fourth
}

TEST_CASE("tasks stay where they are as the queue grows and forgets", "[task_queue]") {
    Queue queue(1000);
    push_all(queue, {"a", "b", "c"});
    Queue::Task *third = queue.find(3);
    for (int i = 0; i < 100; ++i) {
        queue.push(payload("more"));
    }
    CHECK(queue.find(3) == third);
    for (int i = 0; i < 40; ++i) {
        auto *task = queue.start_next();
        queue.settle(task->id, TaskState::ok, 0.0, "");
    }
    CHECK(queue.forget_settled([](Payload &) {}) == 40); // two chunks go, a third is partly used
    CHECK(queue.size() == 63);
    CHECK(queue.find(40) == nullptr);
    REQUIRE(queue.find(41) != nullptr);
    CHECK(queue.find(41)->id == 41);
    CHECK(queue.find(103)->payload.name == "more");
    TaskId expected = 41;
    for (const auto &task : queue) {
        CHECK(task.id == expected++);
    }
    CHECK(expected == 104);
    CHECK(run_all(queue).size() == 63);
    CHECK(queue.forget_settled([](Payload &) {}) == 63);
    CHECK(queue.empty());
    CHECK(queue.push(payload("after")) == 104);
    CHECK(queue.find(104)->payload.name == "after");
}

TEST_CASE("forget_settled drops the tasks run so far and keeps their counts", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b", "c"});
    queue.cancel(2);
    run_all(queue);
    std::vector<std::string> released;
    REQUIRE(queue.forget_settled([&](Payload &p) { released.push_back(p.name); }) == 3);
    CHECK(released == std::vector<std::string>{"a", "b", "c"});
    CHECK(queue.empty());
    CHECK(queue.find(1) == nullptr);
    defer::TaskCounts counts = queue.counts();
    CHECK(counts.queued == 3);
    CHECK(counts.ran == 2);
    CHECK(counts.cancelled == 1);
    CHECK(counts.pending == 0);
}

TEST_CASE("ids go on after forget_settled and are never reused", "[task_queue]") {
    Queue queue(2);
    push_all(queue, {"a", "b"});
    CHECK(queue.full());
    run_all(queue);
    queue.forget_settled([](Payload &) {});
    CHECK_FALSE(queue.full()); // the limit counts the tasks held, not those dropped
    CHECK(queue.first_id() == 3);
    TaskId id = queue.push(payload("c"));
    CHECK(id == 3);
    REQUIRE(queue.find(3) != nullptr);
    CHECK(queue.find(3)->payload.name == "c");
    CHECK(queue.find(2) == nullptr);
    CHECK(queue.cancel(3));
    CHECK_FALSE(queue.cancel(1));
    CHECK(queue.counts().queued == 3);
}

TEST_CASE("forget_settled keeps tasks not yet started and drops nothing while one runs", "[task_queue]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});
    auto *task = queue.start_next();
    TaskId running = task->id;
    CHECK(queue.forget_settled([](Payload &) {}) == 0);
    queue.settle(running, TaskState::ok, 0.0, std::string());
    queue.push(payload("c"));
    // "a" is behind the cursor; "b" and "c" were never started.
    CHECK(queue.forget_settled([](Payload &) {}) == 1);
    CHECK(queue.pending() == 2);
    CHECK(run_all(queue) == std::vector<TaskId>{2, 3});
    CHECK(queue.counts().ran == 3);
}

TEST_CASE("unnamed tasks leave the name index empty", "[task_queue][names]") {
    Queue queue(10);
    push_all(queue, {"a", "b"});
    auto pushed = queue.push_named(payload("c"), "");
    CHECK(pushed.id == 3);
    CHECK(pushed.replaced == 0);
    CHECK(queue.named_pending() == 0);
    CHECK(queue.find(3)->name.empty());
    CHECK(queue.find_pending("") == nullptr);
}

TEST_CASE("a named task is found by its name while pending", "[task_queue][names]") {
    Queue queue(10);
    auto pushed = queue.push_named(payload("a"), "send-receipt");
    CHECK(pushed.id == 1);
    CHECK(pushed.replaced == 0);
    CHECK(queue.find(1)->name == "send-receipt");
    REQUIRE(queue.find_pending("send-receipt") != nullptr);
    CHECK(queue.find_pending("send-receipt")->id == 1);
    CHECK(queue.find_pending("send-receip") == nullptr);
    CHECK(queue.find_pending("send-receipt2") == nullptr);
    CHECK(queue.named_pending() == 1);
}

TEST_CASE("the later task of a name replaces the pending one and runs in its own, later place", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("first"), "x");
    queue.push(payload("between"));
    auto pushed = queue.push_named(payload("second"), "x");
    CHECK(pushed.id == 3);
    CHECK(pushed.replaced == 1);

    auto *replaced = queue.find(1);
    CHECK(replaced->state == TaskState::cancelled);
    CHECK(replaced->error == "replaced by task #3");
    CHECK(replaced->name == "x");
    CHECK(queue.find_pending("x")->id == 3);
    CHECK(queue.named_pending() == 1);
    CHECK(queue.pending() == 2);

    CHECK(run_all(queue) == std::vector<TaskId>{2, 3});
    auto counts = queue.counts();
    CHECK(counts.cancelled == 1);
    CHECK(counts.ran == 2);
}

TEST_CASE("names replace only their own name; names differ by any byte", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("a"), "a");
    queue.push_named(payload("A"), "A");
    queue.push_named(payload("a "), "a ");
    CHECK(queue.named_pending() == 3);
    CHECK(queue.push_named(payload("a again"), "a").replaced == 1);
    CHECK(queue.find(2)->state == TaskState::pending);
    CHECK(queue.find(3)->state == TaskState::pending);
}

TEST_CASE("a started or settled task of a name is not replaced", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("a"), "x");
    auto *task = queue.start_next();
    REQUIRE(task != nullptr);
    CHECK(queue.named_pending() == 0);
    // The running task defers under its own name: both run.
    auto pushed = queue.push_named(payload("b"), "x");
    CHECK(pushed.replaced == 0);
    queue.settle(1, TaskState::ok, 0.0, "");
    CHECK(queue.find(1)->state == TaskState::ok);
    CHECK(run_all(queue) == std::vector<TaskId>{2});
    CHECK(queue.push_named(payload("c"), "x").replaced == 0);
}

TEST_CASE("cancel_named cancels the pending task of that name only", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("a"), "x");
    queue.push_named(payload("b"), "y");
    CHECK(queue.cancel_named("z") == 0);
    CHECK(queue.cancel_named("") == 0);
    CHECK(queue.cancel_named("x") == 1);
    CHECK(queue.find(1)->state == TaskState::cancelled);
    CHECK(queue.find(1)->error.empty());
    CHECK(queue.cancel_named("x") == 0);
    CHECK(queue.named_pending() == 1);
    CHECK(run_all(queue) == std::vector<TaskId>{2});
    CHECK(queue.cancel_named("y") == 0);
}

TEST_CASE("cancel by id takes a named task out of the index", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("a"), "x");
    CHECK(queue.cancel(1));
    CHECK(queue.named_pending() == 0);
    CHECK(queue.find_pending("x") == nullptr);
    CHECK(queue.push_named(payload("b"), "x").replaced == 0);
}

TEST_CASE("skip_pending empties the name index", "[task_queue][names]") {
    Queue queue(10);
    queue.push_named(payload("a"), "x");
    queue.push_named(payload("b"), "y");
    CHECK(queue.skip_pending("budget spent") == 2);
    CHECK(queue.named_pending() == 0);
    CHECK(queue.find_pending("x") == nullptr);
    CHECK(queue.find(1)->name == "x");
}

TEST_CASE("names survive storage growth and forget_settled", "[task_queue][names]") {
    Queue queue(1000);
    std::string long_name(defer::kMaxTaskNameLength, 'n');
    for (int i = 0; i < 100; ++i) {
        queue.push_named(payload("t"), "name-" + std::to_string(i));
    }
    queue.push_named(payload("long"), long_name);
    CHECK(queue.named_pending() == 101);
    CHECK(queue.find_pending("name-42")->id == 43);
    CHECK(queue.find_pending(long_name)->id == 101);
    for (int i = 0; i < 50; ++i) {
        auto *task = queue.start_next();
        queue.settle(task->id, TaskState::ok, 0.0, "");
    }
    CHECK(queue.forget_settled([](Payload &) {}) == 50);
    CHECK(queue.find_pending("name-42") == nullptr);
    REQUIRE(queue.find_pending("name-60") != nullptr);
    CHECK(queue.find_pending("name-60")->id == 61);
    CHECK(queue.push_named(payload("again"), "name-60").replaced == 61);
    CHECK(queue.find(61)->error == "replaced by task #102");
}

TEST_CASE("counts stay right when a settled task is settled again", "[task_queue]") {
    // A task's shutdown function can turn its ok record into a failure; the RSHUTDOWN fallback
    // settles a task a bailout interrupted.
    Queue queue(10);
    push_all(queue, {"a", "b", "c"});
    queue.settle(queue.start_next()->id, TaskState::ok, 0.0, "");
    queue.settle(1, TaskState::timeout, 0.5, "its shutdown function: stopped");
    auto counts = queue.counts();
    CHECK(counts.ran == 1);
    CHECK(counts.failed == 1);
    CHECK(counts.timed_out == 1);
    CHECK(counts.pending == 2);
    CHECK(queue.find(1)->error == "its shutdown function: stopped");

    queue.start_next();
    queue.settle(2, TaskState::fatal, 0.0, "interrupted");
    CHECK(queue.cancel(3));
    counts = queue.counts();
    CHECK(counts.queued == 3);
    CHECK(counts.ran == 2);
    CHECK(counts.failed == 2);
    CHECK(counts.timed_out == 1);
    CHECK(counts.running == 0);
    CHECK(counts.pending == 0);
    CHECK(counts.cancelled == 1);
}

TEST_CASE("counts agree with the tasks' states through every change", "[task_queue]") {
    Queue queue(100);
    auto walked = [&queue]() {
        defer::TaskCounts counts;
        for (const auto &task : queue) {
            counts.add(task.state);
        }
        return counts;
    };
    auto same = [](const defer::TaskCounts &a, const defer::TaskCounts &b) {
        return a.queued == b.queued && a.ran == b.ran && a.failed == b.failed && a.timed_out == b.timed_out &&
               a.skipped == b.skipped && a.cancelled == b.cancelled && a.pending == b.pending && a.running == b.running;
    };
    for (int i = 0; i < 12; ++i) {
        queue.push_named(payload("t"), i % 3 == 0 ? "n" + std::to_string(i % 2) : "");
        CHECK(same(queue.counts(), walked()));
    }
    queue.cancel(5);
    CHECK(same(queue.counts(), walked()));
    const TaskState outcomes[] = {TaskState::ok, TaskState::exception, TaskState::exit, TaskState::timeout};
    for (TaskState outcome : outcomes) {
        auto *task = queue.start_next();
        REQUIRE(task != nullptr);
        CHECK(same(queue.counts(), walked()));
        queue.settle(task->id, outcome, 0.0, outcome == TaskState::ok ? "" : "failed");
        CHECK(same(queue.counts(), walked()));
    }
    queue.start_next();
    queue.skip_pending("budget spent");
    CHECK(same(queue.counts(), walked()));
    CHECK(queue.counts().running == 1);
}

TEST_CASE("a task is plain data when its payload is; its name stays where it is", "[task_queue][names]") {
    struct Plain {
        int value;
    };
    static_assert(std::is_trivially_copyable<TaskQueue<Plain>::Task>::value,
                  "no std::string to build, move and destroy per task");
    TaskQueue<Plain> queue(10000);
    queue.push_named(Plain{1}, "first");
    const char *characters = queue.find(1)->name.data();
    for (int i = 0; i < 5000; ++i) {
        queue.push(Plain{i});
    }
    CHECK(queue.find(1)->name.data() == characters); // the deploy line's window points at them
    CHECK(queue.find(1)->name == "first");
    CHECK(queue.find(1)->payload.value == 1);
    CHECK(queue.find(2)->name.empty());
    CHECK(std::string_view(queue.find(2)->name).empty());
}

TEST_CASE("a started task stays where it is while it queues many more", "[task_queue]") {
    Queue queue(100000);
    queue.push(payload("first"));
    Queue::Task *running = queue.start_next();
    REQUIRE(running != nullptr);
    const Payload *where = &running->payload;
    for (int i = 0; i < 1000; ++i) { // many chunks, and the list of chunks grown many times
        queue.push(payload("queued by the running task"));
    }
    CHECK(&running->payload == where); // nothing moved under the running task's feet
    CHECK(running->payload.name == "first");
    CHECK(running->id == 1);
    queue.settle(*running, TaskState::ok, 0.5, "");
    CHECK(queue.find(1)->state == TaskState::ok);
    CHECK(queue.find(1)->duration == 0.5);
}
