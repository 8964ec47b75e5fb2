// Write every markmap page of a build in ONE Node process (markmap-cli takes one input per call).
// usage: node pages.mjs JOBS.json MARKMAP_CLI_URL   where JOBS.json is [{"content": markdown, "output": path}, ...]
// and MARKMAP_CLI_URL is the file: URL of the pinned markmap-cli's module (wherever it is installed).
// --offline: d3, markmap-view and the toolbar are inlined from node_modules; nothing is fetched.
import { readFile } from "node:fs/promises";

const { createMarkmap } = await import(process.argv[3]);
const jobs = JSON.parse(await readFile(process.argv[2], "utf8"));
for (const job of jobs) {
  await createMarkmap({ content: job.content, output: job.output, open: false, toolbar: true, offline: true });
}
