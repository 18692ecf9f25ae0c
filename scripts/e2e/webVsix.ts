// The web-only variant of the VSIX: the same files with `main` removed from package.json, so VS Code (and
// code-server) can only run its `browser` entry, in the web-worker extension host. Built from ./shipshape.vsix
// (the package step's output): unpacked, changed, packed again with vsce. `SHIPSHAPE_E2E_ONLY=web` runs it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths";
import { run } from "./util";

export function webOnlyVsix(vsix: string, out: string): void {
  const dir = mkdtempSync(join(tmpdir(), "shipshape-web-vsix-"));
  try {
    run("unzip", ["-q", vsix, "-d", dir]);
    const ext = join(dir, "extension");
    const pkgPath = join(ext, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Record<string, unknown>;
    if (typeof pkg.browser !== "string") throw new Error("shipshape.vsix has no browser entry");
    delete pkg.main;
    delete pkg.scripts; // vsce would run `vscode:prepublish`-style scripts; there are none to run here
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
    run(join(ROOT, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--out", out], {
      cwd: ext,
      stdio: "pipe",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
