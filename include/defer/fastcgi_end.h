// Closing a kept-alive FastCGI connection at the finish (src/php/defer_connection.cpp): the
// last bytes the extension writes, and whether the web server can be told race-free.
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

// How to close, or why not. The web server must never take the connection for reusable
// between END_REQUEST and the close, or the request it sends there is lost (a 502 or 503):
// - nginx caches an upstream connection only when FCGI_END_REQUEST ends exactly where its
//   read ends (ngx_http_fastcgi_module.c): a record behind it in the same write makes it
//   close the connection instead, logging nothing. Safe on any transport.
// - Over TCP, END_REQUEST and the FIN leave corked in one segment: a server that checks a
//   pooled connection before reuse (Apache's mod_proxy_fcgi) sees both at once.
// - Over a unix socket the data and the end of file cannot arrive together: Apache with
//   enablereuse=on measurably reuses the connection in between. Keep it open there.
//   (Apache's mod_proxy_fcgi takes a pending byte as a live connection, so it never gets
//   the trailing record.)
struct ClosePlan {
    bool close = false;
    bool trailing_record = false;
    const char *why_not = nullptr; // when !close
};
ClosePlan plan_close(std::string_view server_software, bool tcp) noexcept;

} // namespace defer
