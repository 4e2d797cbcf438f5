#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "defer/finish_method.h"

using defer::choose_finish_method;
using defer::finish_method_name;
using defer::FinishContext;
using defer::FinishMethod;
using defer::sapi_has_client;
using defer::sapi_has_finish_function;

namespace {

FinishContext context(std::string_view sapi, bool headers_sent = false) {
    FinishContext ctx;
    ctx.sapi_name = sapi;
    ctx.headers_sent = headers_sent;
    return ctx;
}

} // namespace

TEST_CASE("php-fpm uses fastcgi_finish_request when it is available", "[finish_method]") {
    auto ctx = context("fpm-fcgi");
    ctx.has_fastcgi_finish = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::fastcgi_finish_request);

    // The function flushes on its own, so sent headers do not matter.
    ctx.headers_sent = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::fastcgi_finish_request);
}

TEST_CASE("php-fpm without fastcgi_finish_request falls back to connection_close", "[finish_method]") {
    // e.g. disable_functions=fastcgi_finish_request
    auto ctx = context("fpm-fcgi");
    ctx.has_fastcgi_finish = false;
    CHECK(choose_finish_method(ctx) == FinishMethod::connection_close);

    ctx.headers_sent = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::none);
}

TEST_CASE("LiteSpeed uses litespeed_finish_request", "[finish_method]") {
    auto ctx = context("litespeed");
    ctx.has_litespeed_finish = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::litespeed_finish_request);

    ctx.has_litespeed_finish = false;
    CHECK(choose_finish_method(ctx) == FinishMethod::connection_close);
}

TEST_CASE("FrankenPHP prefers its own finish function over the fastcgi alias", "[finish_method]") {
    auto ctx = context("frankenphp");
    ctx.has_fastcgi_finish = true;
    ctx.has_frankenphp_finish = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::frankenphp_finish_request);

    // Only the alias: not php-fpm, so it is not used.
    ctx.has_frankenphp_finish = false;
    CHECK(choose_finish_method(ctx) == FinishMethod::connection_close);
}

TEST_CASE("finish functions are only used on their own SAPI", "[finish_method]") {
    auto ctx = context("apache2handler");
    ctx.has_fastcgi_finish = true;
    ctx.has_litespeed_finish = true;
    ctx.has_frankenphp_finish = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::connection_close);
}

TEST_CASE("SAPIs without a client have nothing to finish", "[finish_method]") {
    auto sapi = GENERATE(as<std::string>{}, "cli", "phpdbg", "embed");
    CAPTURE(sapi);
    auto ctx = context(sapi);
    CHECK(choose_finish_method(ctx) == FinishMethod::none);

    // Even if a finish function happens to exist.
    ctx.has_fastcgi_finish = true;
    ctx.has_litespeed_finish = true;
    ctx.has_frankenphp_finish = true;
    CHECK(choose_finish_method(ctx) == FinishMethod::none);
}

TEST_CASE("other SAPIs close the connection only while headers are unsent", "[finish_method]") {
    auto sapi = GENERATE(as<std::string>{}, "apache2handler", "cgi-fcgi", "cli-server");
    CAPTURE(sapi);
    CHECK(choose_finish_method(context(sapi, false)) == FinishMethod::connection_close);
    // Content-Length can no longer be sent.
    CHECK(choose_finish_method(context(sapi, true)) == FinishMethod::none);
}

TEST_CASE("finish_method_name names every method", "[finish_method]") {
    CHECK(std::string(finish_method_name(FinishMethod::none)) == "none");
    CHECK(std::string(finish_method_name(FinishMethod::fastcgi_finish_request)) == "fastcgi_finish_request");
    CHECK(std::string(finish_method_name(FinishMethod::litespeed_finish_request)) == "litespeed_finish_request");
    CHECK(std::string(finish_method_name(FinishMethod::frankenphp_finish_request)) == "frankenphp_finish_request");
    CHECK(std::string(finish_method_name(FinishMethod::connection_close)) == "connection_close");
}

TEST_CASE("sapi_has_client is false only for cli, phpdbg and embed", "[finish_method]") {
    CHECK_FALSE(sapi_has_client("cli"));
    CHECK_FALSE(sapi_has_client("phpdbg"));
    CHECK_FALSE(sapi_has_client("embed"));

    CHECK(sapi_has_client("fpm-fcgi"));
    CHECK(sapi_has_client("apache2handler"));
    CHECK(sapi_has_client("cgi-fcgi"));
    CHECK(sapi_has_client("litespeed"));
    CHECK(sapi_has_client("frankenphp"));
    // The built-in web server serves real clients despite its name.
    CHECK(sapi_has_client("cli-server"));
    // Exact match: sapi_module.name is case-sensitive.
    CHECK(sapi_has_client("CLI"));
}

TEST_CASE("sapi_has_finish_function names the SAPIs with a finish function", "[finish_method]") {
    CHECK(sapi_has_finish_function("fpm-fcgi"));
    CHECK(sapi_has_finish_function("litespeed"));
    CHECK(sapi_has_finish_function("frankenphp"));

    auto sapi = GENERATE(as<std::string>{}, "apache2handler", "cgi-fcgi", "cli-server", "cli");
    CAPTURE(sapi);
    CHECK_FALSE(sapi_has_finish_function(sapi));
}
