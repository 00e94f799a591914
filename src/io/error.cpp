#include "stationplan/error.hpp"

namespace stationplan {

std::string describe(const InputLocation& where) {
    std::string out;
    auto add = [&](const std::string& label, const std::string& value) {
        if (value.empty()) return;
        if (!out.empty()) out += ", ";
        out += label + value;
    };
    add("", where.file);
    add("layer ", where.layer);
    add("", where.record);
    add("field ", where.field);
    return out;
}

InputError::InputError(InputLocation where, const std::string& what)
    : std::runtime_error(describe(where) + (where.file.empty() && where.record.empty() ? "" : ": ") + what),
      m_where(std::move(where)),
      m_reason(what) {}

OutputError::OutputError(const std::filesystem::path& folder, const std::string& reason)
    : std::runtime_error("cannot write the output folder " + folder.string() + ": " + reason),
      m_folder(folder),
      m_reason(reason) {}

}  // namespace stationplan
