// The generated client types must match ../openapi/openapi.json: regenerate to a temporary file
// and compare. If this fails, run `npm run generate` and commit src/api/schema.d.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

describe("generated API types", () => {
  it("are up to date with openapi/openapi.json", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mentorhub-schema-"));
    try {
      const fresh = path.join(dir, "schema.d.ts");
      execFileSync(
        process.execPath,
        [path.join(root, "node_modules/openapi-typescript/bin/cli.js"), path.join(root, "../openapi/openapi.json"), "-o", fresh],
        { cwd: root, stdio: "pipe" },
      );
      const committed = readFileSync(path.join(root, "src/api/schema.d.ts"), "utf8");
      const expected = readFileSync(fresh, "utf8");
      expect(committed === expected, "src/api/schema.d.ts is stale: run `npm run generate`").toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
