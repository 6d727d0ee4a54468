// e2e: two people chat through the web chat page in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): register, log in, pick each other, send
// text and a file, and see each other's messages live. Screenshots go to $SB_ARTIFACTS.
import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const binary = process.env.SWITCHBOARDD;
const artifacts = process.env.SB_ARTIFACTS || tmpdir();
mkdirSync(artifacts, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), "sb-browser-"));
let passed = 0, failed = 0;
const check = (cond, what) => { console.log((cond ? "ok   " : "FAIL ") + what); cond ? passed++ : failed++; };

function startDaemon() {
  const proc = spawn(binary, ["--data-dir", dataDir, "--listen-address", "127.0.0.1", "--port", "chat=0", "--port", "generic=0", "--port", "channels=0", "--port", "felix=0", "--port", "pop=0"],
                     { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    const timer = setTimeout(() => reject(new Error("switchboardd did not start")), 30000);
    lines.on("line", (line) => {
      const m = line.match(/^listening \S*chat\S* (\S+)/);
      if (m) { clearTimeout(timer); resolve({ proc, base: m[1] }); }
    });
    proc.on("exit", (code) => reject(new Error("switchboardd exited with " + code)));
  });
}

const admin = (...args) => spawnSync(binary, ["--data-dir", dataDir, ...args], { encoding: "utf8" });

const { proc, base } = await startDaemon();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const people = [
    { email: "bob@lan.test", password: "secret-b" },
    { email: "alice@lan.test", password: "secret-a" },
    { email: "carol@lan.test", password: "secret-c" },
  ];
  for (const p of people) {
    p.context = await browser.newContext({ viewport: { width: 900, height: 640 } });
    p.page = await p.context.newPage();
    p.page.on("pageerror", (e) => check(false, `${p.email}: page error ${e.message}`));
    await p.page.goto(base + "/");
    await p.page.fill("#email", p.email);
    await p.page.fill("#password", p.password);
    await p.page.click("#register");
    await p.page.waitForSelector("#app", { state: "visible", timeout: 10000 });
    check(await p.page.textContent("#who") === p.email, `${p.email} registered and logged in through the page`);
  }
  const [bob, alice, carol] = people;
  for (const p of people) {
    const r = admin("user", "top-up", "--email", p.email, "--amount", "50");
    check(r.status === 0, `top up ${p.email}`);
  }
  // bob registered first, so he reloads to see the others in his member list (the token stays).
  await bob.page.reload();
  await bob.page.waitForSelector("#app", { state: "visible" });
  // Members are listed by name (the part of the email before '@'), not by address.
  await alice.page.click(`#members div:has(.name:text-is("${bob.email.split("@")[0]}"))`);
  await bob.page.click(`#members div:has(.name:text-is("${alice.email.split("@")[0]}"))`);

  await alice.page.fill("#text", "Hello Bob, it's Alice!");
  await alice.page.press("#text", "Enter");
  await bob.page.waitForSelector('.msg:has-text("Hello Bob, it\'s Alice!")', { timeout: 10000 });
  check(true, "bob sees alice's message live");
  check(await alice.page.locator(".msg.mine").count() === 1, "alice sees her own message, marked as hers");

  await bob.page.fill("#text", "Hi Alice 👋");
  await bob.page.click("#send");
  await alice.page.waitForSelector('.msg:has-text("Hi Alice 👋")', { timeout: 10000 });
  check(true, "alice sees bob's reply live");

  // A file: a 1x1 PNG through the page's file input (the seed's '!json#bytes' frame).
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  const pngPath = join(dataDir, "dot.png");
  writeFileSync(pngPath, png);
  await alice.page.setInputFiles("#file", pngPath);
  const link = await bob.page.waitForSelector('.msg a:has-text("dot.png")', { timeout: 10000 });
  const href = await link.getAttribute("href");
  const fetched = await fetch(href);
  check(fetched.status === 200 && Buffer.from(await fetched.arrayBuffer()).equals(png), "bob receives the file and can download it");
  await bob.page.waitForFunction(() => [...document.querySelectorAll(".msg img")].some((i) => i.complete && i.naturalWidth === 1));
  check(true, "the image shows inline");
  check(/coins/.test(await alice.page.textContent("#balance")), "alice's balance is shown");

  // carol writes to bob while his conversation with alice is open: carol's entry in his list
  // gets an unread count (read every 5 s); opening it reads it, here and on the server.
  await carol.page.click(`#members div:has(.name:text-is("bob"))`);
  await carol.page.fill("#text", "Psst, Bob");
  await carol.page.press("#text", "Enter");
  await carol.page.fill("#text", "are you there?");
  await carol.page.press("#text", "Enter");
  await carol.page.waitForFunction(() => document.querySelectorAll(".msg.mine").length === 2);
  const carolEntry = bob.page.locator('#members div:has(.name:text-is("carol"))');
  await carolEntry.locator('.badge:text-is("2")').waitFor({ timeout: 15000 });
  check(true, "bob sees 2 unread messages from carol while talking to alice");
  check(await bob.page.locator("#members .badge").count() === 1, "and none from alice, whose conversation is open");
  await bob.page.screenshot({ path: join(artifacts, "chat-bob-unread.png") });
  await carolEntry.click();
  await bob.page.waitForSelector('.msg:has-text("are you there?")', { timeout: 10000 });
  await bob.page.waitForTimeout(6000);  // the next poll, after the server marked the chat read
  const left = await bob.page.locator("#members div").evaluateAll((ds) => ds.map((d) => d.textContent).join(", "));
  check(await bob.page.locator("#members .badge").count() === 0, `opening carol's conversation read it (members: ${left})`);

  // The seed's own example page works from the same host.
  const example = await alice.context.newPage();
  await example.goto(base + "/examples/chat.html");
  check(await example.locator("h1").textContent() === "websocket chat", "the seed's example page is served");

  await alice.page.screenshot({ path: join(artifacts, "chat-alice.png") });
  await bob.page.screenshot({ path: join(artifacts, "chat-bob.png") });
  console.log("screenshots in " + artifacts);
} catch (e) {
  check(false, "browser flow: " + e.message);
} finally {
  await browser.close();
  proc.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`${passed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
