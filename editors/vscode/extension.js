// Starts `rubric lsp` (docs/editor.md) for .rubric files, over its standard input and output.
"use strict";

const path = require("path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

// The program of the setting rubric.path: a bare name is looked up in PATH, a relative path is
// taken from the first workspace folder.
function rubricProgram() {
  const configured = (vscode.workspace.getConfiguration("rubric").get("path") || "").trim() || "rubric";
  if (path.isAbsolute(configured) || !/[\\/]/.test(configured)) return configured;
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return folder ? path.join(folder.uri.fsPath, configured) : configured;
}

async function start() {
  const command = rubricProgram();
  // No `transport`: with TransportKind.stdio the client would add a --stdio argument.
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "rubric" },
      { scheme: "untitled", language: "rubric" },
    ],
  };
  client = new LanguageClient("rubric", "Rubric", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    vscode.window.showErrorMessage(
      `Rubric: could not start "${command} lsp" (${error && error.message ? error.message : error}). ` +
        "Set rubric.path to the rubric program.");
  }
}

async function stop() {
  if (!client) return;
  const running = client;
  client = undefined;
  await running.stop();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("rubric.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
