// V8's compiled code of the CommonJS modules node loads, kept in one file between runs, so that a later run
// deserialises marp-cli's ~700 modules instead of compiling them again (Node 22's module.enableCompileCache
// does the same; this works from Node 18 on).
//
// The file, CACHE_FOLDER/<node version>-<arch>.bin, holds for each module's path a digest of its source and V8's
// code cache for it; a module whose source changed is compiled again, and V8 itself refuses data made by
// another V8 or with other flags. Modules compiled in this run are added when the process exits (the entries of
// files that no longer exist dropped), the file replaced in one rename. A module whose source holds "import(" is
// compiled as usual: code V8 restores from a cache loses the callback node gives dynamic import()
// (nodejs/node#43663, v8-compile-cache#30), so it is never cached.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const HEADER = 4; // bytes: the length of the JSON index that follows them, then the data it indexes

function readCache(file) {
  try {
    const data = fs.readFileSync(file);
    const length = data.readUInt32LE(0);
    const index = JSON.parse(data.subarray(HEADER, HEADER + length).toString("utf8"));
    const entries = new Map();
    for (const [filename, [digest, start, size]] of Object.entries(index)) {
      entries.set(filename, { digest, data: data.subarray(HEADER + length + start, HEADER + length + start + size) });
    }
    return entries;
  } catch {
    return new Map(); // none yet, or unreadable: every module is compiled, and the file made anew
  }
}

function writeCache(file, entries) {
  const index = {};
  const chunks = [];
  let offset = 0;
  for (const [filename, { digest, data }] of entries) {
    index[filename] = [digest, offset, data.length];
    chunks.push(data);
    offset += data.length;
  }
  const json = Buffer.from(JSON.stringify(index), "utf8");
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(json.length, 0);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([header, json, ...chunks]));
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // a cache only: a folder that cannot be written (or made) costs speed, never the output
    }
  }
}

function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function useCompileCache(folder) {
  const file = path.join(folder, `${process.version}-${process.arch}.bin`);
  const entries = readCache(file);
  const compiled = []; // [filename, digest, script] of the modules not found in the cache
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileCached(content, filename) {
    if (typeof content !== "string" || !path.isAbsolute(filename) || content.includes("import(")) {
      return compile.call(this, content, filename);
    }
    const digest = crypto.createHash("sha256").update(content).digest("hex");
    const entry = entries.get(filename);
    const cachedData = entry && entry.digest === digest ? entry.data : undefined;
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) compiled.push([filename, digest, script]);
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.on("exit", () => {
    if (compiled.length === 0) return;
    for (const [filename, digest, script] of compiled) entries.set(filename, { digest, data: script.createCachedData() });
    for (const filename of [...entries.keys()]) if (!fs.existsSync(filename)) entries.delete(filename);
    writeCache(file, entries);
  });
}

module.exports = { useCompileCache };
