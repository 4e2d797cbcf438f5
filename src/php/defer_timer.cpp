#include "defer_timer.h"

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <new>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "defer/watchdog.h"
#include "defer_compat.h"
#include "defer_describe.h"
#include "defer_process.h"
#include "defer_request.h"
#include "zend_exceptions.h"
#include "zend_fibers.h"
#include "zend_observer.h"

namespace {

void on_stop_signal(int, siginfo_t *, void *context);

// The watchdog's signal, which cuts a task's wait (sleep(), a socket) short. A real-time signal
// the engine does not use (ZTS execution timers take SIGRTMIN): SIGRTMIN+2, or the next free one
// when the application handles that. Its handler is ours only while nobody replaced it: the
// application may, or pcntl (which puts SIG_DFL back at the end of each request, and SIG_DFL
// for a real-time signal ends the process). So the watchdog checks, right before it sends it,
// that the handler is still ours (a sigaction() query on its own thread, only when a limit
// is reached), and the first arming of each phase checks it again and takes it back, or
// another free signal, or none (0: the VM interrupt alone stops the task, once its wait ends).
std::atomic<int> owned_signal{0};
void (*previous_interrupt)(zend_execute_data *execute_data) = nullptr;

bool handler_is_ours(int signo) {
    struct sigaction current = {};
    return sigaction(signo, nullptr, &current) == 0 && (current.sa_flags & SA_SIGINFO) &&
           current.sa_sigaction == on_stop_signal;
}

bool install_stop_handler(int signo) {
    struct sigaction action = {};
    action.sa_sigaction = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO; // no SA_RESTART: interrupted waits return early
    // Not through Zend's signal layer: its dispatcher would defer the handler, not the EINTR.
    return sigaction(signo, &action, nullptr) == 0;
}

// Each once per process: the log says when the stop loses its signal, not at every phase.
bool logged_moved = false;
bool logged_none = false;
bool logged_replaced = false;

// At a phase's first armed limit: one sigaction() query when the signal is still ours.
void check_stop_signal(void) {
    int current = owned_signal.load();
    if (current != 0 && handler_is_ours(current)) {
        return;
    }
    int preferred = SIGRTMIN + 2;
    for (int signo = preferred; signo < SIGRTMAX; signo++) {
        bool ours = handler_is_ours(signo);
        if (ours || php_defer_signal_is_free(signo)) {
            if (!ours && !install_stop_handler(signo)) {
                continue;
            }
            if (current != 0 && current != signo && handler_is_ours(current)) {
                signal(current, SIG_DFL); // one signal at a time
            }
            owned_signal.store(signo);
            if (signo != preferred && !logged_moved) {
                logged_moved = true;
                php_defer_log("signal %d (SIGRTMIN+%d), which cuts a deferred task's wait short at its limit, is "
                              "handled by the application: the extension uses signal %d (SIGRTMIN+%d) instead",
                              preferred, preferred - SIGRTMIN, signo, signo - SIGRTMIN);
            }
            return;
        }
    }
    owned_signal.store(0);
    if (!logged_none) {
        logged_none = true;
        php_defer_log("no free real-time signal to cut a deferred task's wait short at its limit: a task waiting "
                      "(sleep(), a socket) is stopped only once its wait returns");
    }
}

// On the watchdog's thread: the signal, only to a handler that is ours.
void send_stop_signal(php_defer_stop *stop) {
    int signo = owned_signal.load();
    if (signo == 0) {
        return;
    }
    if (!handler_is_ours(signo)) {
        stop->signal_refused.store(true); // logged by the PHP thread, which may
        return;
    }
    pthread_kill(stop->thread, signo);
}

// After a limit whose signal was refused: the next limit checks the disposition again (a
// system call only after such a refusal) and takes the signal back, or another free one.
void log_refused_signal(php_defer_stop *stop) {
    if (!stop->signal_refused.load()) {
        return;
    }
    stop->signal_checked = false;
    if (!logged_replaced) {
        logged_replaced = true;
        php_defer_log("the handler of signal %d, which cuts a deferred task's wait short at its limit, was replaced "
                      "while the deferred tasks ran: the signal was not sent (the task was stopped once its wait "
                      "returned); the next task's limit takes it back or another free signal",
                      owned_signal.load());
    }
}

// How often the watchdog repeats itself after the deadline, and how long a stopped
// task may keep running (destructors while unwinding) before it is made a fatal error.
constexpr auto repeat_every = std::chrono::milliseconds(5);
constexpr auto grace = std::chrono::seconds(1);
// The signal is sent only the first few times (20 ms apart): enough to catch a task that
// entered a wait just after the first one, few enough that a socket wait which restarts
// poll() with its full timeout after EINTR (PHP's streams do) still comes to an end.
constexpr int max_signals = 3;
constexpr int fires_between_signals = 4;

// Escalation. The VM interrupt is checked only at some points: the function JIT (and
// opcache.jit=1205, 1235) checks it at loop heads and after internal calls, not on user
// calls, so loop-free recursion never reaches it; and a stop that lands where it must wait
// (see plan_unwind) waits for another landing. Both are bounded: an overdue stop ends the
// task with a fatal error, as PHP's own max_execution_time did from its signal handler.
// From the signal handler only when the thread was interrupted inside the JIT's code (not
// in the allocator, libc or an extension: the state there is what a JIT helper's fatal
// error would leave); from the interrupt hook, after repeated landings where it must wait.
constexpr auto escalate_signal_after = std::chrono::milliseconds(20);
constexpr auto escalate_wait_after = std::chrono::milliseconds(100);
constexpr int max_escalation_signals = 100; // 10 ms apart or more: a restarted wait still ends
constexpr int fires_between_escalation_signals = 2;
constexpr auto retry_landing_after = std::chrono::milliseconds(1);

// The executable mappings that are neither a file nor the kernel's ([vdso]): the JIT's buffer
// (opcache maps it at startup, from /dev/zero). Read once per process, by the watchdog thread
// on the first overdue stop (a pcntl_fork() child has the same mappings); read-only after.
constexpr int max_jit_ranges = 8;
struct code_range {
    uintptr_t start;
    uintptr_t end;
};
code_range jit_ranges[max_jit_ranges];
int jit_range_count = 0;

bool is_anonymous_code(const char *path) {
    return path[0] == '\0' || strncmp(path, "/dev/zero", sizeof("/dev/zero") - 1) == 0 ||
           strncmp(path, "/SYSV", sizeof("/SYSV") - 1) == 0 || strncmp(path, "/memfd:", sizeof("/memfd:") - 1) == 0;
}

int load_jit_ranges(void) {
    FILE *maps = fopen("/proc/self/maps", "re");
    if (maps == nullptr) {
        return 0;
    }
    char line[512];
    while (jit_range_count < max_jit_ranges && fgets(line, sizeof(line), maps) != nullptr) {
        unsigned long start = 0;
        unsigned long end = 0;
        char perms[8] = {};
        int path_at = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &start, &end, perms, &path_at) < 3 || perms[2] != 'x') {
            continue;
        }
        char *path = line + path_at;
        path[strcspn(path, "\n")] = '\0';
        if (is_anonymous_code(path)) {
            jit_ranges[jit_range_count++] = {start, end};
        }
    }
    fclose(maps);
    return jit_range_count;
}

bool in_jit_code(uintptr_t pc) {
    for (int i = 0; i < jit_range_count; i++) {
        if (pc >= jit_ranges[i].start && pc < jit_ranges[i].end) {
            return true;
        }
    }
    return false;
}

uintptr_t interrupted_pc(const void *context) {
    const auto *uc = static_cast<const ucontext_t *>(context);
#if defined(__x86_64__)
    return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    return static_cast<uintptr_t>(uc->uc_mcontext.pc);
#else
    (void)uc;
    return 0; // unknown: never escalate from the signal handler
#endif
}

// Thread-locals read or written at each task: with the initial-exec model, as php-src's own
// TSRM cache in a shared extension (TSRM.h's TSRM_TLS_MODEL_ATTR under __PIC__), an access is a
// load from the thread pointer instead of a __tls_get_addr() call (about 11 instructions).
#if defined(__GNUC__) && defined(__linux__) && defined(__GLIBC__)
#define DEFER_TLS_MODEL __attribute__((tls_model("initial-exec")))
#else
#define DEFER_TLS_MODEL
#endif

// The stop watched on this thread, for the signal handler.
thread_local php_defer_stop *signal_stop DEFER_TLS_MODEL = nullptr;

// A one-shot timer that sends the stop signal to this thread: a stop that had to wait lands
// again soon without the watchdog thread, which a starved machine (or valgrind, which runs one
// thread at a time) may not schedule for seconds.
thread_local timer_t retry_timer{}; // per thread: it signals the thread that made it
thread_local pid_t retry_timer_pid = 0;
thread_local int retry_timer_signo = 0;
thread_local bool retry_armed DEFER_TLS_MODEL = false;

void retry_landing_soon(void) {
    int signo = owned_signal.load();
    if (signo == 0) {
        return;
    }
    if (retry_timer_pid != php_defer_process_id() || retry_timer_signo != signo) {
        if (retry_timer_pid == php_defer_process_id()) {
            timer_delete(retry_timer); // made for a signal the stop no longer owns
        }
        retry_timer_pid = 0;
        struct sigevent event = {};
        event.sigev_notify = SIGEV_THREAD_ID;
        event.sigev_signo = signo;
        event._sigev_un._tid = static_cast<pid_t>(syscall(SYS_gettid));
        if (timer_create(CLOCK_MONOTONIC, &event, &retry_timer) != 0) {
            return;
        }
        retry_timer_pid = php_defer_process_id();
        retry_timer_signo = signo;
    }
    struct itimerspec when = {};
    when.it_value.tv_nsec = std::chrono::nanoseconds(retry_landing_after).count();
    retry_armed = timer_settime(retry_timer, 0, &when, nullptr) == 0;
}

// A retry due after the task ended must not cut the next task's sleep() short.
void cancel_retry(void) {
    if (!retry_armed) {
        return; // nearly always: one thread-local read, no write
    }
    if (retry_timer_pid == php_defer_process_id()) {
        struct itimerspec never = {};
        timer_settime(retry_timer, 0, &never, nullptr);
    }
    retry_armed = false;
}

void end_from_signal_handler(php_defer_stop *stop) {
    stop->unwinding = 1;
    stop->terminated = 1;
    // zend_try's sigsetjmp does not save the mask: leave the handler with the signal unblocked.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, owned_signal.load());
    pthread_sigmask(SIG_UNBLOCK, &mask, nullptr);
    // The JIT's frame may not have written its opline: name the caller's line instead.
    EG(current_execute_data) = stop->frame;
    zend_error_noreturn(E_ERROR, "Deferred task was not interruptible and was terminated by %s",
                        defer::limit_name(stop->deadline.limit));
}

void on_stop_signal(int, siginfo_t *, void *context) {
    // Being delivered without SA_RESTART is what cuts sleep() short.
    php_defer_stop *stop = signal_stop;
    if (stop == nullptr || !stop->fired.load()) {
        return;
    }
    zend_atomic_bool_store(stop->vm_interrupt, true); // a retried landing
    stop->escalation_pending.store(false);
    if (stop->escalate.load() && stop->unwinding == 0 && in_jit_code(interrupted_pc(context))) {
        end_from_signal_handler(stop);
    }
}

// Runs on the watchdog thread: once the stop is overdue, signals the PHP thread a few
// times, for the handler to end a task it finds running in the JIT's code.
// A signal is sent only once the previous one was delivered: a thread that was not scheduled
// for a while would otherwise get them all at once, at the one place where it stopped.
int64_t thread_cpu_ns(const php_defer_stop *stop) {
    struct timespec now = {};
    if (!stop->has_cpu_clock || clock_gettime(stop->thread_cpu_clock, &now) != 0) {
        return -1;
    }
    return static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Overdue: the PHP thread itself ran that long since the deadline without reaching the
// interrupt (a thread the machine did not schedule had no chance to), or, where its CPU time
// cannot be read, the grace passed.
bool overdue(php_defer_stop *stop) {
    defer::Clock::duration late = defer::Clock::now() - stop->deadline.at;
    if (late < escalate_signal_after) {
        return false;
    }
    int64_t cpu = thread_cpu_ns(stop);
    if (cpu < 0 || stop->cpu_at_deadline_ns < 0) {
        return late >= grace;
    }
    return cpu - stop->cpu_at_deadline_ns >= std::chrono::nanoseconds(escalate_signal_after).count();
}

void escalate_if_overdue(php_defer_stop *stop) {
    if (!stop->may_escalate || stop->escalation_signals >= max_escalation_signals || stop->escalation_pending.load()) {
        return;
    }
    if (!stop->escalate.load()) {
        if (stop->cpu_at_deadline_ns < 0) {
            stop->cpu_at_deadline_ns = thread_cpu_ns(stop);
        }
        if (!overdue(stop)) {
            return;
        }
        // Read here, on the watchdog thread, once per process and only when needed: no task
        // pays for it. The handler reads the ranges after it sees `escalate`.
        static const int jit_ranges_found = load_jit_ranges();
        if (jit_ranges_found == 0) {
            stop->may_escalate = false; // no JIT: nothing the signal handler could end
            return;
        }
        stop->escalate.store(true);
    }
    if (stop->escalation_fires++ % fires_between_escalation_signals == 0) {
        stop->escalation_signals++;
        stop->escalation_pending.store(true);
        send_stop_signal(stop);
    }
}

// Runs on the watchdog thread.
void on_deadline(void *context) {
    auto *stop = static_cast<php_defer_stop *>(context);
    stop->fired.store(true);
    zend_atomic_bool_store(stop->vm_interrupt, true);
    if (stop->signals_sent < max_signals * fires_between_signals) {
        if (stop->signals_sent % fires_between_signals == 0) {
            send_stop_signal(stop);
        }
        stop->signals_sent++;
    }
    escalate_if_overdue(stop);
}

// Throwing from the interrupt hook unwinds from the current opline, and the engine frees
// only the temporaries whose live range covers it. What this opline was about to consume
// (str_repeat()'s result before strlen(), md5()'s before the assignment: the interrupt is
// checked right after an internal call) is covered by none and would leak, so the stop
// releases those values itself before it throws. A few operands are not plain values (a
// class fetched for `new`, a rope being built, a finally block's return address): at such
// an opline, or when a just-finished call's result is still unconsumed, the stop waits for
// the watchdog's next fire instead.
// At a ROPE_INIT or ROPE_ADD the stop need not wait, but the rope's live range starts at
// ROPE_INIT itself and the engine's unwinding frees its parts up to this opline's, which is not
// written yet (the interrupt helper leaves ropes to that: zend_vm_def.h, zend_interrupt_helper).
// That slot holds a stale pointer (an earlier iteration's string, released since, or with opcache
// another temporary's: zend_mm_heap corrupted), so the stop writes the empty string there first.
struct unwind_plan {
    zval *release[3]; // op1, op2, and the op1 of a following OP_DATA
    int count = 0;
    zval *unsent_argument = nullptr;        // the argument slot a SEND opline has not written yet
    zend_string **unwritten_part = nullptr; // the rope part a ROPE_INIT or ROPE_ADD has not written yet
};

// The hook also runs inside zend_call_function() right after an internal function it called
// returned (an internal __toString, an autoloader), while the user opline that called it is
// still executing: its operands belong to its handler then, which frees them itself. That
// call's frame is still on the VM stack, above the user frame and the calls it is building;
// from the engine's interrupt check, nothing is.
bool inside_an_opline(const zend_execute_data *execute_data) {
    if (ZEND_CALL_INFO(execute_data) & ZEND_CALL_GENERATOR) {
        return true; // a generator's frame is not on the VM stack: assume the worst
    }
    const zend_execute_data *last = execute_data->call ? execute_data->call : execute_data;
    if (last->func == nullptr) {
        return true;
    }
    const zval *end = reinterpret_cast<const zval *>(last) +
                      zend_vm_calc_used_stack(ZEND_CALL_NUM_ARGS(last), last->func) / sizeof(zval);
    const zval *page_start = ZEND_VM_STACK_ELEMENTS(EG(vm_stack));
    if (end < page_start || end > EG(vm_stack_end)) {
        return true; // something was pushed onto a newer page
    }
    return end < EG(vm_stack_top);
}

bool is_send(zend_uchar opcode) {
    switch (opcode) {
        case ZEND_SEND_VAL:
        case ZEND_SEND_VAL_EX:
        case ZEND_SEND_VAR:
        case ZEND_SEND_VAR_EX:
        case ZEND_SEND_FUNC_ARG:
        case ZEND_SEND_REF:
        case ZEND_SEND_VAR_NO_REF:
        case ZEND_SEND_VAR_NO_REF_EX:
        case ZEND_SEND_USER:
            return true;
        default:
            return false;
    }
}

bool covered_by_live_range(const zend_op_array *op_array, uint32_t var, uint32_t op_num) {
    for (uint32_t i = 0; i < static_cast<uint32_t>(op_array->last_live_range); i++) {
        const zend_live_range *range = &op_array->live_range[i];
        if (range->start > op_num) {
            break; // sorted by start, as the engine's own cleanup walks them
        }
        if (op_num < range->end && (range->var & ~ZEND_LIVE_MASK) == var) {
            return true;
        }
    }
    return false;
}

// Opcodes whose VAR operand may be a class entry (ZEND_FETCH_CLASS's result), not a zval.
bool takes_class_in_op1(zend_uchar opcode) {
    return opcode == ZEND_NEW || opcode == ZEND_INIT_STATIC_METHOD_CALL || opcode == ZEND_FETCH_CLASS_CONSTANT;
}

bool takes_class_in_op2(zend_uchar opcode) {
    switch (opcode) {
        case ZEND_INSTANCEOF:
        case ZEND_FETCH_STATIC_PROP_R:
        case ZEND_FETCH_STATIC_PROP_W:
        case ZEND_FETCH_STATIC_PROP_RW:
        case ZEND_FETCH_STATIC_PROP_IS:
        case ZEND_FETCH_STATIC_PROP_FUNC_ARG:
        case ZEND_FETCH_STATIC_PROP_UNSET:
        case ZEND_ISSET_ISEMPTY_STATIC_PROP:
        case ZEND_UNSET_STATIC_PROP:
        case ZEND_ASSIGN_STATIC_PROP:
        case ZEND_ASSIGN_STATIC_PROP_OP:
        case ZEND_ASSIGN_STATIC_PROP_REF:
        case ZEND_PRE_INC_STATIC_PROP:
        case ZEND_PRE_DEC_STATIC_PROP:
        case ZEND_POST_INC_STATIC_PROP:
        case ZEND_POST_DEC_STATIC_PROP:
            return true;
        default:
            return false;
    }
}

// Whose op1 TMP is not a plain value: a rope, a finally block's return address.
bool op1_is_internal_state(zend_uchar opcode) {
    return opcode == ZEND_ROPE_ADD || opcode == ZEND_ROPE_END || opcode == ZEND_FAST_RET ||
           opcode == ZEND_DISCARD_EXCEPTION;
}

// Adds the operand to the plan if unwinding would leak it; false if it cannot be released.
bool plan_operand(const zend_execute_data *execute_data, uint32_t op_num, zend_uchar type, znode_op operand,
                  bool not_a_value, unwind_plan *plan) {
    if (!(type & (IS_TMP_VAR | IS_VAR))) {
        return true;
    }
    zval *value = ZEND_CALL_VAR(execute_data, operand.var);
    if (covered_by_live_range(&execute_data->func->op_array, operand.var, op_num)) {
        return true; // the engine frees it while unwinding
    }
    if (not_a_value) {
        return false;
    }
    if (Z_REFCOUNTED_P(value)) {
        plan->release[plan->count++] = value;
    }
    return true;
}

// The old rule, where nothing may be released: throw only at an opline holding no value.
bool holds_counted_value(const zend_execute_data *execute_data, zend_uchar type, znode_op operand) {
    return (type & (IS_TMP_VAR | IS_VAR)) && Z_REFCOUNTED_P(ZEND_CALL_VAR(execute_data, operand.var));
}

// True when the stop may throw here, after releasing what the plan lists.
bool plan_unwind(const zend_execute_data *execute_data, unwind_plan *plan) {
    if (execute_data == nullptr || execute_data->func == nullptr || !ZEND_USER_CODE(execute_data->func->type) ||
        execute_data->opline == nullptr) {
        return true;
    }
    const zend_op *opline = execute_data->opline;
    if (inside_an_opline(execute_data)) {
        return !holds_counted_value(execute_data, opline->op1_type, opline->op1) &&
               !holds_counted_value(execute_data, opline->op2_type, opline->op2);
    }
    auto op_num = static_cast<uint32_t>(opline - execute_data->func->op_array.opcodes);
    if (is_send(opline->opcode)) {
        // The engine's unwinding counts this argument as sent and frees its slot, which
        // holds whatever was last there: make it empty. A named one's slot is not known.
        if (opline->op2_type == IS_CONST || execute_data->call == nullptr) {
            return false;
        }
        plan->unsent_argument = ZEND_CALL_ARG(execute_data->call, opline->op2.num);
    }
    bool op1_special =
        op1_is_internal_state(opline->opcode) || (opline->op1_type == IS_VAR && takes_class_in_op1(opline->opcode));
    bool op2_special = opline->op2_type == IS_VAR && takes_class_in_op2(opline->opcode);
    if (!plan_operand(execute_data, op_num, opline->op1_type, opline->op1, op1_special, plan) ||
        !plan_operand(execute_data, op_num, opline->op2_type, opline->op2, op2_special, plan)) {
        return false;
    }
    if (opline->opcode == ZEND_ROPE_INIT || opline->opcode == ZEND_ROPE_ADD) {
        auto *rope = reinterpret_cast<zend_string **>(ZEND_CALL_VAR(execute_data, opline->result.var));
        plan->unwritten_part = &rope[opline->opcode == ZEND_ROPE_INIT ? 0 : opline->extended_value];
    }
    const zend_op *data = opline + 1;
    if (op_num + 1 < execute_data->func->op_array.last && data->opcode == ZEND_OP_DATA &&
        !plan_operand(execute_data, op_num, data->op1_type, data->op1, false, plan)) {
        return false;
    }
    switch (opline->opcode) {
        case ZEND_DO_ICALL:
        case ZEND_DO_UCALL:
        case ZEND_DO_FCALL:
        case ZEND_DO_FCALL_BY_NAME:
            // A finished call's result, or a stale slot: neither may be freed from here.
            if ((opline->result_type & (IS_TMP_VAR | IS_VAR)) &&
                Z_REFCOUNTED_P(ZEND_CALL_VAR(execute_data, opline->result.var))) {
                return false;
            }
            return true;
        default:
            return true;
    }
}

void enforce_stop(php_defer_stop *stop, zend_execute_data *execute_data) {
    defer::Clock::time_point now = defer::Clock::now();
    if (!stop->thrown) {
        unwind_plan plan;
        bool safe = plan_unwind(execute_data, &plan);
        if (!safe && now - stop->deadline.at < escalate_wait_after) {
            retry_landing_soon(); // or the watchdog's next fire, at another opline
            return;
        }
        if (!safe) {
            stop->unwinding = 1;
            zend_error_noreturn(E_ERROR, "Deferred task could not be stopped cleanly by %s",
                                defer::limit_name(stop->deadline.limit));
        }
        stop->thrown = true;
        stop->unwinding = 1;
        stop->thrown_at = now;
        if (plan.unsent_argument != nullptr) {
            ZVAL_UNDEF(plan.unsent_argument);
        }
        if (plan.unwritten_part != nullptr) {
            *plan.unwritten_part = ZSTR_EMPTY_ALLOC(); // interned: the engine's release does nothing
        }
        // What the opline would have consumed; a destructor run here is still the task's code.
        for (int i = 0; i < plan.count; i++) {
            zval value;
            ZVAL_COPY_VALUE(&value, plan.release[i]);
            ZVAL_UNDEF(plan.release[i]);
            zval_ptr_dtor_nogc(&value);
        }
        if (EG(exception)) {
            zend_clear_exception();
        }
        // Not exit()'s unwind: a graceful exit runs the task's finally blocks (a lock or a
        // transaction is released), and catch (\Throwable) still cannot catch it.
        zend_throw_graceful_exit();
    } else if (now - stop->thrown_at > grace) {
        zend_error_noreturn(E_ERROR, "Deferred task kept running after it was stopped by %s",
                            defer::limit_name(stop->deadline.limit));
    }
}

void interrupt(zend_execute_data *execute_data) {
    if (previous_interrupt) {
        previous_interrupt(execute_data);
    }
    php_defer_request *request = DEFER_G(request);
    if (request == nullptr || !request->stop.active || !request->stop.fired.load() || !EG(current_execute_data)) {
        return;
    }
    // The hook may be handed a finished callee's frame: the running code is the current one.
    // (Raising the interrupt again from here would re-enter at once: the engine checks it
    // again before the next opline.)
    enforce_stop(&request->stop, EG(current_execute_data));
}

void prepare_escalation(php_defer_stop *stop) {
    stop->escalate.store(false);
    stop->escalation_fires = 0;
    stop->escalation_signals = 0;
    stop->escalation_pending.store(false);
    stop->cpu_at_deadline_ns = -1;
    if (stop->cpu_clock_pid != php_defer_process_id()) { // once per request and process: a request keeps its thread
        stop->has_cpu_clock = pthread_getcpuclockid(pthread_self(), &stop->thread_cpu_clock) == 0;
        stop->cpu_clock_pid = php_defer_process_id();
    }
    stop->unwinding = 0;
    stop->terminated = 0;
    stop->frame = EG(current_execute_data);
    stop->may_escalate = owned_signal.load() != 0;
    signal_stop = stop;
}

// Fibers. The task's own context, and any fiber it started or resumed (its caller chain leads
// to the task's context), run the task's code; any other context runs code outside it.
bool runs_the_task(const zend_fiber_context *context, const zend_fiber_context *task) {
    for (int depth = 0; context != nullptr && depth < 10000; depth++) {
        if (context == task) {
            return true;
        }
        if (context->kind != zend_ce_fiber) {
            return false; // the main context, or another extension's coroutine
        }
        const auto *fiber = reinterpret_cast<const zend_fiber *>(reinterpret_cast<const char *>(context) -
                                                                 offsetof(zend_fiber, context));
        context = fiber->caller;
    }
    return false;
}

// The task suspended the fiber running it: main code (or an event loop) runs now, outside
// any task, and must not be stopped by the task's limit.
void pause_limit(php_defer_stop *stop) {
    stop->suspended = true;
    stop->was_suspended = true;
    if (!stop->active) {
        return;
    }
    stop->paused_limit = true;
    stop->paused_remaining = stop->deadline.at - defer::Clock::now();
    stop->active = false;
    signal_stop = nullptr;
    cancel_retry();
    if (DEFER_G(watchdog_pid) == php_defer_process_id()) {
        DEFER_G(watchdog)->disarm();
    }
    if (!stop->thrown) {
        stop->fired.store(false); // an unreached stop lands again once resumed
    }
}

void resume_limit(php_defer_stop *stop) {
    stop->suspended = false;
    if (!stop->paused_limit) {
        return;
    }
    stop->paused_limit = false;
    if (DEFER_G(watchdog_pid) != php_defer_process_id()) {
        return; // resumed in a pcntl_fork() child: the limit is off there
    }
    stop->deadline.at = defer::Clock::now() + std::max(stop->paused_remaining, defer::Clock::duration::zero());
    stop->signals_sent = 0;
    stop->vm_interrupt = &EG(vm_interrupt);
    stop->thread = pthread_self();
    zend_execute_data *caller = stop->frame; // the task's caller, not the code resuming it
    prepare_escalation(stop);
    stop->frame = caller;
    stop->active = true;
    DEFER_G(watchdog)->arm(stop->deadline.at, repeat_every, on_deadline, stop);
}

void on_fiber_switch(zend_fiber_context *from, zend_fiber_context *to) {
    (void)from;
    php_defer_request *request = DEFER_G(request);
    if (request == nullptr || request->stop.context == nullptr) {
        return;
    }
    php_defer_stop *stop = &request->stop;
    bool task_runs = runs_the_task(to, stop->context);
    if (!stop->suspended && !task_runs) {
        pause_limit(stop);
    } else if (stop->suspended && task_runs) {
        resume_limit(stop);
    }
}

} // namespace

void php_defer_timer_startup(void) {
    zend_observer_fiber_switch_register(on_fiber_switch);
    previous_interrupt = zend_interrupt_function;
    zend_interrupt_function = interrupt;

    // Taken at startup where free (inherited by php-fpm's workers); checked again per phase.
    int preferred = SIGRTMIN + 2;
    if (php_defer_signal_is_free(preferred) && install_stop_handler(preferred)) {
        owned_signal.store(preferred);
    }
}

void php_defer_timer_shutdown(void) {
    zend_interrupt_function = previous_interrupt;
    int signo = owned_signal.exchange(0);
    if (signo != 0 && handler_is_ours(signo)) {
        signal(signo, SIG_DFL);
    }
}

void php_defer_timer_phase_start(php_defer_stop *stop) {
    stop->signal_checked = false;
}

void php_defer_timer_arm(php_defer_stop *stop, defer::Deadline deadline) {
    stop->context = EG(current_fiber_context);
    stop->suspended = false;
    stop->was_suspended = false;
    stop->paused_limit = false;
    stop->fired.store(false);
    stop->signal_refused.store(false);
    stop->signals_sent = 0;
    stop->thrown = false;
    stop->deadline = deadline;
    stop->active = false;
    if (deadline.limit == defer::Limit::none) {
        return;
    }
    defer::Watchdog *watchdog = DEFER_G(watchdog);
    if (watchdog != nullptr && DEFER_G(watchdog_pid) != php_defer_process_id()) {
        watchdog = nullptr; // the parent's, after pcntl_fork(): abandoned, see php_defer.h
    }
    if (watchdog == nullptr) {
        // Started in the worker on first need, never before php-fpm forks it.
        watchdog = new (std::nothrow) defer::Watchdog();
        if (watchdog == nullptr || !watchdog->start()) {
            delete watchdog;
            php_error_docref(nullptr, E_WARNING,
                             "defer: cannot start the watchdog thread; deferred tasks run without a time limit");
            return;
        }
        DEFER_G(watchdog) = watchdog;
        DEFER_G(watchdog_pid) = php_defer_process_id();
    }
    if (!stop->signal_checked) {
        stop->signal_checked = true;
        check_stop_signal();
    }
    stop->vm_interrupt = &EG(vm_interrupt);
    stop->thread = pthread_self();
    prepare_escalation(stop);
    stop->active = true;
    watchdog->arm(deadline.at, repeat_every, on_deadline, stop);
}

bool php_defer_timer_task_suspended(const php_defer_stop *stop) {
    return stop->context != nullptr && stop->suspended;
}

bool php_defer_timer_disarm(php_defer_stop *stop) {
    stop->context = nullptr;
    stop->suspended = false;
    stop->paused_limit = false;
    if (!stop->active) {
        return false;
    }
    stop->active = false;
    signal_stop = nullptr;
    cancel_retry();
    if (DEFER_G(watchdog_pid) != php_defer_process_id()) {
        return false; // a child of pcntl_fork(): the watchdog is the parent's, the limit is off here
    }
    DEFER_G(watchdog)->disarm();
    log_refused_signal(stop);
    return stop->fired.load();
}
