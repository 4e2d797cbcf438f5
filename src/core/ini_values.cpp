#include "defer/ini_values.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

namespace defer {

namespace {

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// from_chars takes no plus sign: "+5" is read as "5", "+" and "+-5" stay invalid.
std::string_view without_plus_sign(std::string_view text) noexcept {
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') {
        text.remove_prefix(1);
    }
    return text;
}

} // namespace

std::optional<bool> parse_ini_bool(std::string_view text) noexcept {
    text = trim(text);
    for (std::string_view yes : {"1", "on", "yes", "true"}) {
        if (equals_ignoring_case(text, yes)) {
            return true;
        }
    }
    for (std::string_view no : {"", "0", "off", "no", "false", "none"}) {
        if (equals_ignoring_case(text, no)) {
            return false;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> parse_ini_integer(std::string_view text, std::int64_t min, std::int64_t max) noexcept {
    text = without_plus_sign(trim(text));
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_ini_seconds(std::string_view text, double max) noexcept {
    text = trim(text);
    if (text.empty() || text.size() > 64) {
        return std::nullopt;
    }
    // from_chars ignores the C locale (setlocale(LC_NUMERIC, "de_DE") must not turn
    // "0.25" into an error) and accepts neither hex, "inf" nor "nan" in this format.
    text = without_plus_sign(text);
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0 || value > max) {
        return std::nullopt;
    }
    if (value == 0) {
        value = 0; // "-0" reads as -0.0
    }
    return value;
}

std::optional<LogLevel> parse_ini_log_level(std::string_view text) noexcept {
    text = trim(text);
    // php.ini's parser turns a bare `off` (or no, false, none) into "".
    if (text.empty() || equals_ignoring_case(text, "off")) {
        return LogLevel::off;
    }
    if (equals_ignoring_case(text, "errors")) {
        return LogLevel::errors;
    }
    if (equals_ignoring_case(text, "all")) {
        return LogLevel::all;
    }
    return std::nullopt;
}

std::optional<CloseKept> parse_ini_close_kept(std::string_view text) noexcept {
    if (equals_ignoring_case(trim(text), "always")) {
        return CloseKept::always;
    }
    std::optional<bool> on = parse_ini_bool(text);
    if (!on) {
        return std::nullopt;
    }
    return *on ? CloseKept::when_deferred : CloseKept::never;
}

} // namespace defer
