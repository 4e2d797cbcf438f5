#include "defer/utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace defer {

namespace {

// The length of the well-formed sequence at text[at], or 0 if it is ill-formed (Unicode
// table 3-7: the second byte's range depends on the first).
std::size_t sequence_length(std::string_view text, std::size_t at) noexcept {
    auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    std::uint8_t first = byte(at);
    if (first < 0x80) {
        return 1;
    }
    std::size_t length;
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xBF;
    if (first >= 0xC2 && first <= 0xDF) {
        length = 2;
    } else if (first >= 0xE0 && first <= 0xEF) {
        length = 3;
        if (first == 0xE0) {
            low = 0xA0;
        } else if (first == 0xED) {
            high = 0x9F;
        }
    } else if (first >= 0xF0 && first <= 0xF4) {
        length = 4;
        if (first == 0xF0) {
            low = 0x90;
        } else if (first == 0xF4) {
            high = 0x8F;
        }
    } else {
        return 0;
    }
    if (text.size() - at < length) {
        return 0;
    }
    if (byte(at + 1) < low || byte(at + 1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) {
            return 0;
        }
    }
    return length;
}

// How many bytes from the start are ASCII, eight at a time (names and UUIDs mostly are).
std::size_t ascii_prefix(std::string_view text) noexcept {
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, sizeof(word));
        if (word & high_bits) {
            break;
        }
    }
    return at;
}

} // namespace

bool utf8_valid(std::string_view text) noexcept {
    for (std::size_t at = ascii_prefix(text); at < text.size();) {
        std::size_t length = sequence_length(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

std::string utf8_substituted(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        std::size_t length = sequence_length(text, at);
        if (length == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD for each byte that starts no well-formed sequence
            ++at;
        } else {
            out.append(text.data() + at, length);
            at += length;
        }
    }
    return out;
}

} // namespace defer
