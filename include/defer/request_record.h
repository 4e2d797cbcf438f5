// What happened to one request's response: how and whether it was finished before
// the deferred work, and what the connection looked like.
#pragma once

#include <cstdint>

#include "defer/finish_method.h"
#include "defer/stopwatch.h"

namespace defer {

struct RequestRecord {
    bool finish_attempted = false; // the finish runs once per request
    bool finished = false;         // the client had the whole response before the deferred work
    FinishMethod finish_method = FinishMethod::none;
    bool client_aborted = false; // the client had gone before the finish
    std::int64_t connection_status_at_finish = 0;
    std::int64_t sigpipe = 0; // writes to a closed socket or pipe seen during the request
    Stopwatch phase;          // the deferred phase's wall-clock time

    // Records the outcome of finishing; a gone client seen while flushing counts as aborted.
    void record_finish(FinishMethod method, bool finished_response, std::int64_t connection_status,
                       bool aborted) noexcept {
        finish_method = finished_response || method != FinishMethod::connection_close ? method : FinishMethod::none;
        finished = finished_response;
        connection_status_at_finish = connection_status;
        client_aborted = client_aborted || aborted;
    }
};

} // namespace defer
