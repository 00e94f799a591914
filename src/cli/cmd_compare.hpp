#pragma once

#include "cli/command.hpp"

namespace stationplan::cli {

std::unique_ptr<Command> make_compare_command(CLI::App& sub);

}  // namespace stationplan::cli
