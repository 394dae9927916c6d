// Where the sources and the built rubric program are, in tests/paths.cpp, which CMake generates
// in the build tree: no other compilation of a test names the checkout's path, so ccache reuses
// them in a fresh clone (CI's) elsewhere on the disk.
#pragma once

namespace rubric::testing {

extern const char kSourceDirPath[];
extern const char kBinaryPath[];

}  // namespace rubric::testing
