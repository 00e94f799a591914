#include "synthetic_names.hpp"

#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace stationplan::sample {

namespace {

// Roughly in order of frequency, so squaring a uniform draw favours the
// common surnames the way real rosters do.
constexpr std::array<std::string_view, 72> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "郭", "孙", "马", "朱", "胡", "黄", "周", "吴",
    "徐", "高", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
    "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "范", "金", "石", "贾", "夏", "付",
    "方", "白", "孟", "秦", "薛", "闫", "段", "雷", "侯", "史", "贺", "毛"};

constexpr std::array<std::string_view, 96> kGivenCharacters = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "国", "文", "辉", "鹏",
    "飞", "宇", "浩", "凯", "鑫", "晨", "婷", "雪", "琳", "晓", "颖", "倩", "志", "新", "春", "海",
    "波", "斌", "宏", "亮", "峰", "彬", "东", "梅", "莉", "慧", "萍", "丹", "蕾", "璐", "欣", "佳",
    "琪", "嘉", "怡", "思", "雨", "博", "帅", "阳", "森", "振", "卫", "永", "庆", "学", "光", "德",
    "荣", "成", "瑞", "祥", "胜", "昊", "然", "睿", "轩", "泽", "铭", "悦", "燕", "凤", "玲", "洁"};

// Road names are first x second + suffix. The lists leave out the characters
// that would rebuild the district's own names: its 17 street names (兴达路,
// 国基路, ...) and the roads in its community names (顺河路, 紫荆山路,
// 黄河路, 经五路, ...), and big roads such as 金水路, 农业路 and 花园路.
// Other coincidences with real roads are possible and meaningless.
constexpr std::array<std::string_view, 30> kRoadFirst = {
    "银", "玉", "瑞", "兴", "康", "宏", "福", "安", "恒", "昌", "明", "德", "和", "永", "嘉",
    "荣", "锦", "鸿", "泰", "祥", "春", "秋", "清", "云", "桂", "柏", "松", "槐", "枫", "榆"};
constexpr std::array<std::string_view, 20> kRoadSecond = {"林", "苑", "源", "城", "河", "桥", "庄",
                                                          "台", "坊", "田", "山", "湖", "泉", "岭",
                                                          "光", "盛", "宁", "平", "兆", "通"};

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kCommunitySuffixes = {{
    {"村村民委员会", "村"},
    {"村民委员会", "村"},
    {"村村委会", "村"},
    {"村委会", "村"},
    {"居民居委会", ""},
    {"居民委员会", ""},
    {"居委会", ""},
}};

template <std::size_t N>
std::string_view draw(SeededRandom& rng, const std::array<std::string_view, N>& items) {
    return items[rng.index(N)];
}

}  // namespace

std::string community_short_name(const std::string& official_name) {
    const std::string_view name = official_name;
    for (const auto& [suffix, replacement] : kCommunitySuffixes) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            return std::string(name.substr(0, name.size() - suffix.size())) + std::string(replacement);
        }
    }
    return official_name;
}

std::string street_short_name(const std::string& street_name) {
    constexpr std::string_view kSuffix = "街道";
    const std::string_view name = street_name;
    if (name.size() > kSuffix.size() && name.ends_with(kSuffix)) {
        return std::string(name.substr(0, name.size() - kSuffix.size()));
    }
    return street_name;
}

std::string SyntheticNames::person() {
    for (int attempt = 0; attempt < 10000; ++attempt) {
        const double u = m_rng->uniform();
        std::string name(kSurnames[static_cast<std::size_t>(u * u * kSurnames.size())]);
        name += draw(*m_rng, kGivenCharacters);
        if (m_rng->chance(0.7)) {
            name += draw(*m_rng, kGivenCharacters);
        }
        if (reserve(name)) {
            return name;
        }
    }
    throw std::runtime_error("synthetic names: ran out of distinct person names");
}

std::string SyntheticNames::road() {
    for (int attempt = 0; attempt < 10000; ++attempt) {
        std::string name(draw(*m_rng, kRoadFirst));
        name += draw(*m_rng, kRoadSecond);
        const double u = m_rng->uniform();
        name += u < 0.6 ? "路" : (u < 0.9 ? "街" : "巷");
        if (reserve(name)) {
            return name;
        }
    }
    throw std::runtime_error("synthetic names: ran out of distinct road names");
}

}  // namespace stationplan::sample
