// The example at the top of include/rubric/rubric.hpp must compile and work: this file holds the
// same lines as code, and the test checks that the header's comment still says exactly them.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "paths.hpp"
#include "rubric/rubric.hpp"

namespace {

// BEGIN EXAMPLE (the lines between the markers, as the header shows them)
int header_example() {
  auto loaded = rubric::load_ruleset("rulesets/guangzhou/2023.rubric");
  if (!loaded.ok()) { std::cerr << rubric::render(loaded.diagnostics); return 1; }
  auto facts = rubric::read_facts(*loaded.ruleset, "rulesets/guangzhou/examples/guangzhou-internet-court-2023.json");
  if (!facts.facts) { std::cerr << rubric::render(facts.diagnostics); return 1; }
  rubric::Evaluation result = rubric::evaluate(*loaded.ruleset, *facts.facts);
  std::cout << rubric::render_table(*loaded.ruleset, result, {});
  return 0;
}
// END EXAMPLE

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The body of header_example() above, each line as "//   LINE" the way the header writes it.
std::string example_as_comment() {
  const std::string self = read_text(std::string(rubric::testing::kSourceDirPath) + "/tests/header_example_test.cpp");
  const std::string begin = "int header_example() {\n";
  const std::size_t from = self.find(begin) + begin.size();
  const std::size_t to = self.find("  return 0;\n}\n// END EXAMPLE");
  std::istringstream body(self.substr(from, to - from));
  std::string out;
  for (std::string line; std::getline(body, line);) out += "//   " + line.substr(2) + "\n";
  return out;
}

TEST(HeaderExample, TheHeaderShowsTheseLines) {
  const std::string header = read_text(std::string(rubric::testing::kSourceDirPath) + "/include/rubric/rubric.hpp");
  const std::string example = example_as_comment();
  ASSERT_GT(example.size(), 100u);
  EXPECT_NE(header.find(example), std::string::npos)
      << "include/rubric/rubric.hpp no longer shows the example this test compiles:\n" << example;
}

TEST(HeaderExample, ScoresTheCourt) {
  testing::internal::CaptureStdout();
  const int status = header_example();
  const std::string table = testing::internal::GetCapturedStdout();
  EXPECT_EQ(status, 0);
  EXPECT_NE(table.find("95.99"), std::string::npos) << table;
  EXPECT_NE(table.find("优"), std::string::npos) << table;
}

}  // namespace
