#include "io/numbers.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace stationplan::io {

Number parse_decimal(std::string_view text) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    if (text.empty()) return {std::nullopt, "is empty"};
    std::string_view body = text;
    bool negative = false;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    // from_chars also reads "inf" and "nan"; a number starts with a digit or a point.
    const bool digit_first = !body.empty() && ((body.front() >= '0' && body.front() <= '9') || body.front() == '.');
    if (!digit_first) return {std::nullopt, "is not a number"};
    if (body.size() > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))
        return {std::nullopt, "is not a number (hexadecimal is not read)"};
    double v = 0.0;
    const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v, std::chars_format::general);
    if (ec == std::errc::result_out_of_range) return {std::nullopt, "is out of range"};
    if (ec != std::errc{} || end != body.data() + body.size()) {
        if (end != body.data() + body.size() && *end == ',' && ec == std::errc{})
            return {std::nullopt, "is not a number (write a decimal point, without thousands separators)"};
        return {std::nullopt, "is not a number"};
    }
    if (!std::isfinite(v)) return {std::nullopt, "is out of range"};
    return {negative ? -v : v, {}};
}

std::string format_number(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 12);
    if (ec != std::errc{}) return "?";
    return std::string(buf, end);
}

}  // namespace stationplan::io
