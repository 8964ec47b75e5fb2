// marp-cli's own command line (what its bin/marp-cli.js runs), started before its markdown exists:
// node loads and compiles marp-cli while lecturedeck is still planning and writing the markdown (or, in
// `deck serve`, while nothing is saved).
//   usage: node early.cjs MARP_CLI_FOLDER ARGS.json ENGINE_OPTIONS_JSON [COMPILE_CACHE_FOLDER]
// ARGS.json, written atomically when the markdown is ready, is the list of marp-cli arguments;
// ENGINE_OPTIONS_JSON the engine options its config file will give. The exit code is marp-cli's.
//
// While it waits it warms marp-cli up: throw-away renders with marp-core (the copy marp-cli itself requires)
// load what marp-cli would load lazily during the conversion (marp-core, Marpit, postcss, MathJax: about
// 490 modules) and compile their code paths. The warm-up goes step by step and gives way as soon as the
// arguments are there: it never delays a conversion by more than one step. The conversion's output is
// unchanged. It never highlights code: lecturedeck writes its listings already highlighted
// (kinds/code/tokens), so marp-core never loads highlight.js's ~190 languages for a lecturedeck deck.
//
// COMPILE_CACHE_FOLDER keeps V8's compiled code of the modules node loads and where their require()s led
// (compile_cache.cjs), so later runs skip compiling and looking them up.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const [folder, argsFile, engineOptions, compileCache] = process.argv.slice(2);
// FOLDER is node_modules/@marp-team/marp-cli: the install whose lookups the cache may keep
if (compileCache) require("./compile_cache.cjs").useCompileCache(compileCache, path.resolve(folder, "..", ".."));
require(path.join(folder, "lib", "patch.js")).patch();
const marp = require(path.join(folder, "lib", "marp-cli.js"));

// what a lecturedeck slide holds: directives, a scoped style, HTML, a table, a list and notes; then inline and
// display math. In a theme of one rule: Marpit runs each render's theme through postcss, and packing
// marp-core's default theme (which no lecturedeck deck uses) would cost more than the rest of the warm-up.
const THEME = "/* @theme lecturedeck-warm-up */\nsection { width: 1280px; height: 720px; }\n";
const FRONT = "---\nmarp: true\ntheme: lecturedeck-warm-up\n---\n\n";
const SLIDE =
  FRONT +
  "<!-- _class: laid -->\n<style scoped>h1{left:1px} .f1 :is(p){color:#000}</style>\n" +
  "# Title\n\n<b>bold</b> **b** `c`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- item\n\n<!-- note -->\n";
const INLINE_MATH = FRONT + "# Title $x^2$\n";
const DISPLAY_MATH = FRONT + "$$\\sum_{i=1}^{n} \\frac{a_i}{b}$$\n";

let engine;
const core = require.resolve("@marp-team/marp-core", { paths: [folder] });
const WARM_UP = [
  () => {
    const { Marp } = require(core);
    engine = new Marp(JSON.parse(engineOptions));
    engine.themeSet.add(THEME);
  },
  // as marp-cli resolves its engine: node scans marp-core's 1 MB for its exports once, for both
  () => import(pathToFileURL(core).href).catch(() => {}),
  () => engine.render(SLIDE),
  () => engine.render(INLINE_MATH),
  () => engine.render(DISPLAY_MATH),
];

function warmUp(step) {
  if (started || step >= WARM_UP.length) return;
  try {
    WARM_UP[step]();
  } catch {
    return; // only a head start: the conversion loads what it needs itself
  }
  runWhenReady();
  setImmediate(warmUp, step + 1); // lets the watcher's event through between steps
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
warmUp(0);
