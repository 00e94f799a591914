// The one reader of numbers written as text in an input cell (coordinates,
// capacities, costs): decimal only, the same on every machine.
//
//   io::Number n = io::parse_decimal(" 113.65 ");   // n.value == 113.65
//   io::parse_decimal("0x71").value;                // nullopt: hexadecimal is not read
//   io::format_number(1e300);                       // "1e+300", never 300 digits
//
// Accepted: optional blanks (space, tab) around an optional sign, digits with at most
// one decimal point, an optional exponent ("1.5e3"). Refused: hexadecimal ("0x71",
// which strtod reads as 113), inf and nan, thousands separators and decimal commas,
// full-width digits, and values beyond the range of a double. std::from_chars is
// locale independent, so "113.65" means the same under a German locale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stationplan::io {

struct Number {
    std::optional<double> value;   // set when the text is a decimal number
    std::string why;               // otherwise what is wrong: "is not a number", ...
};

// Blank text is no number (why = "is empty"); callers that treat blank as "no value"
// test for blankness first.
Number parse_decimal(std::string_view text);

// A value for a message: at most 12 significant digits ("113.654321", "1e+300").
std::string format_number(double v);

}  // namespace stationplan::io
