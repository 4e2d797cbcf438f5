#include "defer/fastcgi_end.h"

namespace defer {

namespace {

constexpr unsigned char fcgi_version_1 = 1;
constexpr unsigned char fcgi_end_request = 3;
constexpr unsigned char fcgi_get_values_result = 10;
constexpr std::size_t header_size = 8;
constexpr std::size_t end_request_body_size = 8;

void put_header(unsigned char *at, unsigned char type, std::uint16_t request_id, std::uint16_t content_length) {
    at[0] = fcgi_version_1;
    at[1] = type;
    at[2] = static_cast<unsigned char>(request_id >> 8);
    at[3] = static_cast<unsigned char>(request_id & 0xff);
    at[4] = static_cast<unsigned char>(content_length >> 8);
    at[5] = static_cast<unsigned char>(content_length & 0xff);
    at[6] = 0; // padding length
    at[7] = 0; // reserved
}

} // namespace

FastcgiEnd fastcgi_end_request(std::uint16_t request_id, bool with_trailing_record) noexcept {
    FastcgiEnd end;
    put_header(end.bytes.data(), fcgi_end_request, request_id, end_request_body_size);
    // Body: appStatus (4 bytes, 0), protocolStatus FCGI_REQUEST_COMPLETE (0), 3 reserved: all zero.
    end.size = header_size + end_request_body_size;
    if (with_trailing_record) {
        put_header(end.bytes.data() + end.size, fcgi_get_values_result, 0, 0);
        end.size += header_size;
    }
    return end;
}

ClosePlan plan_close(std::string_view server_software, bool tcp) noexcept {
    ClosePlan plan;
    bool nginx = server_software.substr(0, 6) == "nginx/" || server_software == "nginx";
    if (nginx) {
        plan.close = plan.trailing_record = true;
    } else if (tcp) {
        plan.close = true;
    } else {
        plan.why_not = "over a unix socket only nginx can be told without a race; use TCP for this web server";
    }
    return plan;
}

} // namespace defer
