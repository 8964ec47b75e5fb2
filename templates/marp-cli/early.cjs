// marp-cli's own command line (what its bin/marp-cli.js runs), started before its markdown exists:
// node loads and compiles marp-cli while lecturedeck is still planning and writing the markdown (or, in
// `deck serve`, while nothing is saved). usage: node early.cjs MARP_CLI_FOLDER ARGS.json   where ARGS.json,
// written atomically when the markdown is ready, is the list of marp-cli arguments. The exit code is marp-cli's.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [folder, argsFile] = process.argv.slice(2);
require(path.join(folder, "lib", "patch.js")).patch();
const marp = require(path.join(folder, "lib", "marp-cli.js"));

let started = false;
function runWhenReady() {
  if (started || !fs.existsSync(argsFile)) return;
  started = true;
  watcher.close();
  clearInterval(poll);
  const args = JSON.parse(fs.readFileSync(argsFile, "utf8"));
  marp.cliInterface(args).then((exitCode) => process.on("exit", () => process.exit(exitCode)));
}
const watcher = fs.watch(path.dirname(argsFile), runWhenReady); // the rename that writes ARGS.json
const poll = setInterval(runWhenReady, 250); // in case a watch event is missed
runWhenReady();
