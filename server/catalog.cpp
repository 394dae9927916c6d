// The years rubric serve scores: the rulesets of the scheme folders it was started with, each
// checked clean before the server answers anything, then those a bureau administrator published
// through the service, on this server or on any other that shares its database. Each is kept in
// the store with its hash, so that every stored score names the ruleset that produced it.
#include <algorithm>

#include "base/messages.hpp"
#include "interpreter/check/loader.hpp"
#include "interpreter/check/scheme.hpp"
#include "report/json.hpp"
#include "server/service.hpp"

namespace rubric::server {

std::optional<ServedYear> Catalog::find(int year) const {
  std::lock_guard lock(mutex_);
  for (const ServedYear& y : years_) {
    if (y.year == year) return y;
  }
  return std::nullopt;
}

std::vector<ServedYear> Catalog::years() const {
  std::lock_guard lock(mutex_);
  return years_;
}

void Catalog::serve(ServedYear year) {
  std::lock_guard lock(mutex_);
  all_[year.sha256] = year.ruleset;
  const auto same = std::find_if(years_.begin(), years_.end(), [&](const ServedYear& y) { return y.year == year.year; });
  if (same != years_.end()) {
    *same = std::move(year);
    return;
  }
  years_.push_back(std::move(year));
  std::sort(years_.begin(), years_.end(), [](const ServedYear& a, const ServedYear& b) { return a.year < b.year; });
}

std::string Catalog::refresh(Store& store) {
  std::lock_guard refreshing(refreshing_);
  // Rulesets are only ever added to the store: the same number of them is the same list.
  const std::vector<StoredRuleset> kept = store.rulesets(false);
  if (kept.size() == rulesets_seen_) return "";
  std::string problems;
  std::map<int, const StoredRuleset*> latest;  // year → the last published of it that loads
  for (const StoredRuleset& r : kept) {
    if (r.published_by.empty()) continue;
    if (by_sha256(r.sha256) == nullptr) {
      {
        std::lock_guard lock(mutex_);
        if (refused_.count(r.sha256) > 0) continue;
      }
      const std::optional<StoredRuleset> text = store.ruleset(r.sha256);
      LoadedRuleset loaded = load_ruleset_source(r.name + ".rubric", text ? text->source : "");
      std::lock_guard lock(mutex_);
      if (!loaded.ok()) {
        // Published by a newer rubric, say: this server serves what it had, and does not parse
        // the text again at every request.
        refused_.insert(r.sha256);
        problems += render(loaded.diagnostics, false);
        continue;
      }
      all_[r.sha256] = loaded.ruleset;
    }
    latest[r.year] = &r;
  }
  for (const auto& [year, r] : latest) {
    const std::optional<ServedYear> now = find(year);
    if (!now || now->sha256 != r->sha256) serve({year, r->scheme, by_sha256(r->sha256), r->sha256});
  }
  rulesets_seen_ = kept.size();
  return problems;
}

std::shared_ptr<const ast::Ruleset> Catalog::by_sha256(const std::string& sha256) const {
  std::lock_guard lock(mutex_);
  const auto it = all_.find(sha256);
  return it == all_.end() ? nullptr : it->second;
}

std::string load_catalog(const std::vector<std::string>& folders, Store& store, Catalog& catalog) {
  std::string problems;
  std::vector<std::pair<int, std::string>> served;  // year, scheme: from the folders
  for (const std::string& folder : folders) {
    Diagnostics diagnostics;
    const std::vector<SchemeRuleset> rulesets = list_scheme(folder, diagnostics);
    if (diagnostics.has_errors()) {
      problems += render(diagnostics, false);
      continue;
    }
    if (rulesets.empty()) {
      problems += tr_format("{}: no ruleset named YEAR.rubric in this folder\n", folder);
      continue;
    }
    for (const SchemeRuleset& r : rulesets) {
      LoadedRuleset loaded = load_ruleset(r.path);
      if (!loaded.ok()) {
        problems += render(loaded.diagnostics, false);
        continue;
      }
      const auto other = std::find_if(served.begin(), served.end(), [&](const auto& s) { return s.first == r.year; });
      if (other != served.end()) {
        problems += tr_format("{}: a ruleset for {} is served from the scheme {} already; each year has one\n", r.path,
                              r.year, other->second);
        continue;
      }
      served.emplace_back(r.year, r.scheme);
      const std::string sha256 = json::ruleset(*loaded.ruleset)["sha256"].get<std::string>();
      store.keep_ruleset({sha256, r.scheme, r.year, loaded.ruleset->name, loaded.ruleset->source->text(), timestamp_now(), ""});
      catalog.serve({r.year, r.scheme, loaded.ruleset, sha256});
    }
  }
  return problems + catalog.refresh(store);
  return problems;
}

}  // namespace rubric::server
