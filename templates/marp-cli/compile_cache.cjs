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
//
// The same file keeps where each require() led: node looks every one up through the file system (~1,100
// lookups, about 50 ms of marp-cli's start). Those answers hold as long as the node_modules folder they came from
// is the same install: they are kept with the stamp (time and size) of its .package-lock.json, which npm writes
// on every install, and dropped when it changes. Without that file nothing is kept.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const HEADER = 4; // bytes: the length of the JSON index that follows them, then the data it indexes

// The file: HEADER bytes giving the length of a JSON index, the index, then the code caches it points into.
// Index: {modules: {path: [source digest, offset, size]}, resolved: {stamp, found: {"dir\0request": path}}}.
function readCache(file) {
  try {
    const data = fs.readFileSync(file);
    const length = data.readUInt32LE(0);
    const index = JSON.parse(data.subarray(HEADER, HEADER + length).toString("utf8"));
    const entries = new Map();
    for (const [filename, [digest, start, size]] of Object.entries(index.modules)) {
      entries.set(filename, { digest, data: data.subarray(HEADER + length + start, HEADER + length + start + size) });
    }
    return { entries, resolved: index.resolved };
  } catch {
    // none yet, or unreadable: every module is compiled and looked up, and the file made anew
    return { entries: new Map(), resolved: undefined };
  }
}

function writeCache(file, entries, resolved) {
  const modules = {};
  const chunks = [];
  let offset = 0;
  for (const [filename, { digest, data }] of entries) {
    modules[filename] = [digest, offset, data.length];
    chunks.push(data);
    offset += data.length;
  }
  const json = Buffer.from(JSON.stringify({ modules, resolved }), "utf8");
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

// The stamp of the install in node_modules folder `modules` (undefined when npm's own lockfile is not there).
function installStamp(modules) {
  try {
    const stat = fs.statSync(path.join(modules, ".package-lock.json"));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

// require() answered from `found` ("dir\0request" → path) when it was looked up before; `added` says whether
// this run found anything new. Only plain require()s from a module file are kept: require.resolve with
// options, or the main module, are looked up as usual.
function useResolved(found) {
  const resolve = Module._resolveFilename;
  let added = false;
  Module._resolveFilename = function resolveKept(request, parent, isMain, options) {
    if (isMain || options !== undefined || !parent || typeof parent.filename !== "string") {
      return resolve.call(this, request, parent, isMain, options);
    }
    const key = `${path.dirname(parent.filename)}\0${request}`;
    const kept = found[key];
    if (kept !== undefined) return kept;
    const filename = resolve.call(this, request, parent, isMain, options);
    if (path.isAbsolute(filename)) {
      found[key] = filename;
      added = true;
    }
    return filename;
  };
  return () => added;
}

function useCompileCache(folder, modules) {
  const file = path.join(folder, `${process.version}-${process.arch}.bin`);
  const { entries, resolved } = readCache(file);
  const stamp = modules === undefined ? undefined : installStamp(modules);
  const found = stamp !== undefined && resolved?.stamp === stamp ? resolved.found : {};
  const foundMore = stamp === undefined ? () => false : useResolved(found);
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
    if (compiled.length === 0 && !foundMore()) return;
    for (const [filename, digest, script] of compiled) entries.set(filename, { digest, data: script.createCachedData() });
    for (const filename of [...entries.keys()]) if (!fs.existsSync(filename)) entries.delete(filename);
    writeCache(file, entries, stamp === undefined ? undefined : { stamp, found });
  });
}

module.exports = { useCompileCache };
