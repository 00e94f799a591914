#include "io/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>
#include <vector>

namespace stationplan::io {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

bool utf8_name(const std::string& name) {
    const std::string u = upper(name);
    return u.empty() || u == "UTF-8" || u == "UTF8" || u == "CP65001" || u == "65001";
}

// The iconv name used for a user's name.
std::string iconv_name(const std::string& name) {
    const std::string u = upper(name);
    if (u == "GB2312" || u == "GB_2312-80" || u == "EUC-CN" || u == "EUCCN") return "GBK";
    return name;
}

// Converts raw from `cd`'s encoding to UTF-8; nullopt on an invalid or truncated sequence.
std::optional<std::string> convert(iconv_t cd, std::string_view raw) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    std::string out(raw.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(raw.data());
    std::size_t in_left = raw.size();
    std::size_t done = 0;
    for (;;) {
        char* dst = out.data() + done;
        std::size_t out_left = out.size() - done;
        const std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
        done = out.size() - out_left;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno != E2BIG) return std::nullopt;  // EILSEQ: invalid; EINVAL: cut short
        out.resize(out.size() * 2);
    }
    char* dst = out.data() + done;
    std::size_t out_left = out.size() - done;
    if (iconv(cd, nullptr, nullptr, &dst, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

}  // namespace

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;  // no surrogates
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing above U+10FFFF
        else return false;
        if (i + len > n) return false;
        if (s[i + 1] < lo || s[i + 1] > hi) return false;
        for (std::size_t k = 2; k < len; ++k)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
        i += len;
    }
    return true;
}

std::string encoding_problem(const std::string& name) {
    if (name.empty()) return "is empty; name an encoding such as \"GBK\", or leave the key out for UTF-8";
    if (utf8_name(name)) return {};
    iconv_t cd = iconv_open("UTF-8", iconv_name(name).c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return "'" + name + "' is not an encoding this system knows (for example \"GBK\", \"GB18030\", \"BIG5\", \"UTF-8\")";
    // Fields are split on ASCII commas and quotes before decoding: the encoding must
    // read ASCII bytes as ASCII.
    const std::string probe = "id,x;Y 09\"";
    const auto back = convert(cd, probe);
    iconv_close(cd);
    if (!back || *back != probe)
        return "'" + name + "' does not keep ASCII as it is (UTF-16 and UTF-32 files must be saved as UTF-8 or GBK)";
    return {};
}

struct TextDecoder::State {
    explicit State(iconv_t c) : cd(c) {}
    ~State() { iconv_close(cd); }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    iconv_t cd;
};

TextDecoder::TextDecoder(const std::string& name) : m_name(name.empty() ? "UTF-8" : name) {
    if (const std::string why = encoding_problem(name); !why.empty() && !name.empty()) throw std::invalid_argument(why);
    if (utf8_name(name)) return;
    iconv_t cd = iconv_open("UTF-8", iconv_name(name).c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::invalid_argument(encoding_problem(name));
    m_state = std::make_unique<State>(cd);
}

TextDecoder::~TextDecoder() = default;
TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;

std::optional<std::string> TextDecoder::decode(std::string_view raw) const {
    if (is_ascii(raw)) return std::string(raw);
    if (!m_state) {
        if (!is_valid_utf8(raw)) return std::nullopt;
        return std::string(raw);
    }
    auto out = convert(m_state->cd, raw);
    // iconv's output is UTF-8; checked anyway, since everything downstream relies on it.
    if (out && !is_valid_utf8(*out)) return std::nullopt;
    return out;
}

std::string reads_as(std::string_view raw) {
    if (is_valid_utf8(raw)) return "UTF-8";
    for (const char* name : {"GBK", "GB18030"}) {
        const TextDecoder d(name);
        if (d.decode(raw)) return name;
    }
    return {};
}

std::string printable(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    const bool utf8 = is_valid_utf8(text);
    std::string out;
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f || (!utf8 && c >= 0x80)) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace stationplan::io
