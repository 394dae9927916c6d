// Helpers shared by the commands; see command.hpp.
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"

namespace rubric::cli {

void print(const Diagnostics& diagnostics, bool summary) {
  if (!diagnostics.empty()) std::cerr << render(diagnostics, summary);
}

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    try {
      return std::max(60, std::stoi(columns));
    } catch (const std::exception&) {
    }
  }
  return 120;
}

}  // namespace rubric::cli
