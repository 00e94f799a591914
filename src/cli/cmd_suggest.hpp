#pragma once

#include "cli/command.hpp"

namespace stationplan::cli {

std::unique_ptr<Command> make_suggest_command(CLI::App& sub);
std::unique_ptr<Command> make_rebalance_command(CLI::App& sub);

}  // namespace stationplan::cli
