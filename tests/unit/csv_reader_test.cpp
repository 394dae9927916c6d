// The CSV reader (base/csv_reader.hpp): RFC 4180 records as they stream in, for the batch's
// input and its results read back.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "base/csv_reader.hpp"

namespace rubric {
namespace {

using Records = std::vector<std::vector<std::string>>;

TEST(CsvReader, FieldsAndRecords) {
  EXPECT_EQ(parse_csv(""), Records{});
  EXPECT_EQ(parse_csv("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(parse_csv("a,b"), (Records{{"a", "b"}}));  // no line break at the end
  EXPECT_EQ(parse_csv(",\n"), (Records{{"", ""}}));
  EXPECT_EQ(parse_csv("\n"), (Records{{""}}));  // a blank line is a record of one empty field
  EXPECT_EQ(parse_csv("部门,得分\n甲,9.5\n"), (Records{{"部门", "得分"}, {"甲", "9.5"}}));
}

TEST(CsvReader, LineEndings) {
  EXPECT_EQ(parse_csv("a,b\r\nc,d\r\n"), (Records{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(parse_csv("a,b\rc,d\r"), (Records{{"a", "b"}, {"c", "d"}}));  // a lone CR (old Mac)
  EXPECT_EQ(parse_csv("a\r\n\r\nb"), (Records{{"a"}, {""}, {"b"}}));
}

TEST(CsvReader, QuotedFields) {
  EXPECT_EQ(parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast"),
            (Records{{"a", "b,c", "say \"hi\""}, {"two\nlines", "", "x"}, {"last"}}));
  EXPECT_EQ(parse_csv("\"\"\n"), (Records{{""}}));
  EXPECT_EQ(parse_csv("\"a\r\nb\"\n"), (Records{{"a\r\nb"}}));  // CRLF inside quotes is kept
  // A quote inside an unquoted field is an ordinary character; after a closing quote, the rest
  // of the field is kept.
  EXPECT_EQ(parse_csv("a\"b,c\n"), (Records{{"a\"b", "c"}}));
  EXPECT_EQ(parse_csv("\"a\"b,c\n"), (Records{{"ab", "c"}}));
  EXPECT_EQ(parse_csv("\"a\"\"\",c\n"), (Records{{"a\"", "c"}}));
}

TEST(CsvReader, ByteOrderMarkIsTheCallers) {
  EXPECT_EQ(parse_csv("\xEF\xBB\xBFid,a\n"), (Records{{"\xEF\xBB\xBFid", "a"}}));
}

// Reads [text] with read_csv_record, as the batch does: flat text, spans, lines, the open quote.
struct Read {
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;  // the line each record starts on
  std::optional<OpenQuote> open;
};

Read read_all(const std::string& text) {
  Read out;
  std::FILE* f = ::fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  ByteReader in(f);
  std::size_t line = 1;
  for (;;) {
    std::string flat;
    std::vector<std::size_t> spans;
    const std::size_t starts = line;
    if (!read_csv_record(in, flat, spans, line, &out.open)) break;
    out.lines.push_back(starts);
    std::vector<std::string> fields;
    for (std::size_t i = 0; i + 1 < spans.size(); i += 2) fields.push_back(flat.substr(spans[i], spans[i + 1] - spans[i]));
    out.records.push_back(fields);
  }
  EXPECT_EQ(in.consumed(), text.size());
  std::fclose(f);
  return out;
}

TEST(CsvReader, PhysicalLines) {
  const Read r = read_all("h1,h2\n\"a\nb\nc\",d\r\ne,f\rg,h\n");
  EXPECT_EQ(r.records, (Records{{"h1", "h2"}, {"a\nb\nc", "d"}, {"e", "f"}, {"g", "h"}}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1, 2, 5, 6}));
  EXPECT_FALSE(r.open);
}

TEST(CsvReader, QuoteNeverClosed) {
  const Read r = read_all("id,name,x\n1,ok,2\n2,\"never closed,3\n3,c,4\n");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2], (std::vector<std::string>{"2", "never closed,3\n3,c,4\n"}));
  ASSERT_TRUE(r.open);
  EXPECT_EQ(r.open->line, 3u);
  EXPECT_EQ(r.open->field, 2u);
}

TEST(CsvReader, LongFieldsAcrossTheBuffer) {
  // Longer than the reader's buffer (1 MiB), so that runs are copied across refills.
  const std::string big(3 * 1024 * 1024 + 17, 'x');
  const Read r = read_all("a," + big + "\n\"" + big + "\"\"\",b\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0][1].size(), big.size());
  EXPECT_EQ(r.records[1][0], big + "\"");
  EXPECT_EQ(r.records[1][1], "b");
}

TEST(CsvReader, RecordsOfAFile) {
  const std::string path = ::testing::TempDir() + "csv_reader_test.csv";
  std::ofstream(path, std::ios::binary) << "a,b\n\"multi\nline\",c\n";
  CsvRecords records(path);
  std::vector<std::string> fields;
  ASSERT_TRUE(records.next(fields));
  EXPECT_EQ(fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(records.line(), 1u);
  ASSERT_TRUE(records.next(fields));
  EXPECT_EQ(fields, (std::vector<std::string>{"multi\nline", "c"}));
  EXPECT_EQ(records.line(), 2u);
  EXPECT_FALSE(records.next(fields));
  std::remove(path.c_str());
  EXPECT_THROW(CsvRecords("/nonexistent/x.csv"), std::runtime_error);
}

}  // namespace
}  // namespace rubric
