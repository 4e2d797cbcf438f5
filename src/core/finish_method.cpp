#include "defer/finish_method.h"

namespace defer {

bool sapi_has_client(std::string_view sapi_name) noexcept {
    return sapi_name != "cli" && sapi_name != "phpdbg" && sapi_name != "embed";
}

bool sapi_has_finish_function(std::string_view sapi_name) noexcept {
    return sapi_name == "fpm-fcgi" || sapi_name == "litespeed" || sapi_name == "frankenphp";
}

FinishMethod choose_finish_method(const FinishContext &context) noexcept {
    // FrankenPHP also aliases fastcgi_finish_request: ask for its own function first.
    if (context.sapi_name == "frankenphp" && context.has_frankenphp_finish) {
        return FinishMethod::frankenphp_finish_request;
    }
    if (context.sapi_name == "litespeed" && context.has_litespeed_finish) {
        return FinishMethod::litespeed_finish_request;
    }
    if (context.sapi_name == "fpm-fcgi" && context.has_fastcgi_finish) {
        return FinishMethod::fastcgi_finish_request;
    }
    if (!sapi_has_client(context.sapi_name)) {
        return FinishMethod::none;
    }
    // Without a finish function the only way is to tell the client how long the body
    // is, which needs every byte still buffered and the headers still unsent.
    return context.headers_sent ? FinishMethod::none : FinishMethod::connection_close;
}

const char *finish_method_name(FinishMethod method) noexcept {
    switch (method) {
        case FinishMethod::fastcgi_finish_request:
            return "fastcgi_finish_request";
        case FinishMethod::litespeed_finish_request:
            return "litespeed_finish_request";
        case FinishMethod::frankenphp_finish_request:
            return "frankenphp_finish_request";
        case FinishMethod::connection_close:
            return "connection_close";
        case FinishMethod::none:
            return "none";
    }
    return "none";
}

} // namespace defer
