// Starts switchboardd on free loopback ports with a temporary data directory and returns
// the base URL of each service from its `listening <services> <url>` lines.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export async function startDaemon(services = ["chat", "generic", "channels", "felix", "pop"]) {
  const binary = process.env.SWITCHBOARDD;
  const dataDir = mkdtempSync(join(tmpdir(), "sb-node-"));
  const args = ["--data-dir", dataDir, "--listen-address", "127.0.0.1"];
  for (const s of services) args.push("--port", `${s}=0`);
  const proc = spawn(binary, args, { stdio: ["ignore", "pipe", "inherit"] });
  const urls = await new Promise((resolve, reject) => {
    const found = {};
    const lines = createInterface({ input: proc.stdout });
    const timer = setTimeout(() => reject(new Error("switchboardd did not start")), 30000);
    lines.on("line", (line) => {
      const m = line.match(/^listening (\S+) (\S+)/);
      if (!m) return;
      for (const s of m[1].split(",")) found[s] = m[2];
      if (services.every((s) => found[s])) { clearTimeout(timer); resolve(found); }
    });
    proc.on("exit", (code) => reject(new Error("switchboardd exited with " + code)));
  });
  return {
    urls,
    dataDir,
    admin: (...a) => spawnSync(binary, ["--data-dir", dataDir, ...a], { encoding: "utf8" }),
    stop() { proc.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

export function checker() {
  let passed = 0, failed = 0;
  const check = (cond, what) => { console.log((cond ? "ok   " : "FAIL ") + what); cond ? passed++ : failed++; };
  const finish = () => { console.log(`${passed} checks passed, ${failed} failed`); process.exit(failed ? 1 : 0); };
  return { check, finish };
}
