// marp-cli's own command line (what its bin/marp-cli.js runs), started before its markdown exists:
// node loads and compiles marp-cli while lecturedeck is still planning and writing the markdown.
// usage: node early.cjs MARP_CLI_FOLDER ARGS.json   where ARGS.json, written (atomically) when the markdown
// is ready, is the list of marp-cli arguments. The exit code is marp-cli's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [folder, argsFile] = process.argv.slice(2);
require(path.join(folder, "lib", "patch.js")).patch();
const marp = require(path.join(folder, "lib", "marp-cli.js"));

function runWhenReady() {
  if (!fs.existsSync(argsFile)) {
    setTimeout(runWhenReady, 5);
    return;
  }
  const args = JSON.parse(fs.readFileSync(argsFile, "utf8"));
  marp.cliInterface(args).then((exitCode) => process.on("exit", () => process.exit(exitCode)));
}
runWhenReady();
