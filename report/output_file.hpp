// Writing output files atomically: the content goes to a temporary file beside the target,
// which is then renamed over it. An interrupted run leaves the old file or the new one, never
// half of one.
#pragma once

#include <string>
#include <string_view>

namespace rubric {

// Writes [content] to [path] atomically; throws std::runtime_error naming the path on failure.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace rubric
