#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>

#include "defer/ini_values.h"

using defer::parse_ini_bool;
using defer::parse_ini_integer;
using defer::parse_ini_seconds;

// ---- parse_ini_bool ---------------------------------------------------------------

TEST_CASE("parse_ini_bool accepts the true spellings in any case", "[ini_values][bool]") {
    auto text = GENERATE(as<std::string>{}, "1", "on", "On", "ON", "yes", "YES", "Yes", "true", "TRUE", "tRuE");
    CAPTURE(text);
    auto value = parse_ini_bool(text);
    REQUIRE(value.has_value());
    CHECK(*value == true);
}

TEST_CASE("parse_ini_bool accepts the false spellings in any case", "[ini_values][bool]") {
    // "" is what php.ini gives for `defer.x =`, "none" for `defer.x = none`.
    auto text = GENERATE(as<std::string>{}, "", "0", "off", "OFF", "Off", "no", "NO", "false", "False", "none", "NONE");
    CAPTURE(text);
    auto value = parse_ini_bool(text);
    REQUIRE(value.has_value());
    CHECK(*value == false);
}

TEST_CASE("parse_ini_bool trims surrounding blanks", "[ini_values][bool]") {
    CHECK(parse_ini_bool("  on") == true);
    CHECK(parse_ini_bool("off  ") == false);
    CHECK(parse_ini_bool("\t yes \n") == true);
    CHECK(parse_ini_bool(" \r\n") == false);
    CHECK(parse_ini_bool("  1  ") == true);
}

TEST_CASE("parse_ini_bool rejects anything else instead of reading it as off", "[ini_values][bool]") {
    auto text = GENERATE(as<std::string>{}, "2", "-1", "maybe", "on1", "o n", "yess", "tru", "enabled", "01", "1.0",
                         "null", "y", "n", "t", "f");
    CAPTURE(text);
    CHECK_FALSE(parse_ini_bool(text).has_value());
}

TEST_CASE("parse_ini_bool does not stop at an embedded NUL", "[ini_values][bool]") {
    // A string_view carries its length; "1\0garbage" is not "1".
    CHECK_FALSE(parse_ini_bool(std::string_view("1\0x", 3)).has_value());
}

// ---- parse_ini_integer ------------------------------------------------------------

TEST_CASE("parse_ini_integer reads plain decimals", "[ini_values][integer]") {
    CHECK(parse_ini_integer("0", 0, 100) == 0);
    CHECK(parse_ini_integer("42", 0, 100) == 42);
    CHECK(parse_ini_integer("007", 0, 100) == 7);
    CHECK(parse_ini_integer("100000000", 1, 100000000) == 100000000);
}

TEST_CASE("parse_ini_integer bounds are inclusive", "[ini_values][integer]") {
    CHECK(parse_ini_integer("1", 1, 10) == 1);
    CHECK(parse_ini_integer("10", 1, 10) == 10);
    CHECK_FALSE(parse_ini_integer("0", 1, 10).has_value());
    CHECK_FALSE(parse_ini_integer("11", 1, 10).has_value());
    CHECK(parse_ini_integer("5", 5, 5) == 5);
    CHECK(parse_ini_integer("-3", -3, 3) == -3);
    CHECK_FALSE(parse_ini_integer("-4", -3, 3).has_value());
}

TEST_CASE("parse_ini_integer accepts a sign", "[ini_values][integer]") {
    CHECK(parse_ini_integer("+5", 0, 10) == 5);
    CHECK(parse_ini_integer("-5", -10, 10) == -5);
    CHECK(parse_ini_integer("-0", 0, 10) == 0);
    CHECK(parse_ini_integer("+0", 0, 10) == 0);
    // A negative number is still checked against min.
    CHECK_FALSE(parse_ini_integer("-5", 0, 10).has_value());
}

TEST_CASE("parse_ini_integer trims surrounding blanks", "[ini_values][integer]") {
    CHECK(parse_ini_integer("  12", 0, 100) == 12);
    CHECK(parse_ini_integer("12  ", 0, 100) == 12);
    CHECK(parse_ini_integer("\t12\n", 0, 100) == 12);
    // Blanks inside the number are not trimmed.
    CHECK_FALSE(parse_ini_integer("1 2", 0, 100).has_value());
    CHECK_FALSE(parse_ini_integer("- 2", -10, 100).has_value());
}

TEST_CASE("parse_ini_integer rejects garbage instead of reading 0", "[ini_values][integer]") {
    auto text = GENERATE(as<std::string>{}, "", "   ", "+", "-", "12abc", "abc", "1.5", "1e3", "0x10", "1,000", "--1",
                         "+-1", "1-", "ten");
    CAPTURE(text);
    CHECK_FALSE(parse_ini_integer(text, INT64_MIN, INT64_MAX).has_value());
}

TEST_CASE("parse_ini_integer rejects overflow", "[ini_values][integer]") {
    CHECK_FALSE(parse_ini_integer("99999999999999999999", INT64_MIN, INT64_MAX).has_value());
    CHECK_FALSE(parse_ini_integer("-99999999999999999999", INT64_MIN, INT64_MAX).has_value());
    CHECK_FALSE(parse_ini_integer("9223372036854775808", INT64_MIN, INT64_MAX).has_value());
    CHECK_FALSE(parse_ini_integer("18446744073709551616", INT64_MIN, INT64_MAX).has_value());
    CHECK_FALSE(parse_ini_integer("123456789012345678901234567890", INT64_MIN, INT64_MAX).has_value());
}

TEST_CASE("parse_ini_integer reads large values just below the int64 limit", "[ini_values][integer]") {
    CHECK(parse_ini_integer("922337203685477579", INT64_MIN, INT64_MAX) == 922337203685477579);
    CHECK(parse_ini_integer("9223372036854775799", INT64_MIN, INT64_MAX) == INT64_C(9223372036854775799));
}

TEST_CASE("parse_ini_integer reads the int64 extremes", "[ini_values][integer][bug]") {
    // The documented contract is "a whole decimal number in [min, max]".
    CHECK(parse_ini_integer("9223372036854775807", INT64_MIN, INT64_MAX) == INT64_MAX);
    CHECK(parse_ini_integer("-9223372036854775808", INT64_MIN, INT64_MAX) == INT64_MIN);
}

// ---- parse_ini_seconds ------------------------------------------------------------

TEST_CASE("parse_ini_seconds reads whole and fractional seconds", "[ini_values][seconds]") {
    CHECK(parse_ini_seconds("0", 60) == 0.0);
    CHECK(parse_ini_seconds("30", 60) == 30.0);
    CHECK(parse_ini_seconds("0.25", 60) == 0.25);
    CHECK(parse_ini_seconds(".5", 60) == 0.5);
    CHECK(parse_ini_seconds("5.", 60) == 5.0);
    CHECK(parse_ini_seconds("+2", 60) == 2.0);
    CHECK(parse_ini_seconds("  1.5  ", 60) == 1.5);
}

TEST_CASE("parse_ini_seconds reads exponents", "[ini_values][seconds]") {
    auto small = parse_ini_seconds("1e-3", 60);
    REQUIRE(small.has_value());
    CHECK(*small == Approx(0.001));
    CHECK(parse_ini_seconds("1E1", 60) == 10.0);
    CHECK(parse_ini_seconds("2.5e+1", 60) == 25.0);
}

TEST_CASE("parse_ini_seconds max is inclusive", "[ini_values][seconds]") {
    CHECK(parse_ini_seconds("60", 60) == 60.0);
    CHECK_FALSE(parse_ini_seconds("60.001", 60).has_value());
    CHECK_FALSE(parse_ini_seconds("1e3", 60).has_value());
    CHECK(parse_ini_seconds("0", 0) == 0.0);
    CHECK_FALSE(parse_ini_seconds("0.1", 0).has_value());
}

TEST_CASE("parse_ini_seconds rejects negatives", "[ini_values][seconds]") {
    CHECK_FALSE(parse_ini_seconds("-1", 60).has_value());
    CHECK_FALSE(parse_ini_seconds("-0.5", 60).has_value());
    CHECK_FALSE(parse_ini_seconds("-1e-3", 60).has_value());
}

TEST_CASE("parse_ini_seconds rejects inf, nan, hex and garbage", "[ini_values][seconds]") {
    auto text = GENERATE(as<std::string>{}, "", "  ", "inf", "INF", "infinity", "-inf", "nan", "NaN", "0x10", "0X1p3",
                         "abc", "1s", "30 sec", "1.5.2", "1e", "e3", ".", "1,5", "1e999");
    CAPTURE(text);
    CHECK_FALSE(parse_ini_seconds(text, 1e300).has_value());
}

TEST_CASE("parse_ini_seconds rejects over-long input without crashing", "[ini_values][seconds]") {
    // The parser copies into a fixed buffer: the length check must guard it.
    CHECK_FALSE(parse_ini_seconds(std::string(65, '1'), 1e300).has_value());
    CHECK_FALSE(parse_ini_seconds(std::string(10000, '1'), 1e300).has_value());
    // 64 characters is still in range for the buffer.
    std::string padded = "1." + std::string(62, '0');
    CHECK(parse_ini_seconds(padded, 60) == 1.0);
}

TEST_CASE("parse_ini_seconds does not stop at an embedded NUL", "[ini_values][seconds]") {
    CHECK_FALSE(parse_ini_seconds(std::string_view("1\0x", 3), 60).has_value());
}

TEST_CASE("parse_ini_log_level reads off, errors and all in any case", "[ini_values]") {
    using defer::LogLevel;
    CHECK(defer::parse_ini_log_level("off") == LogLevel::off);
    CHECK(defer::parse_ini_log_level(" Errors ") == LogLevel::errors);
    CHECK(defer::parse_ini_log_level("ALL") == LogLevel::all);
    CHECK(defer::parse_ini_log_level("") == LogLevel::off); // php.ini: defer.log = off
    CHECK_FALSE(defer::parse_ini_log_level("1").has_value());
    CHECK_FALSE(defer::parse_ini_log_level("error").has_value());
    CHECK_FALSE(defer::parse_ini_log_level("all,errors").has_value());
}

TEST_CASE("parse_ini_close_kept reads a boolean or always", "[ini_values]") {
    using defer::CloseKept;
    CHECK(defer::parse_ini_close_kept("1") == CloseKept::when_deferred);
    CHECK(defer::parse_ini_close_kept("On") == CloseKept::when_deferred);
    CHECK(defer::parse_ini_close_kept("0") == CloseKept::never);
    CHECK(defer::parse_ini_close_kept("") == CloseKept::never); // php.ini: = off
    CHECK(defer::parse_ini_close_kept(" ALWAYS ") == CloseKept::always);
    CHECK_FALSE(defer::parse_ini_close_kept("2").has_value());
    CHECK_FALSE(defer::parse_ini_close_kept("alway").has_value());
    CHECK_FALSE(defer::parse_ini_close_kept("always,1").has_value());
}
