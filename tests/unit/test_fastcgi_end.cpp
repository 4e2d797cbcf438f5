#include <catch2/catch.hpp>

#include <vector>

#include "defer/fastcgi_end.h"

using defer::fastcgi_end_request;
using defer::server_wants_trailing_record;

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

TEST_CASE("only nginx gets the trailing record", "[fastcgi_end]") {
    CHECK(server_wants_trailing_record("nginx/1.22.1"));
    CHECK(server_wants_trailing_record("nginx"));
    CHECK_FALSE(server_wants_trailing_record("Apache/2.4.62 (Debian)"));
    CHECK_FALSE(server_wants_trailing_record(""));
    CHECK_FALSE(server_wants_trailing_record("nginxish/1"));
    CHECK_FALSE(server_wants_trailing_record("Caddy"));
}
