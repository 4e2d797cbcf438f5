#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "defer/fastcgi_end.h"

using defer::fastcgi_end_request;
using defer::plan_close;

namespace {

std::vector<int> bytes_of(const defer::FastcgiEnd &end) {
    return std::vector<int>(end.bytes.begin(), end.bytes.begin() + static_cast<long>(end.size));
}

} // namespace

TEST_CASE("FCGI_END_REQUEST is written as php-fpm writes it", "[fastcgi_end]") {
    CHECK(bytes_of(fastcgi_end_request(1, false)) == std::vector<int>{1, 3, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(bytes_of(fastcgi_end_request(0x1234, false)) ==
          std::vector<int>{1, 3, 0x12, 0x34, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("the trailing record is an empty management record right behind END_REQUEST", "[fastcgi_end]") {
    CHECK(bytes_of(fastcgi_end_request(65535, true)) ==
          std::vector<int>{1, 3, 0xff, 0xff, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 10, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("nginx gets the trailing record, on a unix socket or TCP", "[fastcgi_end]") {
    for (bool tcp : {false, true}) {
        auto plan = plan_close("nginx/1.22.1", tcp);
        CHECK(plan.close);
        CHECK(plan.trailing_record);
        CHECK(plan.why_not == nullptr);
    }
    CHECK(plan_close("nginx", false).trailing_record);
}

TEST_CASE("other servers are closed over TCP, without the trailing record", "[fastcgi_end]") {
    for (const char *software : {"Apache/2.4.62 (Debian)", "", "nginxish/1", "Caddy"}) {
        auto plan = plan_close(software, true);
        CHECK(plan.close);
        CHECK_FALSE(plan.trailing_record);
    }
}

TEST_CASE("other servers keep a unix-socket connection, with the reason", "[fastcgi_end]") {
    for (const char *software : {"Apache/2.4.62 (Debian)", "", "nginxish/1"}) {
        auto plan = plan_close(software, false);
        CHECK_FALSE(plan.close);
        CHECK_FALSE(plan.trailing_record);
        REQUIRE(plan.why_not != nullptr);
        CHECK(std::string(plan.why_not).find("unix socket") != std::string::npos);
    }
}
