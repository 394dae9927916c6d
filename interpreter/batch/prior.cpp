// Last year's batch; see prior.hpp.
#include "interpreter/batch/prior.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "base/csv_reader.hpp"
#include "base/messages.hpp"
#include "interpreter/batch/csv_document.hpp"
#include "interpreter/batch/csv_layout.hpp"
#include "interpreter/batch/input.hpp"

namespace rubric::batch {
namespace {

// [row] under [key] of [rows]; a second row of the same key makes the key unusable, since a
// department must not be compared with whichever of the two rows came first.
void put(std::map<std::string, PriorRow>& rows, const std::string& what, const std::string& key, const PriorRow& row,
         const std::string& file) {
  const auto [it, inserted] = rows.try_emplace(key, row);
  if (inserted) return;
  if (!it->second.twice) {
    it->second.error = tr_format("last year's batch {} has two rows for {} (lines {} and {}); keep one", file, what,
                                   it->second.line, row.line);
    it->second.twice = true;
  }
  it->second.facts = nullptr;
}

// One row's document into [out]: its facts of last year, or its errors.
void add_row(const ast::Ruleset& rs, const std::string& document, std::size_t line, const std::string& csv_id,
             PriorBatch& out) {
  FactsOptions options;
  options.batch_row = true;
  options.only = &rs.prior_facts;
  FactsResult result = load_facts(rs, document, out.file, options);
  const std::string id = csv_id.empty() ? result.id : csv_id;
  std::string name = result.facts ? result.facts->department : std::string();
  if (!result.facts) {
    // A row in error still names its department, so that this year's row is told why.
    const std::vector<bool> none(rs.facts.size(), false);
    options.only = &none;
    if (FactsResult named = load_facts(rs, document, out.file, options); named.facts) name = named.facts->department;
  }
  PriorRow row;
  row.line = line;
  if (result.facts) {
    auto facts = std::make_shared<PriorFacts>();
    facts->file = tr_format("{} line {}", out.file, line);
    facts->year = result.facts->year;
    facts->values = std::move(result.facts->values);
    facts->supplied = std::move(result.facts->supplied);
    row.facts = std::move(facts);
  } else {
    std::vector<std::string> errors;
    for (const Diagnostic& d : result.diagnostics.items()) {
      if (d.severity == Severity::Error) {
        errors.push_back(d.location.json_path.empty() ? d.message : fmt::format("{}: {}", d.location.json_path, d.message));
      }
    }
    row.error = tr_format("last year's facts have errors: {} line {}: {}", out.file, line, fmt::join(errors, "; "));
  }
  if (!id.empty()) put(out.by_id, tr_format("id {}", id), id, row, out.file);
  if (!name.empty() && name != out.file) put(out.by_name, fmt::format("\"{}\"", name), name, row, out.file);
}

}  // namespace

std::string for_each_document(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns,
                              const std::function<void(const std::string&, std::size_t, const std::string&)>& row) {
  const auto format = batch_format_of(path);
  if (!format) return tr_format("{}: the file must be .csv, .jsonl or .ndjson", path);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::fopen(path.c_str(), "rb"), &std::fclose};
  if (!file) return tr_format("{}: cannot read it: {}", path, std::strerror(errno));
  ByteReader in(file.get());
  std::size_t line = 1;
  if (*format == BatchFormat::JsonLines) {
    for (std::string text; read_line(in, text); ++line) {
      if (text.find_first_not_of(" \t\r") != std::string::npos) row(text, line, "");
    }
    return "";
  }
  std::vector<std::string> header;
  if (!read_csv_record(in, header, line)) return tr_format("{}: the file is empty; the first line must name the columns", path);
  if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);  // a UTF-8 BOM
  CsvLayout layout;
  std::vector<std::string> ignored;  // columns this ruleset does not declare (last year's)
  if (const std::string bad = compile_header(rs, header, columns, layout, ignored, true); !bad.empty()) {
    return tr_format("{}: line 1: {}", path, bad);
  }
  std::string text;
  std::vector<std::size_t> spans;
  std::string document;
  for (std::size_t first = line; (text.clear(), spans.clear(), read_csv_record(in, text, spans, line)); first = line) {
    const CsvRow record{text.data(), spans.data(), spans.size() / 2};
    if (record.fields == 1 && record.cell(0).empty()) continue;  // a blank line
    document.clear();
    csv_document(rs, layout, record, document);
    row(document, first, std::string(record.cell(layout.id)));
  }
  return "";
}

PriorBatch read_prior_batch(const ast::Ruleset& rs, const std::string& path, const BatchColumns& columns) {
  PriorBatch out;
  out.file = path;
  out.fatal = for_each_document(rs, path, columns, [&](const std::string& document, std::size_t line, const std::string& id) {
    add_row(rs, document, line, id, out);
  });
  if (!out.fatal.empty()) out.fatal = std::string(tr("last year's batch: ")) + out.fatal;
  return out;
}

const PriorRow* find_prior(const PriorBatch& prior, const std::string& id, const std::string& name) {
  if (!id.empty() && !prior.by_id.empty()) {  // a last year's batch without ids is matched by name
    const auto it = prior.by_id.find(id);
    return it == prior.by_id.end() ? nullptr : &it->second;
  }
  const auto it = prior.by_name.find(name);
  return it == prior.by_name.end() ? nullptr : &it->second;
}

}  // namespace rubric::batch
