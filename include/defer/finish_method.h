// How a request's response is finished, chosen from what the SAPI offers.
#pragma once

#include <string_view>

namespace defer {

enum class FinishMethod {
    none,                      // nothing to finish (CLI) or no way to (headers already sent)
    fastcgi_finish_request,    // php-fpm
    litespeed_finish_request,  // LiteSpeed
    frankenphp_finish_request, // FrankenPHP
    connection_close,          // any other SAPI: Content-Length + Connection: close
};

struct FinishContext {
    std::string_view sapi_name;      // sapi_module.name
    bool has_fastcgi_finish = false; // the function exists and is not disabled
    bool has_litespeed_finish = false;
    bool has_frankenphp_finish = false;
    bool headers_sent = false;
};

FinishMethod choose_finish_method(const FinishContext &context) noexcept;

// The name shown in defer_status()['finish_method'].
const char *finish_method_name(FinishMethod method) noexcept;

// SAPIs without a client: the CLI and friends, where output simply goes to stdout.
bool sapi_has_client(std::string_view sapi_name) noexcept;

// SAPIs with a finish function of their own (php-fpm, LiteSpeed, FrankenPHP); elsewhere a
// SAPI with a client can only be finished by connection_close.
bool sapi_has_finish_function(std::string_view sapi_name) noexcept;

} // namespace defer
