// Checks of indicators that may not apply (`applies when C otherwise full|shared`) and of shared
// sections (`section … points 40 shared at least 1`, 可选项): an indicator that may not apply says
// what its points become, `otherwise shared` has a section to share in and `otherwise full` is
// not written where the section shares, and a shared section holds only indicators with points,
// at least as many as must apply. See docs/language.md, "Indicators that do not apply".
#include <fmt/format.h>

#include <set>

#include "interpreter/check/checker_internal.hpp"
#include "base/messages.hpp"

namespace rubric::checking {

void Checker::shares(const std::vector<ast::Item>& children, const ast::Section* section) {
  using Otherwise = ast::Indicator::Otherwise;
  const bool shared = section != nullptr && section->shared;
  std::set<std::uint32_t> groups;  // a 'choose' group is one row of a shared section
  std::uint32_t rows = 0;
  for (const ast::Item& item : children) {
    if (const auto* s = std::get_if<std::unique_ptr<ast::Section>>(&item); s != nullptr && shared) {
      error("E0420", (*s)->name_span,
            tr_format("section '{}' is inside the shared section '{}': a shared section's points are shared "
                        "among indicators only",
                        (*s)->name, section->name))
          .help = std::string(tr("write its indicators directly in the shared section, or make the outer section not shared"));
    }
    const auto* i = std::get_if<std::unique_ptr<ast::Indicator>>(&item);
    if (i == nullptr) continue;
    const ast::Indicator& ind = **i;
    if (ind.choice.empty() || groups.insert(ind.choice_group).second) ++rows;
    if (shared && ind.points.range) {
      error("E0420", ind.points.span,
            tr_format("indicator '{}' has a signed range of points in the shared section '{}': a share needs "
                        "points from 0",
                        ind.name, section->name));
    }
    if (!ind.applies) continue;
    if (ind.otherwise == Otherwise::Unsaid && !shared) {
      error("E0418", ind.applies_span,
            tr_format("'applies when' does not say what the points of '{}' become when it does not apply", ind.name))
          .help = std::string(tr("end it with 'otherwise full' (scored its full points) or 'otherwise shared' (its points go to the "
                  "indicators of its section that apply, in proportion to theirs)"));
    } else if (ind.otherwise == Otherwise::Shared && (section == nullptr || section->extra)) {
      error("E0419", ind.applies_span,
            section == nullptr
                ? tr_format("'otherwise shared': '{}' is at the top level, where there is no section to share "
                              "its points in",
                              ind.name)
                : tr_format("'otherwise shared': '{}' is in the extra section '{}', whose points are a limit, "
                              "not a sum to share",
                              ind.name, section->name))
          .help = std::string(tr("write 'otherwise full', or move the indicator into a section of the total"));
    } else if (ind.otherwise == Otherwise::Full && shared) {
      error("E0419", ind.applies_span,
            tr_format("'otherwise full' in the shared section '{}': there, an indicator that does not apply "
                        "gives its points to those that do",
                        section->name))
          .help = std::string(tr("remove 'otherwise full', or make the section not shared"));
    }
  }
  if (!shared) return;
  if (section->extra) {
    error("E0420", section->shared_span,
          tr_format("the extra section '{}' is shared: an extra section's points are a limit on its parts' sum, "
                      "not points to share",
                      section->name));
  }
  if (section->points.range) {
    error("E0420", section->points.span,
          tr_format("the shared section '{}' has a signed range of points: only points from 0 can be shared",
                      section->name));
  }
  if (section->at_least < 1 || section->at_least > rows) {
    error("E0420", section->shared_span,
          section->at_least < 1
              ? tr_format("'shared at least 0': at least one indicator of '{}' must apply, or its points would "
                            "have nowhere to go",
                            section->name)
              : tr_format("'shared at least {}', but '{}' has {} indicator{}: no department could be scored",
                            section->at_least, section->name, rows, rows == 1 ? "" : "s"))
        .help = std::string(tr("write how many of its indicators must apply, from 1 to the number of its indicators"));
  }
}

}  // namespace rubric::checking
