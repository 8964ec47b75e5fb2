// marp-cli's own command line (what its bin/marp-cli.js runs), started before its markdown exists:
// node loads and compiles marp-cli while lecturedeck is still planning and writing the markdown (or, in
// `deck serve`, while nothing is saved). usage: node early.cjs MARP_CLI_FOLDER ARGS.json ENGINE_OPTIONS_JSON
// where ARGS.json, written atomically when the markdown is ready, is the list of marp-cli arguments, and
// ENGINE_OPTIONS_JSON the engine options its config file will give. The exit code is marp-cli's.
//
// While it waits it also warms marp-cli up: one throw-away render with marp-core (the copy marp-cli itself
// requires) loads what marp-cli would load lazily during the conversion (marp-core, Marpit, postcss, MathJax,
// highlight.js: about 460 modules) and compiles their code paths. The conversion's output is unchanged.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [folder, argsFile, engineOptions] = process.argv.slice(2);
require(path.join(folder, "lib", "patch.js")).patch();
const marp = require(path.join(folder, "lib", "marp-cli.js"));

// what a lecturedeck slide holds: directives, a scoped style, inline and display math, code, HTML, a table
const WARM_UP = [
  "---\nmarp: true\n---\n\n<!-- _class: laid -->\n<style scoped>h1{left:1px} .f1 :is(p){color:#000}</style>\n",
  "# Title $x^2$\n\n$$\\sum_{i=1}^{n} \\frac{a_i}{b}$$\n\n```python\nx = 1\n```\n\n<b>bold</b> **b** `c`\n\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n\n- item\n\n<!-- note -->\n",
].join("");

function warmUp() {
  try {
    const { Marp } = require(require.resolve("@marp-team/marp-core", { paths: [folder] }));
    new Marp(JSON.parse(engineOptions)).render(WARM_UP);
  } catch {
    // only a head start: the conversion loads what it needs itself
  }
}

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
if (!started) warmUp();
