// io::VectorWriter: layers written through GDAL and read back through GDAL, every
// field type and the null, points, polygons promoted to multipolygons, the CRS, a
// second file's layers appended; and the failures a user can meet (a folder that is
// not there) as WriteError naming the file, a caller's mistake as logic_error.
#include "io/vector_writer.hpp"

#include <gtest/gtest.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "geom/geos.hpp"
#include "io/crs.hpp"
#include "io/output_file.hpp"
#include "support/test_support.hpp"

namespace stationplan::io {
namespace {

struct Closer {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset open_read(const std::filesystem::path& file) {
    return Dataset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

std::vector<std::uint8_t> square_wkb(double x0, double y0, double side) {
    const auto g = geom::Geometry::from_wkt("POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " +
                                            std::to_string(x0 + side) + " " + std::to_string(y0) + ", " +
                                            std::to_string(x0 + side) + " " + std::to_string(y0 + side) + ", " +
                                            std::to_string(x0) + " " + std::to_string(y0 + side) + ", " +
                                            std::to_string(x0) + " " + std::to_string(y0) + "))");
    return g.to_wkb();
}

TEST(VectorWriter, WritesLayersThatGdalReadsBack) {
    test::ScratchDir dir("vector-writer");
    const auto file = dir.path() / "out.gpkg";
    const Crs crs = Crs::from_user_input("EPSG:4547");
    {
        VectorWriter out(file);
        auto& stations = out.create_layer("stations", LayerGeometry::Point, crs,
                                          {{"station_id", FieldType::Text}, {"load", FieldType::Integer}, {"share", FieldType::Real}});
        stations.add({std::string("S1"), std::int64_t{4}, 0.25}, XY{471000.0, 3851000.0});
        stations.add({std::string("站二"), std::monostate{}, 1.5}, XY{471500.5, 3851250.25});
        auto& grids = out.create_layer("grids", LayerGeometry::MultiPolygon, crs, {{"grid_id", FieldType::Text}});
        grids.add({std::string("G1")}, square_wkb(470000, 3850000, 1000));  // a polygon, promoted
        out.close();
    }
    const Dataset ds = open_read(file);
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetLayerCount(), 2);
    OGRLayer* st = ds->GetLayerByName("stations");
    ASSERT_NE(st, nullptr);
    EXPECT_EQ(st->GetFeatureCount(), 2);
    EXPECT_EQ(std::string(st->GetSpatialRef()->GetAuthorityCode(nullptr)), "4547");
    st->ResetReading();
    OGRFeatureUniquePtr f1(st->GetNextFeature());
    EXPECT_STREQ(f1->GetFieldAsString("station_id"), "S1");
    EXPECT_EQ(f1->GetFieldAsInteger64("load"), 4);
    EXPECT_EQ(f1->GetFieldAsDouble("share"), 0.25);
    const auto* p1 = f1->GetGeometryRef()->toPoint();
    EXPECT_EQ(p1->getX(), 471000.0);
    EXPECT_EQ(p1->getY(), 3851000.0);
    OGRFeatureUniquePtr f2(st->GetNextFeature());
    EXPECT_STREQ(f2->GetFieldAsString("station_id"), "站二");  // UTF-8 kept
    EXPECT_TRUE(f2->IsFieldNull(f2->GetFieldIndex("load")));
    EXPECT_EQ(f2->GetGeometryRef()->toPoint()->getX(), 471500.5);
    OGRLayer* gr = ds->GetLayerByName("grids");
    ASSERT_NE(gr, nullptr);
    EXPECT_EQ(wkbFlatten(gr->GetGeomType()), wkbMultiPolygon);
    OGRFeatureUniquePtr g1(gr->GetNextFeature());
    EXPECT_EQ(wkbFlatten(g1->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
    EXPECT_DOUBLE_EQ(g1->GetGeometryRef()->toMultiPolygon()->get_Area(), 1e6);
}

TEST(VectorWriter, AppendAddsLayersToAnExistingFile) {
    test::ScratchDir dir("vector-writer-append");
    const auto file = dir.path() / "out.gpkg";
    const Crs crs = Crs::from_user_input("EPSG:4547");
    {
        VectorWriter out(file);
        out.create_layer("a", LayerGeometry::Point, crs, {{"id", FieldType::Text}}).add({std::string("a1")}, XY{1, 2});
        out.close();
    }
    {
        VectorWriter out(file, "GPKG", VectorWriter::Mode::Append);
        out.create_layer("b", LayerGeometry::Point, crs, {{"id", FieldType::Text}}).add({std::string("b1")}, XY{3, 4});
        out.execute_sql("CREATE TABLE note (text TEXT)");
        out.close();
    }
    const Dataset ds = open_read(file);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->GetLayerByName("a")->GetFeatureCount(), 1);
    EXPECT_EQ(ds->GetLayerByName("b")->GetFeatureCount(), 1);
}

TEST(VectorWriter, AFolderThatIsNotThereIsAWriteErrorNamingTheFile) {
    test::ScratchDir dir("vector-writer-missing");
    const auto file = dir.path() / "no-such-folder" / "out.gpkg";
    try {
        VectorWriter out(file);
        FAIL() << "expected a WriteError";
    } catch (const WriteError& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_FALSE(e.reason().empty());
    }
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(VectorWriter, WrongNumberOfValuesIsTheCallersMistake) {
    test::ScratchDir dir("vector-writer-misuse");
    VectorWriter out(dir.path() / "out.gpkg");
    auto& layer = out.create_layer("a", LayerGeometry::Point, Crs::from_user_input("EPSG:4547"),
                                   {{"id", FieldType::Text}, {"n", FieldType::Integer}});
    EXPECT_THROW(layer.add({std::string("only one")}, XY{0, 0}), std::logic_error);
}

}  // namespace
}  // namespace stationplan::io
