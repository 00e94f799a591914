// --out-db and --db-schema are checked before any input is read: a target that is not
// a PostgreSQL connection, a schema name PostgreSQL would need quoted, or --out-db
// without an output folder stop the run with exit 2 and write nothing. (The database
// round trip itself is tests/cli/postgis_roundtrip.sh.)
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

TEST(OutDbUsage, NotAPostgresConnection) {
    ScratchDir dir("outdb");
    const RunResult r = run_stationplan({"check", "--out", (dir.path() / "out").string(), "--out-db", "results.gpkg"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--out-db 'results.gpkg'"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(OutDbUsage, SchemaNameMustBePlain) {
    ScratchDir dir("outdb");
    const RunResult r = run_stationplan({"check", "--out", (dir.path() / "out").string(), "--out-db",
                                         "PG:host=127.0.0.1 port=1 dbname=none", "--db-schema", "Results-2026"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--db-schema 'Results-2026'"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(OutDbUsage, UnreachableDatabaseWritesNothing) {
    // Port 1 on loopback: nobody listens. The check runs, publishing fails, and the
    // output folder is not committed either.
    ScratchDir dir("outdb");
    const RunResult r = run_stationplan({"check", "--out", (dir.path() / "out").string(), "--out-db",
                                         "PG:host=127.0.0.1 port=1 dbname=none connect_timeout=2", "-q"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("cannot open the database"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out"));
    EXPECT_TRUE(list_dir(dir.path()).empty());  // no staging folder left behind
}

}  // namespace
}  // namespace stationplan::test
