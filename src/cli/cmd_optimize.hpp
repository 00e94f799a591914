#pragma once

#include "cli/command.hpp"

namespace stationplan::cli {

// `stationplan optimize`: one planning model on one instance file, printed as one
// JSON object (for power users and the benchmarks in bench/).
std::unique_ptr<Command> make_optimize_command(CLI::App& sub);

}  // namespace stationplan::cli
