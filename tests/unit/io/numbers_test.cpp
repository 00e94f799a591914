#include "io/numbers.hpp"

#include <gtest/gtest.h>

namespace stationplan::io {
namespace {

TEST(ParseDecimal, ReadsDecimalNumbersWithBlanksSignsAndExponents) {
    EXPECT_EQ(parse_decimal("113.65").value, 113.65);
    EXPECT_EQ(parse_decimal("  473600 \t").value, 473600.0);
    EXPECT_EQ(parse_decimal("-0.5").value, -0.5);
    EXPECT_EQ(parse_decimal("+12").value, 12.0);
    EXPECT_EQ(parse_decimal(".5").value, 0.5);
    EXPECT_EQ(parse_decimal("5.").value, 5.0);
    EXPECT_EQ(parse_decimal("1.5e3").value, 1500.0);
    EXPECT_EQ(parse_decimal("1E-2").value, 0.01);
    // 1e300 is a number; whether it is a plausible coordinate is decided elsewhere.
    EXPECT_EQ(parse_decimal("1e300").value, 1e300);
}

TEST(ParseDecimal, RefusesHexadecimalThatStrtodWouldRead) {
    // strtod("0x71") is 113: a longitude 45 km from where 71 was meant (or a typo).
    const Number n = parse_decimal("0x71");
    EXPECT_FALSE(n.value);
    EXPECT_EQ(n.why, "is not a number (hexadecimal is not read)");
    EXPECT_FALSE(parse_decimal("0X1p3").value);
    EXPECT_FALSE(parse_decimal("-0x71").value);
}

TEST(ParseDecimal, RefusesInfinityNanAndOverflow) {
    for (const char* s : {"inf", "-inf", "INF", "infinity", "nan", "NaN", "+nan"}) {
        const Number n = parse_decimal(s);
        EXPECT_FALSE(n.value) << s;
        EXPECT_EQ(n.why, "is not a number") << s;
    }
    EXPECT_EQ(parse_decimal("1e400").why, "is out of range");
    EXPECT_EQ(parse_decimal("-1e400").why, "is out of range");
}

TEST(ParseDecimal, RefusesEverythingElse) {
    for (const char* s : {"3851OOO", "1 000", "12abc", "--1", "+-1", "1e", "e5", ".", "-", "１１３", "113.6°", "1/2"}) {
        EXPECT_FALSE(parse_decimal(s).value) << s;
        EXPECT_EQ(parse_decimal(s).why, "is not a number") << s;
    }
    EXPECT_EQ(parse_decimal("113,65").why, "is not a number (write a decimal point, without thousands separators)");
    EXPECT_EQ(parse_decimal("1,234.5").why, "is not a number (write a decimal point, without thousands separators)");
    EXPECT_EQ(parse_decimal("").why, "is empty");
    EXPECT_EQ(parse_decimal(" \t").why, "is empty");
}

TEST(FormatNumber, PrintsAtMostTwelveSignificantDigits) {
    EXPECT_EQ(format_number(1e300), "1e+300");
    EXPECT_EQ(format_number(-1e300), "-1e+300");
    EXPECT_EQ(format_number(113.65), "113.65");
    EXPECT_EQ(format_number(473600), "473600");
    EXPECT_EQ(format_number(113.123456789012345), "113.123456789");
    EXPECT_EQ(format_number(34.0), "34");
}

}  // namespace
}  // namespace stationplan::io
