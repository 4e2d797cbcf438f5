#include <catch2/catch.hpp>

#include <string>

#include "defer/utf8.h"

using defer::utf8_substituted;
using defer::utf8_valid;

TEST_CASE("well-formed UTF-8 is valid and kept as it is", "[utf8]") {
    for (std::string text :
         {std::string(), std::string("plain ascii"), std::string("caf\xC3\xA9"), std::string("\xE2\x82\xAC 5"),
          std::string("\xF0\x9F\x98\x80"), std::string("\xF4\x8F\xBF\xBF"), std::string("a\0b", 3)}) {
        CHECK(utf8_valid(text));
        CHECK(utf8_substituted(text) == text);
    }
}

TEST_CASE("ill-formed sequences are invalid and each bad byte becomes U+FFFD", "[utf8]") {
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK_FALSE(utf8_valid("\xFF"));
    CHECK(utf8_substituted("a\xFF"
                           "b") == "a" + fffd + "b");
    // A truncated sequence at the end.
    CHECK_FALSE(utf8_valid("caf\xC3"));
    CHECK(utf8_substituted("caf\xC3") == "caf" + fffd);
    // Overlong forms, surrogates, past U+10FFFF, a lone continuation byte.
    for (const char *bad :
         {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xF5\x80\x80\x80"}) {
        CHECK_FALSE(utf8_valid(bad));
        CHECK(utf8_valid(utf8_substituted(bad)));
    }
    // Binary data, as an exception message may carry.
    std::string binary;
    for (int i = 0; i < 256; ++i) {
        binary.push_back(static_cast<char>(i));
    }
    CHECK_FALSE(utf8_valid(binary));
    CHECK(utf8_valid(utf8_substituted(binary)));
}

TEST_CASE("utf8_valid checks what follows a long ASCII run", "[utf8]") {
    CHECK(defer::utf8_valid("0123456789abcdef0123456789abcdef-uuid"));
    CHECK(defer::utf8_valid("01234567\xC3\xA9"));              // é right after eight ASCII bytes
    CHECK(defer::utf8_valid("0123456789abcdef\xE2\x82\xAC!")); // € after sixteen
    CHECK_FALSE(defer::utf8_valid("01234567\xFF"));
    CHECK_FALSE(defer::utf8_valid("0123456789abcdef\xC3"));         // cut short at the end
    CHECK_FALSE(defer::utf8_valid("0123456\xC3\xA9 89abcdef\x80")); // a stray continuation byte late
}
