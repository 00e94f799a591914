// Deputies from an XLSX workbook through GDAL's XLSX driver (a /vsimem/ file). The
// first byte chooses the layer's description (fuzz::deputies_source). When the rest
// starts with "PK" it is the workbook itself; otherwise it is the sheet's XML
// (xl/worksheets/sheet1.xml), optionally followed by a NUL byte and the shared
// strings (xl/sharedStrings.xml), zipped here into a workbook with fixed other parts,
// so that mutations reach the sheet parser rather than the zip checksums.
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <ctime>
#include <string>
#include <string_view>

#include "deputies_fuzz.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/_rels/.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Override PartName="/xl/_rels/workbook.xml.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
    R"(<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>)"
    R"(</Types>)";
constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";
constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="deputies" sheetId="1" state="visible" r:id="rId2"/></sheets></workbook>)";
constexpr std::string_view kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(</Relationships>)";
constexpr std::string_view kNoStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)";

// GDAL caches the listing of an archive by its name and keeps it while the file's
// modification time (seconds) and size stay the same: a name is used again only in
// a later second, so that a new file of the same size is never read with an old listing.
std::string fresh_name() {
    static std::time_t second = 0;
    static unsigned in_second = 0;
    const std::time_t now = std::time(nullptr);
    if (now != second) {
        second = now;
        in_second = 0;
    }
    return "/vsimem/stationplan-fuzz/" + std::to_string(now % 2) + "-" + std::to_string(in_second++) + ".xlsx";
}

void zip(const std::string& path, std::string_view sheet, std::string_view strings) {
    void* z = CPLCreateZip(path.c_str(), nullptr);
    if (!z) return;
    const std::pair<const char*, std::string_view> parts[] = {
        {"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRels},           {"xl/workbook.xml", kWorkbook},
        {"xl/_rels/workbook.xml.rels", kWorkbookRels}, {"xl/sharedStrings.xml", strings}, {"xl/worksheets/sheet1.xml", sheet}};
    for (const auto& [name, text] : parts) {
        if (CPLCreateFileInZip(z, name, nullptr) != CE_None) break;
        CPLWriteFileInZip(z, text.data(), static_cast<int>(text.size()));
        CPLCloseFileInZip(z);
    }
    CPLCloseZip(z);
}

// Removes the workbook when the run is over.
struct Unlink {
    std::string path;
    ~Unlink() { VSIUnlink(path.c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    if (size < 1) return 0;
    const std::string_view rest = fuzz::as_text(data + 1, size - 1);
    const std::string path = fresh_name();
    const Unlink done{path};
    if (rest.substr(0, 2) == "PK") {
        const fuzz::MemFile file(path, rest);
        fuzz::expect_input_errors([&] { fuzz::read_deputies(fuzz::deputies_source(data[0], path)); });
        return 0;
    }
    const std::size_t nul = rest.find('\0');
    zip(path, rest.substr(0, nul), nul == std::string_view::npos ? kNoStrings : rest.substr(nul + 1));
    fuzz::expect_input_errors([&] { fuzz::read_deputies(fuzz::deputies_source(data[0], path)); });
    return 0;
}
