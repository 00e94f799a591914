#include "deputies_fuzz.hpp"

#include <cmath>
#include <cstdlib>

#include "io/crs.hpp"
#include "io/text_encoding.hpp"
#include "io/vector_source.hpp"
#include "model/address_match.hpp"
#include "model/district.hpp"

namespace stationplan::fuzz {

LayerSource deputies_source(std::uint8_t mode, const std::string& file) {
    LayerSource s;
    s.file = file;
    s.key = "layers.deputies";
    switch (mode % 3) {
        case 0: s.wkt_field = "WKT"; break;
        case 1: s.x_field = "x"; s.y_field = "y"; break;
        default: break;  // the format's own geometry (none for CSV and XLSX without it)
    }
    if ((mode / 3) % 2) {
        s.crs = "EPSG:4326";
        s.coords = "gcj02";
    } else {
        s.crs = "EPSG:4547";
    }
    if ((mode / 6) % 2) s.encoding = "GBK";
    if ((mode / 12) % 2) s.fields = {{"id", "编号"}, {"level", "级别"}, {"address", "地址"}};
    return s;
}

void read_deputies(const LayerSource& source) {
    // Keeps glibc's GBK and GB18030 converters loaded, as in a process reading many
    // layers: otherwise each run loads and unloads them (dlopen) when its decoders go.
    static const io::TextDecoder keep_loaded[] = {io::TextDecoder("GBK"), io::TextDecoder("GB18030")};
    (void)keep_loaded;
    io::VectorSource layer(source, "deputies");
    static const io::Crs working = io::Crs::from_user_input("EPSG:4547");
    layer.set_target_crs(working);
    (void)layer.feature_count_if_cheap();
    const std::vector<io::FieldRequest> fields{{"id", true},      {"name", false},    {"level", false},
                                               {"sector", false}, {"station", false}, {"industry_station", false},
                                               {"address", false}};
    layer.for_each(fields, [&](const io::SourceRecord& r) {
        if (r.values.size() != fields.size()) std::abort();
        if (r.kind == io::GeometryKind::Point && !(std::isfinite(r.point.x_m) && std::isfinite(r.point.y_m))) std::abort();
        const auto value = [&](std::size_t i) { return r.values[i] ? *r.values[i] : std::string(); };
        (void)model::parse_level(model::fold_word(value(2)));
        const std::string sector = model::canonical_sector(value(3));
        (void)model::is_known_sector(sector);
        if (!value(6).empty()) (void)model::normalize_address(value(6)).describe();
    });
    (void)layer.warnings();
}

}  // namespace stationplan::fuzz
