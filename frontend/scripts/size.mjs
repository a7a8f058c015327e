// Prints the gzip size of what the first page loads: every script and stylesheet that
// dist/index.html references, plus the JS they import statically (dynamic imports are left out).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = Number(process.env.SIZE_BUDGET_KB ?? 200);
const dist = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..", "dist");
const indexPath = path.join(dist, "index.html");
if (!existsSync(indexPath)) {
  console.error("dist/index.html is missing: run `npm run build` first.");
  process.exit(1);
}

const html = readFileSync(indexPath, "utf8");
const queue = [];
for (const match of html.matchAll(/<(script|link)\b[^>]*>/g)) {
  const tag = match[0];
  const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
  if (!url || /^(https?:)?\/\//.test(url)) continue;
  if (match[1] === "link" && !/rel="(stylesheet|modulepreload)"/.test(tag)) continue;
  queue.push(path.join(dist, url.replace(/^\//, "")));
}

const staticImport = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
const seen = new Map();
while (queue.length > 0) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  const content = readFileSync(file);
  seen.set(file, { raw: content.length, gzip: gzipSync(content, { level: 9 }).length });
  if (file.endsWith(".js")) {
    for (const m of content.toString("utf8").matchAll(staticImport)) {
      if (m[1].startsWith(".")) queue.push(path.resolve(path.dirname(file), m[1]));
    }
  }
}

let raw = 0;
let gzip = 0;
for (const [file, size] of seen) {
  raw += size.raw;
  gzip += size.gzip;
  console.log(`${path.relative(dist, file).padEnd(40)} ${(size.raw / 1024).toFixed(1).padStart(8)} KB  ${(size.gzip / 1024).toFixed(1).padStart(7)} KB gzip`);
}
const totalKb = gzip / 1024;
console.log(`First load: ${seen.size} files, ${(raw / 1024).toFixed(1)} KB, ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB gzip.`);
  process.exit(1);
}
