// The last bytes of a FastCGI response written by the extension itself when it closes a
// kept-alive connection (src/php/defer_connection.cpp), and whom to send what.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace defer {

// FCGI_END_REQUEST for `request_id` (application status 0, FCGI_REQUEST_COMPLETE), as
// php-fpm writes it, optionally followed by an empty management record
// (FCGI_GET_VALUES_RESULT, request id 0).
struct FastcgiEnd {
    std::array<unsigned char, 24> bytes{};
    std::size_t size = 0;
};
FastcgiEnd fastcgi_end_request(std::uint16_t request_id, bool with_trailing_record) noexcept;

// nginx caches an upstream connection only when FCGI_END_REQUEST ends exactly where its
// read ends (ngx_http_fastcgi_module.c): a record behind it, in the same write, makes
// nginx close the connection instead of keeping it, with nothing logged. Apache's
// mod_proxy_fcgi takes a pending byte as a sign that a pooled connection is alive, so it
// must get END_REQUEST alone (then the close). Read from SERVER_SOFTWARE.
bool server_wants_trailing_record(std::string_view server_software) noexcept;

} // namespace defer
