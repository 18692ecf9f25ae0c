// The UI drive: code-server with the installed VSIX, headless Chromium driven by Playwright, the way a user
// works: open the Dockerfile, see the squiggle, Ctrl+. and pick the fix, see the squiggle go, hover a finding
// and read it, refine it from the command palette (Escape on the diff preview, then Enter), run "Shipshape: Generate
// hardened Dockerfile" from the command palette. Every step leaves a screenshot in results/e2e/.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { enableWorkspaceTrust, startCodeServer, workbenchUrl, type RunDir } from "./codeServer";
import { RESULTS } from "./paths";
import type { Outcome } from "./report";
import { log } from "./util";

export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** The few DOM members the page functions use (the project compiles without the DOM lib). */
export interface DomElement {
  textContent: string | null;
  style: { top: string };
  parentElement: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

/** Visible editor lines in order (`.view-line` nodes are recycled out of order; spaces come back as nbsp). */
export async function editorLines(page: Page): Promise<{ text: string; top: number }[]> {
  return page
    .locator(".editor-instance .monaco-editor .view-lines")
    .first()
    .evaluate((el) =>
      [...(el as unknown as DomElement).querySelectorAll(".view-line")]
        .map((line) => ({ text: (line.textContent ?? "").replace(/\u00a0/g, " "), top: parseFloat(line.style.top) }))
        .sort((a, b) => a.top - b.top),
    );
}

/** CSS tops of the lines that carry a squiggle of the given severity. */
export async function squiggleTops(page: Page, severity: "warning" | "error" | "info"): Promise<number[]> {
  return page
    .locator(".editor-instance .monaco-editor .view-overlays")
    .first()
    .evaluate(
      (el, cls) =>
        [...(el as unknown as DomElement).querySelectorAll(`.squiggly-${cls}`)].map((s) => parseFloat(s.parentElement?.style.top ?? "NaN")),
      severity,
    );
}

export async function squiggleOnLine(page: Page, startsWith: string): Promise<boolean> {
  const line = (await editorLines(page)).find((l) => l.text.startsWith(startsWith));
  if (!line) return false;
  const tops = [...(await squiggleTops(page, "warning")), ...(await squiggleTops(page, "error"))];
  return tops.includes(line.top);
}

export async function pollUntil(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Quick Open / command palette: type into the box, wait for a matching row, accept it. */
export async function quickPick(page: Page, text: string, rowText: string | RegExp): Promise<void> {
  // `.quick-input-widget input` matches three inputs (a strict-mode error); input.input is the text box
  await page.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
  await page.keyboard.type(text);
  await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: rowText }).first().waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
}

export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

export interface Step {
  name: string;
  screenshot: string;
  body: (page: Page) => Promise<string | void>;
}

/**
 * `web`: the web-only VSIX (only the `browser` entry), so the extension runs in code-server's web-worker extension
 * host and its server in a web worker; the same steps up to the generator, refine included (the generator writes
 * through the desktop flow's dialogs), screenshots named `web-*.png`.
 */
export async function runUi(run: RunDir, variant: "desktop" | "web" = "desktop"): Promise<Outcome[]> {
  mkdirSync(RESULTS, { recursive: true });
  const server = await startCodeServer(run);
  log(`code-server listening at ${server.url}`);
  const { context, page } = await launchBrowser(join(run.dir, "browser"));
  page.setDefaultTimeout(20_000);
  const outcomes: Outcome[] = [];
  const steps: Step[] = [
    {
      name: "the workbench loads the fixture folder",
      screenshot: "01-workbench.png",
      body: async (p) => {
        await p.goto(workbenchUrl(server.url, run.workspace));
        await p.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ state: "visible", timeout: 60_000 });
      },
    },
    {
      name: "opening the Dockerfile shows a squiggle under MAINTAINER",
      screenshot: "02-squiggle.png",
      body: async (p) => {
        await p.keyboard.press("Control+P");
        await quickPick(p, "Dockerfile", "Dockerfile");
        await p.locator(".editor-instance .monaco-editor .view-lines").first().waitFor({ state: "visible" });
        await pollUntil("a squiggle on the MAINTAINER line", 60_000, () => squiggleOnLine(p, "MAINTAINER"));
      },
    },
    {
      name: "Ctrl+. on MAINTAINER opens the lightbulb menu with the LABEL fix",
      screenshot: "03-lightbulb.png",
      body: async (p) => {
        await goToLine(p, 2, 3);
        await p.keyboard.press("Control+.");
        const row = p.locator(".action-widget .monaco-list-row").filter({ hasText: /LABEL/ }).first();
        await row.waitFor({ state: "visible" });
        return oneLine(await p.locator(".action-widget").first().innerText());
      },
    },
    {
      name: "picking the fix rewrites the line and the squiggle goes",
      screenshot: "04-fixed.png",
      body: async (p) => {
        // the menu sits under a pointer-blocking overlay: choose with the keyboard, as a user at Ctrl+. would
        await pollUntil("the LABEL fix to be the focused menu entry", 5_000, async () => {
          const focused = p.locator(".action-widget .monaco-list-row.focused").first();
          if (/LABEL/.test((await focused.count()) ? await focused.innerText() : "")) return true;
          await p.keyboard.press("ArrowDown");
          return false;
        });
        await p.keyboard.press("Enter");
        await pollUntil("line 2 to read LABEL org.opencontainers.image.authors=…", 10_000, async () =>
          (await editorLines(p)).some((l) => l.text.startsWith('LABEL org.opencontainers.image.authors="Jane Doe')),
        );
        await pollUntil("the squiggle on the fixed line to go", 20_000, async () => !(await squiggleOnLine(p, "LABEL org.opencontainers")));
        await pollUntil("the FROM line to keep its squiggle (the server re-linted)", 20_000, () => squiggleOnLine(p, "FROM python:latest"));
      },
    },
    {
      name: "hovering the shell-form CMD finding shows the rule line (link, why, fix)",
      screenshot: "05-hover.png",
      body: async (p) => {
        await goToLine(p, 6, 2);
        // editor.action.showHover: Ctrl+K Ctrl+I shows the hover at the cursor, like resting the mouse there
        await p.keyboard.press("Control+K");
        await p.keyboard.press("Control+I");
        // the problem part shows at once; the rule documentation comes from our hover provider a moment later
        const hover = p
          .locator(".monaco-hover:not(.hidden)")
          .filter({ hasText: "dockerfile/exec-form-cmd" })
          .filter({ hasText: /Quick fix|Fix:/ })
          .first();
        await hover.waitFor({ state: "visible" });
        const text = oneLine(await hover.innerText());
        return text;
      },
    },
    {
      name: '"Shipshape: Refine for a goal…" shows the change as a diff beside its question; Escape writes nothing',
      screenshot: "06a-refine-cancelled.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        await p.keyboard.press("Control+S"); // the fixed Dockerfile: what is on disk must stay so
        const onDisk = () => readFileSync(join(run.workspace, "Dockerfile"), "utf8");
        await pollUntil("the fixed Dockerfile to be saved", 10_000, async () => onDisk().includes("LABEL org.opencontainers"));
        const saved = onDisk();
        const question = await refineQuestion(p, "06a-refine-preview.png");
        await p.keyboard.press("Escape");
        await pollUntil("the refine diff to close", 10_000, async () => (await p.locator(".monaco-diff-editor:visible").count()) === 0);
        if (onDisk() !== saved) throw new Error("Escape changed the Dockerfile on disk");
        if ((await editorLines(p)).some((l) => l.text.includes("--no-cache-dir")))
          throw new Error("Escape changed the Dockerfile in the editor");
        return question;
      },
    },
    {
      name: '"Shipshape: Refine for a goal…": Enter applies the previewed change to the editor',
      screenshot: "06b-refine-applied.png",
      body: async (p) => {
        const question = await refineQuestion(p);
        await p.keyboard.press("Enter");
        await pollUntil("the refined RUN line in the editor", 10_000, async () =>
          (await editorLines(p)).some((l) => l.text.includes("pip install --no-cache-dir")),
        );
        return question;
      },
    },
    {
      name: 'the command palette runs "Shipshape: Generate hardened Dockerfile"',
      screenshot: "07-generated.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        await p.keyboard.press("Control+S"); // the fixed Dockerfile; the generator then proposes to replace it
        await p.keyboard.press("F1");
        await quickPick(p, "Shipshape: Generate hardened Dockerfile", /Shipshape: Generate hardened Dockerfile/);
        return generatorFlow(p, run);
      },
    },
  ];
  if (variant === "web") {
    steps.splice(steps.findIndex((st) => st.screenshot === "07-generated.png"));
    for (const st of steps) st.screenshot = `web-${st.screenshot}`;
  }
  try {
    await runSteps(page, steps, outcomes, variant === "web" ? "web" : "ui");
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  return outcomes;
}

/** Runs the steps in order, one outcome and one screenshot each; after a failure the rest are reported as skipped. */
export async function runSteps(page: Page, steps: Step[], outcomes: Outcome[], prefix = "ui"): Promise<void> {
  let broken = false;
  for (const step of steps) {
    const name = `${prefix}: ${step.name}`;
    if (broken) {
      outcomes.push({ name, ok: false, detail: "skipped: an earlier UI step failed" });
      continue;
    }
    try {
      const detail = await step.body(page);
      outcomes.push({ name, ok: true, detail: detail ?? undefined });
      log(`ok   ${name}${detail ? `: ${detail.slice(0, 160)}` : ""}`);
    } catch (err) {
      broken = true;
      outcomes.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
      log(`FAIL ${name}`);
    }
    await page.screenshot({ path: join(RESULTS, step.screenshot) }).catch(() => undefined);
  }
}

/**
 * Restricted Mode: with workspace trust on, the fixture folder is opened and not trusted (the user answers
 * "No, I don't trust the authors"). Shipshape declares `capabilities.untrustedWorkspaces.supported`, so it
 * still lints: the Dockerfile gets its squiggle. An extension without the declaration stays disabled there.
 */
export async function runRestrictedUi(run: RunDir): Promise<Outcome[]> {
  mkdirSync(RESULTS, { recursive: true });
  enableWorkspaceTrust(run);
  const server = await startCodeServer(run, { workspaceTrust: true });
  log(`code-server (workspace trust on) listening at ${server.url}`);
  const { context, page } = await launchBrowser(join(run.dir, "browser"));
  page.setDefaultTimeout(20_000);
  const outcomes: Outcome[] = [];
  const steps: Step[] = [
    {
      name: "with workspace trust on, the folder is opened without trusting it and shows Restricted Mode",
      screenshot: "08-restricted-mode.png",
      body: async (p) => {
        await p.goto(workbenchUrl(server.url, run.workspace));
        const dontTrust = p
          .locator(".monaco-dialog-box .monaco-button")
          .filter({ hasText: /^No, I don.t trust the authors$/ })
          .first();
        await dontTrust.waitFor({ state: "visible", timeout: 60_000 });
        const question = oneLine(await p.locator(".monaco-dialog-box").first().innerText());
        await dontTrust.click();
        // VS Code's status bar says so for as long as the folder is not trusted
        await p
          .locator("#status\\.workspaceTrust, .statusbar-item")
          .filter({ hasText: /Restricted Mode/ })
          .first()
          .waitFor({ state: "visible", timeout: 30_000 });
        return question.slice(0, 120);
      },
    },
    {
      name: "in Restricted Mode Shipshape still lints: the Dockerfile gets its squiggle under MAINTAINER",
      screenshot: "09-restricted-squiggle.png",
      body: async (p) => {
        await p.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ state: "visible", timeout: 60_000 });
        await p.keyboard.press("Control+P");
        await quickPick(p, "Dockerfile", "Dockerfile");
        await p.locator(".editor-instance .monaco-editor .view-lines").first().waitFor({ state: "visible" });
        await pollUntil("a squiggle on the MAINTAINER line in Restricted Mode", 60_000, () => squiggleOnLine(p, "MAINTAINER"));
      },
    },
  ];
  try {
    await runSteps(page, steps, outcomes, "ui (Restricted Mode)");
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  return outcomes;
}

/**
 * Runs "Refine for a goal…" from the palette on the active Dockerfile, picks Smaller image, and waits for the diff and
 * the question beside it (Apply focused); returns the question's text.
 */
async function refineQuestion(page: Page, screenshot?: string): Promise<string> {
  await page.keyboard.press("F1");
  await quickPick(page, "Shipshape: Refine for a goal", /Shipshape: Refine for a goal/);
  await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: "Smaller image" }).first().waitFor({ state: "visible" });
  await page.keyboard.type("Smaller image");
  await page.keyboard.press("Enter");
  await page.locator(".monaco-diff-editor:visible").first().waitFor({ state: "visible" });
  const quickInput = page.locator(".quick-input-widget:visible").filter({ hasText: /refine Dockerfile/ });
  await quickInput.first().waitFor({ state: "visible" });
  const focused = page.locator(".quick-input-list .monaco-list-row.focused").first();
  await pollUntil(
    "Apply to be the focused answer",
    5_000,
    async () => (await focused.count()) > 0 && /^Apply/.test(oneLine(await focused.innerText())),
  );
  if (screenshot) await page.screenshot({ path: join(RESULTS, screenshot) });
  return oneLine(await quickInput.first().innerText()).slice(0, 160);
}

/**
 * After the palette entry the generator asks what it cannot infer (quick picks: take the default: the workspace
 * folder among its projects, slim, no extras), then, since the fixture already has a Dockerfile, shows the diff
 * and beside it the question (a quick pick, no modal dialog); answer Overwrite. Done when the
 * file on disk is the generated multi-stage build and the editor shows it.
 */
async function generatorFlow(page: Page, run: RunDir): Promise<string> {
  const dockerfile = join(run.workspace, "Dockerfile");
  const before = readFileSync(dockerfile, "utf8");
  const answered: string[] = [];
  const quickInput = page.locator(".quick-input-widget:visible");
  const dialog = page.locator(".monaco-dialog-box:visible");
  const generated = () => {
    const now = readFileSync(dockerfile, "utf8");
    return now !== before && /^FROM \S+ AS /m.test(now);
  };
  // the text of the open question, or undefined when none is open (also when it closes while being read)
  const questionNow = async (): Promise<string | undefined> =>
    (await quickInput.count())
      ? quickInput
          .first()
          .innerText({ timeout: 1_000 })
          .catch(() => undefined)
      : undefined;
  const deadline = Date.now() + 60_000;
  while (!generated()) {
    if (Date.now() > deadline)
      throw new Error(`no generated Dockerfile on disk after 60 s; answered: ${answered.join(" | ") || "nothing"}`);
    // the question can close between count() and innerText() (answered, or one question giving way to the next):
    // read it with a short timeout and go round the loop again, so a file written meanwhile is seen
    const questionText = await questionNow();
    if (questionText !== undefined) {
      const question = oneLine(questionText);
      if (/already exists and differs/.test(question)) {
        // the overwrite question: a quick pick beside the diff, Keep focused by default; answer Overwrite
        answered.push(`confirm: ${question.slice(0, 90)}`);
        await page.screenshot({ path: join(RESULTS, "06-generate-confirm.png") });
        await page.keyboard.type("Overwrite");
        await pollUntil("the Overwrite answer to be focused", 5_000, async () => {
          const focused = page.locator(".quick-input-list .monaco-list-row.focused").first();
          return (await focused.count()) > 0 && /^Overwrite/.test(oneLine(await focused.innerText()));
        });
        await page.keyboard.press("Enter");
        await pollUntil("the overwrite question to close", 5_000, async () => {
          const now = await questionNow();
          return now === undefined || !/already exists and differs/.test(oneLine(now));
        });
        continue;
      }
      answered.push(`pick: ${question.slice(0, 90)}`);
      await page.keyboard.press("Enter"); // the default answer
      await pollUntil(`the quick pick "${question.slice(0, 40)}" to close or change`, 5_000, async () =>
        questionNow().then((now) => now === undefined || oneLine(now) !== question),
      );
      continue;
    }
    const dialogText = (await dialog.count())
      ? await dialog
          .first()
          .innerText({ timeout: 1_000 })
          .catch(() => undefined)
      : undefined;
    if (dialogText !== undefined) {
      const text = oneLine(dialogText);
      throw new Error(`a modal dialog blocks the diff: ${text.slice(0, 120)}; answered: ${answered.join(" | ")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await pollUntil("the editor to show the generated Dockerfile", 20_000, async () =>
    (await editorLines(page)).some((l) => /^FROM \S+ AS /.test(l.text)),
  );
  // the generated Dockerfile shows no problems: the status bar counts drop to zero and the explorer's
  // problem badge on Dockerfile goes (hints are not counted there, as in the Problems view)
  const problems = page.locator("#status\\.problems");
  await pollUntil(
    "the status bar to count no errors and no warnings",
    20_000,
    async () => ((await problems.count()) ? await problems.first().innerText() : "x").match(/\d+/g)?.every((n) => n === "0") ?? false,
  );
  const row = page
    .locator(".explorer-folders-view .monaco-list-row")
    .filter({ hasText: /^Dockerfile/ })
    .first();
  await pollUntil("the explorer's problem badge on Dockerfile to go", 20_000, async () => !/\d/.test(oneLine(await row.innerText())));
  if (!answered.some((a) => a.startsWith("confirm:")))
    throw new Error(`the existing Dockerfile was replaced without a confirmation; answered: ${answered.join(" | ")}`);
  return answered.join(" | ");
}
