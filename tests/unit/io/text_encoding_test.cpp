#include "io/text_encoding.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace stationplan::io {
namespace {

// 张三 and 金水区 in GBK; 𠀀 (U+20000, outside GBK) in GB18030 takes four bytes.
const std::string kZhangSanGbk = "\xD5\xC5\xC8\xFD";
const std::string kJinshuiGbk = "\xBD\xF0\xCB\xAE\xC7\xF8";
const std::string kU20000Gb18030 = "\x95\x32\x82\x36";

TEST(Utf8, ValidatesStrictly) {
    EXPECT_TRUE(is_valid_utf8("abc"));
    EXPECT_TRUE(is_valid_utf8("张三"));
    EXPECT_TRUE(is_valid_utf8("\xF0\xA0\x80\x80"));        // U+20000
    EXPECT_FALSE(is_valid_utf8(kZhangSanGbk));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));               // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));           // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));       // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xE5\xBC"));               // cut short
    EXPECT_FALSE(is_valid_utf8("\x80"));
}

TEST(TextDecoder, DecodesGbkAndGb18030) {
    const TextDecoder gbk("GBK");
    EXPECT_EQ(gbk.decode(kZhangSanGbk), "张三");
    EXPECT_EQ(gbk.decode(kJinshuiGbk + ",A1"), "金水区,A1");
    EXPECT_FALSE(gbk.decode(kU20000Gb18030));               // four-byte sequences are GB18030 only
    EXPECT_FALSE(gbk.decode("区"));                         // three UTF-8 bytes: a GBK pair and a lone lead byte
    const TextDecoder gb18030("gb18030");
    EXPECT_EQ(gb18030.decode(kU20000Gb18030), "\xF0\xA0\x80\x80");
    EXPECT_EQ(gb18030.decode(kZhangSanGbk), "张三");
    EXPECT_FALSE(gb18030.decode("\xD5"));                   // a lead byte without its trail
}

TEST(TextDecoder, Gb2312IsReadAsGbk) {
    // 堃 (GBK 0x88D2) is outside GB2312; files labelled GB2312 hold such characters.
    EXPECT_EQ(TextDecoder("GB2312").decode("\x88\xD2"), "堃");
}

TEST(TextDecoder, Utf8ValidatesOnly) {
    for (const char* name : {"", "UTF-8", "utf8", "UTF8"}) {
        const TextDecoder d(name);
        EXPECT_TRUE(d.is_utf8()) << name;
        EXPECT_EQ(d.decode("张三"), "张三");
        EXPECT_FALSE(d.decode(kZhangSanGbk));
    }
}

TEST(EncodingProblem, NamesWhatIsWrong) {
    EXPECT_EQ(encoding_problem("GBK"), "");
    EXPECT_EQ(encoding_problem("cp936"), "");
    EXPECT_EQ(encoding_problem("BIG5"), "");
    EXPECT_EQ(encoding_problem("UTF-8"), "");
    EXPECT_EQ(encoding_problem("GBKX"),
              "'GBKX' is not an encoding this system knows (for example \"GBK\", \"GB18030\", \"BIG5\", \"UTF-8\")");
    EXPECT_EQ(encoding_problem(""), "is empty; name an encoding such as \"GBK\", or leave the key out for UTF-8");
    EXPECT_EQ(encoding_problem("UTF-16"),
              "'UTF-16' does not keep ASCII as it is (UTF-16 and UTF-32 files must be saved as UTF-8 or GBK)");
    EXPECT_THROW(TextDecoder("GBKX"), std::invalid_argument);
}

TEST(ReadsAs, SuggestsTheEncodingForAHint) {
    EXPECT_EQ(reads_as("张三"), "UTF-8");
    EXPECT_EQ(reads_as(kZhangSanGbk), "GBK");
    EXPECT_EQ(reads_as(kU20000Gb18030), "GB18030");
    EXPECT_EQ(reads_as("\xFF\xFF"), "");
}

TEST(Printable, EscapesBytesThatAreNotText) {
    EXPECT_EQ(printable("张三"), "张三");
    EXPECT_EQ(printable(kZhangSanGbk), "\\xD5\\xC5\\xC8\\xFD");
    EXPECT_EQ(printable("a\nb"), "a\\x0Ab");
}

}  // namespace
}  // namespace stationplan::io
