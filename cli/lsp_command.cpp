// rubric lsp: the language server for editors (docs/editor.md), on standard input and output.
#include <iostream>

#include "cli/command.hpp"
#include "rubric/studio.hpp"

namespace rubric::cli {

Command add_lsp(CLI::App& parent) {
  CLI::App* app = parent.add_subcommand(
      "lsp", std::string(tr("Speak the Language Server Protocol on standard input and output, for editors such as "
                            "VS Code, Neovim and Emacs: diagnostics as you type, hover, completion, go to definition, "
                            "the indicator tree, formatting and fixes (docs/editor.md)")));
  app->footer(std::string(tr("Exit codes: 0 after the editor's shutdown and exit; 1 when it exits or goes away without "
                             "shutting down.")));
  return {app, [] {
            std::ios::sync_with_stdio(false);
            return studio::serve_language(std::cin, std::cout);
          }};
}

}  // namespace rubric::cli
