// The hand-written program end to end: reads the generator's CSV, scores every department with the
// 2023 rules written in C++ (handwritten.cpp), writes the same CSV as `rubric batch`. Single
// threaded, as such a program would be written.
//
//   rubric_bench_handwritten IN.csv OUT.csv
#include <cstdio>
#include <string>

#include "handwritten.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: rubric_bench_handwritten IN.csv OUT.csv\n");
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  std::FILE* out = std::fopen(argv[2], "wb");
  if (in == nullptr || out == nullptr) {
    std::perror("rubric_bench_handwritten");
    return 1;
  }
  handwritten::CsvReader reader;
  handwritten::Department d;
  std::string header = "\xEF\xBB\xBFrow,id,department,total,grade";  // the BOM rubric batch writes
  for (const char* name : handwritten::kIndicatorNames) header += std::string(",") + name;
  header += ",error\n";
  std::fputs(header.c_str(), out);
  char* line = nullptr;
  std::size_t capacity = 0;
  ssize_t length = 0;
  std::size_t row = 0;
  std::string text;
  while ((length = ::getline(&line, &capacity, in)) > 0) {
    std::string_view view(line, static_cast<std::size_t>(length));
    if (view.back() == '\n') view.remove_suffix(1);
    if (row == 0) {
      if (!reader.header(view)) {
        std::fprintf(stderr, "%s: the header lacks columns\n", argv[1]);
        return 1;
      }
      ++row;
      continue;
    }
    reader.row(view, d);
    const handwritten::Result r = handwritten::score(d);
    text = std::to_string(row++);
    text += ',';
    text += d.id;
    text += ',';
    text += d.name;
    text += ',';
    text += r.total.to_fixed(2);
    text += ',';
    text += r.grade;
    for (const auto& s : r.scores) {
      text += ',';
      text += s.to_fixed(2);
    }
    text += ",\n";
    std::fwrite(text.data(), 1, text.size(), out);
  }
  std::free(line);
  std::fclose(in);
  return std::fclose(out) == 0 ? 0 : 1;
}
