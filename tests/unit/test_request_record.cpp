#include <catch2/catch.hpp>

#include "defer/request_record.h"

using defer::FinishMethod;
using defer::RequestRecord;

TEST_CASE("a new request record says nothing was finished", "[request_record]") {
    RequestRecord record;
    CHECK_FALSE(record.finish_attempted);
    CHECK_FALSE(record.finished);
    CHECK(record.finish_method == FinishMethod::none);
    CHECK_FALSE(record.client_aborted);
    CHECK(record.sigpipe == 0);
    CHECK(record.phase.elapsed() == 0.0);
}

TEST_CASE("a finish through a SAPI function is recorded with its method", "[request_record]") {
    RequestRecord record;
    record.record_finish(FinishMethod::fastcgi_finish_request, true, 0, false);
    CHECK(record.finished);
    CHECK(record.finish_method == FinishMethod::fastcgi_finish_request);
    CHECK(record.connection_status_at_finish == 0);
    CHECK_FALSE(record.client_aborted);
}

TEST_CASE("a connection_close that could not finish is recorded as none", "[request_record]") {
    RequestRecord record;
    record.record_finish(FinishMethod::connection_close, false, 0, false);
    CHECK_FALSE(record.finished);
    CHECK(record.finish_method == FinishMethod::none);
}

TEST_CASE("a client seen gone before or during the finish stays aborted", "[request_record]") {
    RequestRecord record;
    record.client_aborted = true; // noticed before the finish
    record.record_finish(FinishMethod::fastcgi_finish_request, true, 1, false);
    CHECK(record.client_aborted);
    CHECK(record.connection_status_at_finish == 1);

    RequestRecord during;
    during.record_finish(FinishMethod::fastcgi_finish_request, true, 1, true);
    CHECK(during.client_aborted);
}
