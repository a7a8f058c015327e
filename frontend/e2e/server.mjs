// Starts a throw-away MentorHub for the browser tests: a fresh SQLite database with the demo
// data, serving the built app from dist/. Stops the server and removes the database on exit.
// Seeding and serving run on the tests' clock (../tests/clocked_mentorhub.py, with the offset
// E2E_CLOCK_OFFSET_MS that playwright.config.ts sets), so "today" is the same in every run.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.resolve(here, "..");
const bin = path.resolve(frontend, process.env.MENTORHUB_BIN ?? "../.venv/bin/mentorhub");
const port = process.env.E2E_PORT;
if (!port) throw new Error("E2E_PORT is not set");
if (!existsSync(bin)) {
  console.error(`mentorhub command not found at ${bin}; set MENTORHUB_BIN.`);
  process.exit(1);
}
// The Python beside the command (its virtual environment's) runs the command on the clock.
const python = path.join(path.dirname(bin), "python");
const clocked = path.resolve(frontend, "..", "tests", "clocked_mentorhub.py");
if (!existsSync(python)) {
  console.error(`no python beside ${bin} to run the mentorhub command on the tests' clock.`);
  process.exit(1);
}
if (!process.env.E2E_CLOCK_OFFSET_MS) throw new Error("E2E_CLOCK_OFFSET_MS is not set");

const dir = mkdtempSync(path.join(tmpdir(), "mentorhub-e2e-"));
const env = {
  ...process.env,
  MENTORHUB_DATABASE_URL: `sqlite:///${path.join(dir, "e2e.db")}`,
  MENTORHUB_SERVE_FRONTEND: "true",
  MENTORHUB_FRONTEND_DIST: path.join(frontend, "dist"),
  MENTORHUB_TOKEN_RATE_LIMIT_PER_ADDRESS: "1000/minute",
  MENTORHUB_TOKEN_RATE_LIMIT_PER_USERNAME: "1000/minute",
  MENTORHUB_LOG_LEVEL: "WARNING",
  // One process: the clock does not reach processes uvicorn would start for more workers.
  WEB_CONCURRENCY: "1",
};

const seeded = spawnSync(python, [clocked, "seed", "--demo"], { env, stdio: "inherit" });
if (seeded.status !== 0) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(seeded.status ?? 1);
}

const server = spawn(python, [clocked, "serve", "--host", "127.0.0.1", "--port", port], { env, stdio: "inherit" });
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  server.once("exit", () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  });
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(0));
server.on("exit", (code) => {
  if (!stopping) {
    rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? 1);
  }
});
