// Strict parsing of the extension's INI values: a typo is reported, never read as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace defer {

// defer.log: what goes to the PHP error log.
enum class LogLevel { off, errors, all };

// defer.close_kept_connection: when an early finish closes php-fpm's kept-alive connection.
enum class CloseKept {
    never,         // "0": the web server may queue its next request behind the deferred work
    when_deferred, // "1": when the request has deferred work (the default)
    always,        // "always": at every early finish, the application's included
};

// "1", "0", "on", "off", "yes", "no", "true", "false" (any case) and "" (off).
std::optional<bool> parse_ini_bool(std::string_view text) noexcept;

// A whole decimal number in [min, max], surrounding blanks allowed.
std::optional<std::int64_t> parse_ini_integer(std::string_view text, std::int64_t min, std::int64_t max) noexcept;

// A non-negative number of seconds with an optional fraction ("30", "0.25", "1e-3"),
// at most max; rejects inf, nan and trailing garbage.
std::optional<double> parse_ini_seconds(std::string_view text, double max) noexcept;

// "off", "errors" or "all" (any case); "" is off, as php.ini turns a bare off into "".
std::optional<LogLevel> parse_ini_log_level(std::string_view text) noexcept;

// "always" (any case), or a boolean as parse_ini_bool reads it (on: when_deferred).
std::optional<CloseKept> parse_ini_close_kept(std::string_view text) noexcept;

} // namespace defer
