// Headless Debian Chromium through playwright-core (no browser download: Playwright talks CDP to the system binary).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { capture } from "./util";

export function chromiumPath(): string {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      const path = capture("sh", ["-c", `command -v ${name}`]).trim();
      if (path) return path;
    } catch {
      // try the next name
    }
  }
  throw new Error("no Chromium found: apt-get install chromium, or set CHROMIUM to the browser binary");
}

/** A fresh browser profile under `dir`; Chromium's HOME and XDG folders go there too (it writes ~/.config/chromium otherwise). */
export async function launchBrowser(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(dir, { recursive: true });
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, ".config"), XDG_CACHE_HOME: join(dir, ".cache") },
    // no sandbox: needed as root and in most containers; the rest avoids pointless network calls
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
