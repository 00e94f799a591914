#include "io/db_writer.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "io/gdal_runtime.hpp"
#include "stationplan/error.hpp"

namespace stationplan::io {
namespace {

// The connection string as shown in messages: a password is never echoed.
std::string shown(const std::string& connection) {
    std::string out;
    std::istringstream words(connection);
    for (std::string w; words >> w;) {
        if (!out.empty()) out += ' ';
        std::string low = w;
        std::transform(low.begin(), low.end(), low.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out += low.rfind("password=", 0) == 0 ? "password=***" : w;
    }
    return out;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

class Publisher {
public:
    Publisher(const std::string& connection, std::string schema)
        : m_label(shown(connection)), m_schema(std::move(schema)), m_staging(m_schema + "__staging") {
        CPLErrorReset();
        m_db.reset(GDALDataset::Open(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
        if (!m_db) {
            const std::string msg = CPLGetLastErrorMsg();
            throw InputError({m_label, {}, {}, {}}, "cannot open the database for writing" + (msg.empty() ? "" : ": " + msg));
        }
        if (std::string(m_db->GetDriverName()) != "PostgreSQL")
            throw InputError({m_label, {}, {}, {}}, "--out-db needs a PostgreSQL/PostGIS connection (\"PG:...\")");
    }

    // Refuses to replace a schema that is not an earlier output.
    void check_target() {
        if (count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + m_schema + "'") == 0) return;
        if (count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + m_schema +
                  "' AND table_name = 'summary'") == 0)
            throw InputError({m_label, m_schema, {}, {}},
                             "the schema exists and is not an earlier stationplan output (it has no summary table); "
                             "name another one with --db-schema");
    }

    void begin_staging() {
        execute("DROP SCHEMA IF EXISTS \"" + m_staging + "\" CASCADE");
        execute("CREATE SCHEMA \"" + m_staging + "\"");
        m_staging_exists = true;
    }

    void copy_layer(OGRLayer& source, const std::string& name) {
        CPLStringList options;
        options.SetNameValue("SCHEMA", m_staging.c_str());
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("FID", "fid");
        options.SetNameValue("LAUNDER", "NO");
        options.SetNameValue("PRECISION", "NO");
        options.SetNameValue("DESCRIPTION", "");
        // CopyLayer groups the rows into transactions of its own (COPY for new tables).
        CPLErrorReset();
        OGRLayer* out = m_db->CopyLayer(&source, name.c_str(), options.List());
        if (!out || CPLGetLastErrorType() == CE_Failure) {
            const std::string msg = CPLGetLastErrorMsg();
            fail("cannot write table " + name + (msg.empty() ? "" : ": " + msg));
        }
        if (out->SyncToDisk() != OGRERR_NONE) fail("cannot write table " + name);
    }

    void write_summary(const std::string& json) {
        CPLStringList options;
        options.SetNameValue("SCHEMA", m_staging.c_str());
        options.SetNameValue("FID", "fid");
        options.SetNameValue("LAUNDER", "NO");
        if (m_db->StartTransaction() != OGRERR_NONE) fail("cannot start a transaction");
        OGRLayer* layer = m_db->CreateLayer("summary", nullptr, wkbNone, options.List());
        if (!layer) fail("cannot create table summary");
        OGRFieldDefn field("json", OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE) fail("cannot create summary.json");
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField(0, json.c_str());
        if (layer->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write the summary row");
        if (m_db->CommitTransaction() != OGRERR_NONE) fail("cannot commit table summary");
    }

    // One transaction: the old schema goes and the staging schema takes its name.
    void swap_in() {
        if (m_db->StartTransaction() != OGRERR_NONE) fail("cannot start a transaction");
        execute("DROP SCHEMA IF EXISTS \"" + m_schema + "\" CASCADE");
        execute("ALTER SCHEMA \"" + m_staging + "\" RENAME TO \"" + m_schema + "\"");
        if (m_db->CommitTransaction() != OGRERR_NONE) fail("cannot commit the schema swap");
        m_staging_exists = false;
    }

    ~Publisher() {
        if (m_db && m_staging_exists) {
            // Best effort: a failed run leaves the target schema as it was.
            CPLPushErrorHandler(CPLQuietErrorHandler);
            m_db->RollbackTransaction();
            m_db->ExecuteSQL(("DROP SCHEMA IF EXISTS \"" + m_staging + "\" CASCADE").c_str(), nullptr, nullptr);
            CPLPopErrorHandler();
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(m_label + ", schema " + m_schema + ": " + what); }

    void execute(const std::string& sql) {
        CPLErrorReset();
        OGRLayer* result = m_db->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (result) m_db->ReleaseResultSet(result);
        if (CPLGetLastErrorType() == CE_Failure) fail(std::string("'") + sql + "' failed: " + CPLGetLastErrorMsg());
    }

    GIntBig count(const std::string& sql) {
        CPLErrorReset();
        OGRLayer* result = m_db->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!result) fail(std::string("'") + sql + "' failed: " + CPLGetLastErrorMsg());
        GIntBig n = 0;
        if (auto f = std::unique_ptr<OGRFeature>(result->GetNextFeature())) n = f->GetFieldAsInteger64(0);
        m_db->ReleaseResultSet(result);
        return n;
    }

    std::string m_label;
    std::string m_schema;
    std::string m_staging;
    Dataset m_db;
    bool m_staging_exists = false;
};

Dataset open_read(const std::filesystem::path& file, bool csv) {
    CPLStringList options;
    if (csv) {
        options.SetNameValue("AUTODETECT_TYPE", "NO");
        options.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
    }
    Dataset ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.List(), nullptr));
    if (!ds) throw std::runtime_error("cannot read " + file.string() + " back for --out-db");
    return ds;
}

}  // namespace

bool is_plain_schema_name(const std::string& name) {
    if (name.empty() || name.size() > 50 || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

void publish_to_postgis(const std::filesystem::path& dir, const std::string& connection, const std::string& schema) {
    ensure_gdal();
    if (!is_plain_schema_name(schema))
        throw InputError({{}, {}, {}, {}}, "schema name '" + schema +
                                               "': use lower-case letters, digits and _ (at most 50, not starting with a digit)");
    std::vector<std::filesystem::path> csvs, gpkgs;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".csv") csvs.push_back(entry.path());
        if (entry.path().extension() == ".gpkg") gpkgs.push_back(entry.path());
    }
    std::sort(csvs.begin(), csvs.end());
    std::sort(gpkgs.begin(), gpkgs.end());

    Publisher db(connection, schema);
    db.check_target();
    db.begin_staging();
    std::set<std::string> taken;
    for (const auto& file : csvs) {
        Dataset ds = open_read(file, true);
        const std::string name = file.stem().string();
        db.copy_layer(*ds->GetLayer(0), name);
        taken.insert(name);
    }
    for (const auto& file : gpkgs) {
        Dataset ds = open_read(file, false);
        for (OGRLayer* layer : ds->GetLayers()) {
            const std::string name = layer->GetName();
            db.copy_layer(*layer, taken.count(name) ? "map_" + name : name);
        }
    }
    std::ifstream in(dir / "summary.json", std::ios::binary);
    db.write_summary(std::string(std::istreambuf_iterator<char>(in), {}));
    db.swap_in();
}

}  // namespace stationplan::io
