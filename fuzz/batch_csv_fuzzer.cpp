// Fuzzes the batch CSV reader: any bytes as the CSV of `rubric batch`, read and scored whole by
// run_batch (one worker) with the 2023 ruleset into a temporary output file. parse_csv, the tests'
// wrapper around the same record reader (read_csv_record), is no longer called on every input: it
// added no code of its own but a second 1 MiB read buffer, zeroed and page-faulted in per call,
// which was half of each run. The
// files are in /dev/shm when there is one: run_batch syncs its output to disk before renaming it,
// and on a disk that sync cost more than everything else the input did.
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "common.hpp"
#include "interpreter/batch/batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const std::string dir = [] {
    const std::filesystem::path shm = "/dev/shm";
    const auto base = std::filesystem::is_directory(shm) ? shm : std::filesystem::temp_directory_path();
    const auto d = base / ("rubric_batch_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  static const bool cleanup = std::atexit([] {  // registered after [dir] is made: runs before it goes
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }) == 0;
  (void)cleanup;
  const std::string input = dir + "/in.csv";
  std::ofstream(input, std::ios::binary | std::ios::trunc) << text;
  rubric::BatchOptions options;
  options.input = input;
  options.output = dir + "/out.csv";
  options.jobs = 1;
  options.top = 3;
  options.bottom = 3;
  const rubric::BatchResult result = rubric::run_batch(*rubric::fuzz::rulesets().front(), options);
  (void)rubric::render_batch_summary(result.summary);
  return 0;
}
