// Headless Chromium (Debian `chromium`) as a PDF printer for report.html. Runs with a
// fresh profile in a temporary folder and every network feature off, so it neither
// waits on connection attempts nor touches the user's profile.
#pragma once

#include <filesystem>

namespace stationplan::report {

// The Chromium to use: `configured` when given, else $STATIONPLAN_CHROMIUM, else
// /usr/bin/chromium. Throws std::runtime_error when it is not an executable file.
std::filesystem::path find_chromium(const std::filesystem::path& configured);

// Prints html (a local file) to pdf (A4, no header or footer). The PDF's creation
// and modification dates are fixed so that the same page gives the same file.
// Throws std::runtime_error when Chromium fails or takes longer than timeout_s.
void print_to_pdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
                  const std::filesystem::path& pdf, double timeout_s = 180.0);

}  // namespace stationplan::report
