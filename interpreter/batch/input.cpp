// Reading a batch's input; see input.hpp.
#include "interpreter/batch/input.hpp"

namespace rubric::batch {

bool read_line(ByteReader& in, std::string& out) {
  out.clear();
  if (in.peek() == EOF) return false;
  for (;;) {
    const std::string_view w = in.window();
    if (w.empty()) break;
    const std::size_t n = w.find('\n');
    out.append(w.data(), n == std::string_view::npos ? w.size() : n);
    in.advance(n == std::string_view::npos ? w.size() : n + 1);
    if (n != std::string_view::npos) break;
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

}  // namespace rubric::batch
