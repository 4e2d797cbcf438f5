// Text the extension returns in arrays must encode as JSON: json_encode() refuses invalid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace defer {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool utf8_valid(std::string_view text) noexcept;

// `text` with each ill-formed sequence replaced by U+FFFD, as PHP's
// JSON_INVALID_UTF8_SUBSTITUTE does. May throw std::bad_alloc.
std::string utf8_substituted(std::string_view text);

} // namespace defer
