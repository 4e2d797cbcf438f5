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
    text = trim(text);
    if (text.empty() || text.size() > 20) {
        return std::nullopt;
    }
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        i = 1;
    }
    if (i == text.size()) {
        return std::nullopt;
    }
    // Accumulate the magnitude unsigned: |INT64_MIN| does not fit in int64_t.
    const std::uint64_t limit = negative ? static_cast<std::uint64_t>(INT64_MAX) + 1 : INT64_MAX;
    std::uint64_t magnitude = 0;
    for (; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return std::nullopt;
        }
        auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (magnitude > (limit - digit) / 10) {
            return std::nullopt;
        }
        magnitude = magnitude * 10 + digit;
    }
    std::int64_t value;
    if (!negative) {
        value = static_cast<std::int64_t>(magnitude);
    } else if (magnitude == static_cast<std::uint64_t>(INT64_MAX) + 1) {
        value = INT64_MIN;
    } else {
        value = -static_cast<std::int64_t>(magnitude);
    }
    if (value < min || value > max) {
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
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') {
        text.remove_prefix(1); // from_chars takes no plus sign
    }
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

} // namespace defer
