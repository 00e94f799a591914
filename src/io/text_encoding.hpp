// Text of input files decoded into UTF-8, strictly: a byte sequence that is not valid
// in the encoding is refused, never replaced by '?' or passed on (the JSON and CSV
// writers need valid UTF-8, and a user needs to be told which file is not what it
// claims). Decoding goes through iconv (glibc), the converter GDAL's CPLRecode uses.
//
//   io::TextDecoder gbk("GBK");
//   gbk.decode("\xD5\xC5\xC8\xFD");        // "张三"
//   io::TextDecoder utf8("");               // UTF-8: validates, copies
//   utf8.decode("\xD5\xC5");                // nullopt
//   io::reads_as("\xD5\xC5\xC8\xFD");       // "GBK": what to suggest in a hint
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace stationplan::io {

// True when every byte is below 0x80 (the same text in UTF-8, GBK and GB18030).
bool is_ascii(std::string_view text);
// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Why an encoding name cannot be used ("" when it can): unknown to iconv, or not
// ASCII-compatible (UTF-16/UTF-32 files cannot be split into fields byte by byte).
std::string encoding_problem(const std::string& name);

class TextDecoder {
public:
    // name: an iconv encoding name ("GBK", "GB18030", "BIG5", "CP1252" ...); "" or any
    // spelling of UTF-8 validates only. GB2312 is read as GBK, its superset (files
    // labelled GB2312 routinely hold GBK characters). Throws std::invalid_argument
    // with encoding_problem() when the name cannot be used.
    explicit TextDecoder(const std::string& name);
    ~TextDecoder();
    TextDecoder(TextDecoder&&) noexcept;
    TextDecoder& operator=(TextDecoder&&) noexcept;

    // The text in UTF-8, or nullopt when raw is not valid in the encoding. Not
    // thread-safe (one iconv state per decoder).
    std::optional<std::string> decode(std::string_view raw) const;
    bool is_utf8() const { return !m_state; }
    const std::string& name() const { return m_name; }

private:
    struct State;
    std::unique_ptr<State> m_state;  // null for UTF-8
    std::string m_name;
};

// For hints: "UTF-8", "GBK" or "GB18030" (the first that decodes raw), "" for none.
std::string reads_as(std::string_view raw);

// Text for a message: valid UTF-8 as it is (control bytes escaped), anything else
// with each byte of 0x80 and above as \xNN.
std::string printable(std::string_view text);

}  // namespace stationplan::io
