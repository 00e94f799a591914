// QGIS styles: every layer of coverage.gpkg carries a default style in the
// layer_styles table QGIS reads; each QML parses as XML, has the renderer meant for
// its layer and names only fields the layer has; each SLD is structurally a
// StyledLayerDescriptor 1.0 for that layer. The styles are those of reports/styles/.
#include <gtest/gtest.h>

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <memory>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

struct XmlDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using Xml = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// Element nodes named `name` (namespace prefix ignored) anywhere below `node`.
void collect(const CPLXMLNode* node, const std::string& name, std::vector<const CPLXMLNode*>& out) {
    for (const CPLXMLNode* c = node; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        std::string tag = c->pszValue;
        if (const auto colon = tag.find(':'); colon != std::string::npos) tag = tag.substr(colon + 1);
        if (tag == name) out.push_back(c);
        collect(c->psChild, name, out);
    }
}
std::vector<const CPLXMLNode*> all(const CPLXMLNode* root, const std::string& name) {
    std::vector<const CPLXMLNode*> out;
    collect(root, name, out);
    return out;
}
const CPLXMLNode* root_element(const CPLXMLNode* doc) {
    for (const CPLXMLNode* c = doc; c; c = c->psNext)
        if (c->eType == CXT_Element && c->pszValue[0] != '?' && c->pszValue[0] != '!') return c;
    return nullptr;
}

struct Expected {
    const char* renderer;   // QML renderer-v2 type
    const char* attr;       // the renderer's field, "" for single symbols
    int geometry_type;      // QML layerGeometryType: 0 point, 2 polygon
};
const std::map<std::string, Expected> kLayers{
    {"district", {"singleSymbol", "", 2}},
    {"streets", {"singleSymbol", "", 2}},
    {"communities", {"singleSymbol", "", 2}},
    {"grids", {"graduatedSymbol", "covered_ratio", 2}},
    {"grid_uncovered", {"singleSymbol", "", 2}},
    {"station_radius", {"singleSymbol", "", 2}},
    {"stations", {"categorizedSymbol", "kind", 0}},
    {"deputies", {"categorizedSymbol", "covered", 0}},
    {"deputy_counts", {"graduatedSymbol", "deputies", 2}},
    {"suggestions", {"singleSymbol", "", 0}},
};

std::set<std::string> fields_of(OGRLayer* layer) {
    std::set<std::string> out;
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.insert(defn->GetFieldDefn(i)->GetNameRef());
    return out;
}

void check_qml(const std::string& layer, const std::string& text, const std::set<std::string>& fields) {
    SCOPED_TRACE(layer + ".qml");
    Xml doc(CPLParseXMLString(text.c_str()));
    ASSERT_TRUE(doc) << "not XML";
    const CPLXMLNode* root = root_element(doc.get());
    ASSERT_TRUE(root);
    EXPECT_STREQ(root->pszValue, "qgis");
    const Expected& e = kLayers.at(layer);
    const auto renderers = all(root, "renderer-v2");
    ASSERT_EQ(renderers.size(), 1u);
    EXPECT_STREQ(CPLGetXMLValue(renderers[0], "type", ""), e.renderer);
    EXPECT_STREQ(CPLGetXMLValue(renderers[0], "attr", ""), e.attr);
    if (*e.attr) {
        EXPECT_TRUE(fields.count(e.attr)) << e.attr;
        const auto classes = all(renderers[0], std::string(e.renderer) == "graduatedSymbol" ? "range" : "category");
        EXPECT_GE(classes.size(), 2u);
        EXPECT_EQ(all(renderers[0], "symbol").size(), classes.size());
    } else {
        EXPECT_EQ(all(renderers[0], "symbol").size(), 1u);
    }
    for (const auto* s : all(renderers[0], "symbol"))
        EXPECT_STREQ(CPLGetXMLValue(s, "type", ""), e.geometry_type == 0 ? "marker" : "fill");
    EXPECT_EQ(std::stoi(CPLGetXMLValue(root, "layerGeometryType", "-1")), e.geometry_type);
    for (const auto* label : all(root, "text-style")) {
        const std::string field = CPLGetXMLValue(label, "fieldName", "");
        EXPECT_TRUE(fields.count(field)) << "label field " << field;
    }
}

void check_sld(const std::string& layer, const std::string& text, const std::set<std::string>& fields, bool points) {
    SCOPED_TRACE(layer + ".sld");
    Xml doc(CPLParseXMLString(text.c_str()));
    ASSERT_TRUE(doc) << "not XML";
    const CPLXMLNode* root = root_element(doc.get());
    ASSERT_TRUE(root);
    EXPECT_STREQ(root->pszValue, "StyledLayerDescriptor");
    EXPECT_STREQ(CPLGetXMLValue(root, "version", ""), "1.0.0");
    EXPECT_STREQ(CPLGetXMLValue(root, "xmlns", ""), "http://www.opengis.net/sld");
    const auto named = all(root, "NamedLayer");
    ASSERT_EQ(named.size(), 1u);
    EXPECT_EQ(std::string(CPLGetXMLValue(named[0], "Name", "")), layer);
    const auto styles = all(named[0], "UserStyle");
    ASSERT_EQ(styles.size(), 1u);
    const auto fts = all(styles[0], "FeatureTypeStyle");
    ASSERT_EQ(fts.size(), 1u);
    const auto rules = all(fts[0], "Rule");
    ASSERT_GE(rules.size(), 1u);
    for (const auto* rule : rules) {
        EXPECT_EQ(all(rule->psChild, points ? "PointSymbolizer" : "PolygonSymbolizer").size(), 1u);
        EXPECT_EQ(all(rule->psChild, points ? "PolygonSymbolizer" : "PointSymbolizer").size(), 0u);
        for (const auto* sym : all(rule->psChild, points ? "PointSymbolizer" : "PolygonSymbolizer"))
            EXPECT_FALSE(all(sym->psChild, "CssParameter").empty());
    }
    for (const auto* p : all(root, "PropertyName")) {
        const std::string field = CPLGetXMLValue(p, "", "");
        EXPECT_TRUE(fields.count(field)) << "field " << field;
    }
}

// Checks every layer of the GeoPackage; returns the layers seen.
std::set<std::string> check_geopackage(const fs::path& gpkg) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    EXPECT_TRUE(ds) << gpkg;
    if (!ds) return {};
    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    EXPECT_TRUE(styles) << "no layer_styles table";
    if (!styles) return {};
    for (const char* column : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                               "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"})
        EXPECT_GE(styles->GetLayerDefn()->GetFieldIndex(column), 0) << column;
    std::map<std::string, int> defaults;
    std::map<std::string, std::pair<std::string, std::string>> style_of;
    for (auto& f : *styles) {
        const std::string table = f->GetFieldAsString("f_table_name");
        EXPECT_STREQ(f->GetFieldAsString("update_time"), "2000/01/01 00:00:00+00") << table;
        OGRLayer* layer = ds->GetLayerByName(table.c_str());
        EXPECT_TRUE(layer) << "style for a missing layer " << table;
        if (layer) {
            EXPECT_STREQ(f->GetFieldAsString("f_geometry_column"), layer->GetGeometryColumn()) << table;
        }
        defaults[table] += f->GetFieldAsInteger("useAsDefault");
        style_of[table] = {f->GetFieldAsString("styleQML"), f->GetFieldAsString("styleSLD")};
    }
    std::set<std::string> seen;
    for (auto* layer : ds->GetLayers()) {
        const std::string name = layer->GetName();
        if (name == "layer_styles") continue;
        seen.insert(name);
        EXPECT_EQ(defaults[name], 1) << name << ": expected one default style";
        if (!style_of.count(name)) continue;
        const auto fields = fields_of(layer);
        check_qml(name, style_of[name].first, fields);
        check_sld(name, style_of[name].second, fields, wkbFlatten(layer->GetGeomType()) == wkbPoint);
        // The embedded styles are the files of reports/styles/.
        EXPECT_EQ(style_of[name].first, read_text(source_dir() / "reports" / "styles" / (name + ".qml"))) << name;
        EXPECT_EQ(style_of[name].second, read_text(source_dir() / "reports" / "styles" / (name + ".sld"))) << name;
    }
    return seen;
}

std::string small() { return (test_data() / "small" / "scenario.toml").string(); }

TEST(Styles, EveryCheckLayerHasOneDefaultStyle) {
    ScratchDir dir("styles");
    const auto out = dir.path() / "out";
    ASSERT_EQ(run_stationplan({"suggest", small(), "--out", out.string()}).exit_code, 0);
    EXPECT_EQ(check_geopackage(out / "coverage.gpkg"),
              (std::set<std::string>{"district", "streets", "communities", "grids", "grid_uncovered", "station_radius",
                                     "stations", "deputies", "suggestions"}));
}

TEST(Styles, RedactedGeoPackageStylesItsDeputyCounts) {
    ScratchDir dir("styles-redact");
    const auto out = dir.path() / "out";
    ASSERT_EQ(run_stationplan({"check", small(), "--redact", "--out", out.string()}).exit_code, 1);
    EXPECT_EQ(check_geopackage(out / "coverage.gpkg"),
              (std::set<std::string>{"district", "streets", "communities", "grids", "grid_uncovered", "station_radius",
                                     "stations", "deputy_counts"}));
}

TEST(Styles, EveryStyleFileHasItsPair) {
    std::set<std::string> qml, sld;
    for (const auto& e : fs::directory_iterator(source_dir() / "reports" / "styles")) {
        const auto ext = e.path().extension().string();
        EXPECT_TRUE(ext == ".qml" || ext == ".sld") << e.path();
        (ext == ".qml" ? qml : sld).insert(e.path().stem().string());
    }
    EXPECT_EQ(qml, sld);
    std::set<std::string> layers;
    for (const auto& [name, e] : kLayers) layers.insert(name);
    EXPECT_EQ(qml, layers);
}

}  // namespace
}  // namespace stationplan::test
