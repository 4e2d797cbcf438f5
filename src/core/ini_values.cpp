#include "defer/ini_values.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

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

}  // namespace

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

std::optional<std::int64_t> parse_ini_integer(std::string_view text, std::int64_t min,
                                              std::int64_t max) noexcept {
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
    std::int64_t value = 0;
    for (; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return std::nullopt;
        }
        if (value > (INT64_MAX - 9) / 10) {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    if (negative) {
        value = -value;
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
    char copy[65];  // strtod needs a terminated string
    text.copy(copy, text.size());
    copy[text.size()] = '\0';
    char *end = nullptr;
    errno = 0;
    double value = std::strtod(copy, &end);
    if (errno != 0 || end != copy + text.size() || !std::isfinite(value) || value < 0 || value > max) {
        return std::nullopt;
    }
    // strtod accepts hex floats and "infinity"; we only want plain decimals.
    for (char c : text) {
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
              c == '+' || c == '-')) {
            return std::nullopt;
        }
    }
    return value;
}

}  // namespace defer
