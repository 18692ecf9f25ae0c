// The editor experience in a real VS Code (issue "no surprises while typing"): typed with the keyboard through
// Playwright, the way a user works. Each step is independent (a failure does not skip the rest) and leaves a
// screenshot in results/e2e/ named `editor-*.png`.
//
// What it holds the extension to:
//   - typing: Enter at the end of a complete line inserts a newline; a typed value is never replaced by a
//     suggestion (`USER 10001`, `EXPOSE 8000`, `FROM python:3.12-slim`, compose `image: postgres:17`)
//   - hovers: a finding is one line (rule link, why, fix) and the whole hover stays short
//   - snippets: a documented prefix with a dash keeps the list open; no block snippets in value positions
//   - .dockerignore: its own language id, with diagnostics
//   - settings: an unknown rule id in .shipshape.json shows as a problem in that file as soon as it is opened
//   - generators: a workspace of several projects asks which one; Keep is the default answer to "overwrite?", the
//     diff stays open beside the question, Escape writes nothing at all; Add .dockerignore merges missing entries;
//     the Dagster generator refuses a project without Dagster
//   - the review report: a read-only Markdown preview with file:line links, no untitled document
//   - Fix all says what it did
//   - the status bar item: server state, and a menu with the log, the rules and the settings
//   - the walkthrough: its four steps, and a step's page
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { startCodeServer, workbenchUrl, type RunDir } from "./codeServer";
import { RESULTS } from "./paths";
import type { Outcome } from "./report";
import { editorLines, oneLine, pollUntil, quickPick, squiggleOnLine, squiggleTops, type Step } from "./ui";
import { log } from "./util";

/** Files this part writes into its copy of the workspace before code-server starts. */
const FILES: Record<string, string> = {
  // words an editor's word-based suggestions would offer while `slim` is typed
  "typing/Dockerfile": "# bases: python:3.12-slimline, slimmer\n",
  "typing/compose.yaml": "",
  "hover/Dockerfile": [
    "FROM python:3.12",
    "WORKDIR /app",
    "COPY . .",
    "RUN pip install -r requirements.txt",
    "CMD python -m http.server 8000",
    "",
  ].join("\n"),
  "hover/requirements.txt": "fastapi==0.115.0\n",
  "snippets/compose.yaml": [
    "services:",
    "  api:",
    "    image: nginx:1.27",
    "    depends_on:",
    "      - db",
    "  db:",
    "    image: postgres:17",
    "",
  ].join("\n"),
  "ignore/.dockerignore": ["node_modules", "node_modules", ".git", ""].join("\n"),
  "ignore/Dockerfile": ["FROM alpine:3.20", "COPY . /srv", 'CMD ["true"]', ""].join("\n"),
  "settings/.shipshape.json":
    JSON.stringify({ rules: { "dockerfile/no-such-rule": "warning", "dockerfile/pin-base-image": "loud" } }, null, 2) + "\n",
  "settings/Dockerfile": ["FROM alpine:3.20", 'CMD ["true"]', ""].join("\n"),
  "noise/.dockerignore": "node_modules\n",
  "fixall/compose.yml": [
    'version: "3.8"',
    "",
    "services:",
    "  web:",
    "    image: nginx:1.27",
    "    ports:",
    "      - 8080:80",
    "      - 8443:443",
    "",
  ].join("\n"),
  "noise/pyproject.toml": "[project]\nname = 'noise'\nversion = '0.1.0'\n",
  // a project with a Dockerfile and a .dockerignore of its own, for the generators' questions
  "gen/pyproject.toml": '[project]\nname = "gen"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.115"]\n',
  "gen/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
  "gen/Dockerfile": "FROM python:3.12\nCOPY . /app\n",
  "gen/.dockerignore": "node_modules\n.git\n",
  "report/compose.yml": ['version: "3.8"', "services:", "  web:", "    image: nginx:1.27", "    ports:", "      - 8080:80", ""].join("\n"),
  "noise/compose.yml": ["services:", "  pgadmin:", "    image: dpage/pgadmin4:8.10", "    restart: unless-stopped", ""].join("\n"),
};

export function writeEditorFixtures(workspace: string): void {
  for (const [name, text] of Object.entries(FILES)) {
    const path = join(workspace, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

async function openFile(page: Page, name: string): Promise<void> {
  const base = name.split("/").pop() as string;
  const folder = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : "";
  await page.keyboard.press("Escape");
  // open it in the first editor group: the helpers read the first editor
  await page.keyboard.press("Control+1");
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
  await page.keyboard.type(name);
  // recently opened files show first and the list filters as it catches up: Enter only on the focused row
  // that names both the file and its folder. The first file search of a new window indexes the workspace, which
  // took over 10 s on a loaded 2-core machine (the list stayed empty behind its progress bar): allow 30 s
  await pollUntil(`the focused Quick Open row to be ${name}`, 30_000, async () => {
    const focused = page.locator(".quick-input-list .monaco-list-row.focused").first();
    if (!(await focused.count())) return false;
    const text = await focused.innerText();
    return text.includes(base) && text.includes(folder);
  });
  await page.keyboard.press("Enter");
  await page.locator(".editor-instance .monaco-editor .view-lines").first().waitFor({ state: "visible" });
  await pollUntil(`the active tab to be ${name}`, 10_000, async () => {
    const tab = page.locator(".editor-group-container.active .tabs-container .tab.active").first();
    return (await tab.count()) > 0 && ((await tab.getAttribute("aria-label")) ?? (await tab.innerText())).includes(base);
  });
}

const suggestWidget = (page: Page) => page.locator(".editor-widget.suggest-widget.visible");

/**
 * Types a line the way a user does (a key at a time), in the worst rhythm: the first word, a pause long enough
 * for the suggestion list to open on it (`USER` → `USER daemon`), then the value, a pause, then Enter.
 */
async function typeLineAndEnter(page: Page, text: string, shots: string[], shot: string): Promise<string> {
  const space = text.indexOf(" ");
  const first = space > 0 ? text.slice(0, space) : text;
  await page.keyboard.type(first, { delay: 35 });
  await page.waitForTimeout(700);
  if (space > 0) await page.keyboard.type(text.slice(space), { delay: 35 });
  await page.waitForTimeout(900);
  const open = (await suggestWidget(page).count()) > 0;
  const rows = open ? oneLine(await suggestWidget(page).first().innerText()).slice(0, 120) : "";
  if (open) {
    await page.screenshot({ path: join(RESULTS, shot) });
    shots.push(shot);
  }
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  return open ? `${text} -> list open [${rows}]` : `${text} -> no list`;
}

/** Hovers the text at a line (1-based) and column with the keyboard (Ctrl+K Ctrl+I) and returns the hover's text. */
async function hoverAt(page: Page, line: number, column: number, mustContain: RegExp): Promise<string> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+K");
  await page.keyboard.press("Control+I");
  const hover = page.locator(".monaco-hover:not(.hidden)").filter({ hasText: mustContain }).first();
  await hover.waitFor({ state: "visible" });
  // our part arrives after the problem part: wait until the text stops growing
  let last = "";
  await pollUntil("the hover to settle", 5_000, async () => {
    const now = await hover.innerText();
    const same = now === last;
    last = now;
    return same;
  });
  return last;
}

/**
 * In the open quick pick: types `typed`, then accepts the row matching `row` (the focused one once the list has
 * settled, moving down to it when the best match is another row).
 */
async function chooseRow(page: Page, typed: string, row: RegExp): Promise<string> {
  await page.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
  if (typed) await page.keyboard.type(typed, { delay: 20 });
  let tries = 0;
  let seen = "";
  await pollUntil(`a quick pick row matching ${row}`, 10_000, async () => {
    const focused = page.locator(".quick-input-list .monaco-list-row.focused").first();
    seen = (await focused.count()) ? oneLine(await focused.innerText()) : "";
    if (row.test(seen)) return true;
    if (++tries % 5 === 0 && seen) await page.keyboard.press("ArrowDown");
    return false;
  });
  await page.keyboard.press("Enter");
  return seen;
}

/** The text of the quick pick's title bar (empty when it has none). */
async function quickPickTitle(page: Page): Promise<string> {
  const title = page.locator(".quick-input-widget .quick-input-title");
  return (await title.count()) ? oneLine(await title.first().innerText()) : "";
}

/** Runs a command from the palette (F1) by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("F1");
  await quickPick(page, title, new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}

/** Waits for a notification toast whose text matches, and returns it. */
async function toast(page: Page, text: RegExp, timeoutMs = 20_000): Promise<string> {
  const t = page.locator(".notifications-toasts .notification-toast").filter({ hasText: text }).first();
  await t.waitFor({ state: "visible", timeout: timeoutMs });
  return oneLine(await t.innerText());
}

/** The text of the Shipshape output channel's log file under a run's user-data folder (bounded walk). */
function findLog(dir: string, depth = 0): string {
  if (depth > 8) return "";
  let out = "";
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== "browser" && e.name !== "workspace" && e.name !== "extensions") out += findLog(p, depth + 1);
    else if (e.isFile() && /Shipshape\.log$/.test(e.name)) out += readFileSync(p, "utf8");
  }
  return out;
}

/** The Problems view's rows for the active file (Ctrl+Shift+M), as text. */
async function problemRows(page: Page): Promise<string[]> {
  const rows = page.locator(".markers-panel .monaco-list-row");
  return (await rows.allInnerTexts()).map(oneLine);
}

export function editorSteps(run: RunDir): Step[] {
  const disk = (name: string) => readFileSync(join(run.workspace, name), "utf8");
  /** Every file below a folder of the workspace with its text: what "nothing written" is checked against. */
  const snapshot = (folder: string): string => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(run.workspace, rel), { withFileTypes: true })) {
        const r = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(r);
        else out.push(`${r}\n${disk(r)}`);
      }
    };
    walk(folder);
    return out.sort().join("\n---\n");
  };
  return [
    {
      name: "item 1: typing a Dockerfile, Enter after a complete line inserts a newline and keeps the typed value",
      screenshot: "editor-01-typing-dockerfile.png",
      body: async (p) => {
        await openFile(p, "typing/Dockerfile");
        await p.keyboard.press("Control+End");
        const notes: string[] = [];
        const shots: string[] = [];
        for (const [i, line] of ["FROM python:3.12-slim", "USER 10001", "EXPOSE 8000"].entries()) {
          notes.push(await typeLineAndEnter(p, line, shots, `editor-01-typing-dockerfile-list-${i}.png`));
        }
        await p.keyboard.press("Control+S");
        await pollUntil("typing/Dockerfile to be saved", 10_000, async () => disk("typing/Dockerfile").includes("EXPOSE"));
        const text = disk("typing/Dockerfile");
        const expected = "# bases: python:3.12-slimline, slimmer\nFROM python:3.12-slim\nUSER 10001\nEXPOSE 8000\n";
        if (text !== expected)
          throw new Error(`typed ${JSON.stringify(expected)} but the file holds ${JSON.stringify(text)}; ${notes.join("; ")}`);
        return notes.join("; ");
      },
    },
    {
      name: "item 1: typing a compose file, Enter after a value keeps it (image: postgres:17, restart: unless-stopped)",
      screenshot: "editor-02-typing-compose.png",
      body: async (p) => {
        await openFile(p, "typing/compose.yaml");
        const notes: string[] = [];
        const shots: string[] = [];
        for (const [i, line] of ["services:", "db:", "image: postgres:17", "restart: unless-stopped"].entries()) {
          notes.push(await typeLineAndEnter(p, line, shots, `editor-02-typing-compose-list-${i}.png`));
        }
        await p.keyboard.press("Control+S");
        await pollUntil("typing/compose.yaml to be saved", 10_000, async () => disk("typing/compose.yaml").includes("restart"));
        const got = disk("typing/compose.yaml")
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        const want = ["services:", "db:", "image: postgres:17", "restart: unless-stopped"];
        if (JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(`typed ${JSON.stringify(want)}, file holds ${JSON.stringify(got)}; ${notes.join("; ")}`);
        return notes.join("; ");
      },
    },
    {
      name: "item 3: the hover over a FROM with several findings is one line per finding and short",
      screenshot: "editor-03-hover-from.png",
      body: async (p) => {
        await openFile(p, "hover/Dockerfile");
        await pollUntil("a squiggle on the FROM line", 60_000, () => squiggleOnLine(p, "FROM python:3.12"));
        const text = await hoverAt(p, 1, 3, /dockerfile\//);
        const findingLines = text.split("\n").filter((l) => /^\S*dockerfile\/[a-z-]+/.test(l.trim()));
        const size = text.length;
        if (size > 1500) throw new Error(`hover over FROM is ${size} characters (limit 1500): ${oneLine(text).slice(0, 300)}`);
        return `${size} characters, ${findingLines.length} finding lines`;
      },
    },
    {
      name: "item 3: the hover over a shell-form CMD is short, rule link first",
      screenshot: "editor-04-hover-cmd.png",
      body: async (p) => {
        const text = await hoverAt(p, 5, 2, /exec-form/);
        if (text.length > 1200) throw new Error(`hover over CMD is ${text.length} characters (limit 1200): ${oneLine(text).slice(0, 300)}`);
        return `${text.length} characters: ${oneLine(text).slice(0, 200)}`;
      },
    },
    {
      name: "item 8: typing the snippet prefix healthcheck- keeps the suggestion list open through the dash",
      screenshot: "editor-05-snippet-dash.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        await openFile(p, "snippets/compose.yaml");
        await p.keyboard.press("Control+G");
        await p.locator(".quick-input-widget input.input").waitFor({ state: "visible" });
        await p.keyboard.type("7:1");
        await p.keyboard.press("Enter");
        await p.keyboard.press("End");
        await p.keyboard.press("Enter");
        await p.keyboard.type("healthcheck-", { delay: 60 });
        await pollUntil(
          "the suggestion list with healthcheck-postgres",
          5_000,
          async () => (await suggestWidget(p).count()) > 0 && /healthcheck-postgres/.test(await suggestWidget(p).first().innerText()),
        );
        const rows = oneLine(await suggestWidget(p).first().innerText());
        await p.keyboard.press("Escape");
        return rows.slice(0, 160);
      },
    },
    {
      name: "item 8: no block snippets in a value position (after `image: `) or in a depends_on list",
      screenshot: "editor-06-snippet-value.png",
      body: async (p) => {
        // on the line typed by the previous step: replace it by a value position under db
        await p.keyboard.press("Home");
        await p.keyboard.press("Shift+End");
        await p.keyboard.type("user: h", { delay: 60 });
        await p.keyboard.press("Control+Space");
        await p.waitForTimeout(1200);
        const inValue = (await suggestWidget(p).count()) ? oneLine(await suggestWidget(p).first().innerText()) : "";
        await p.keyboard.press("Escape");
        if (/healthcheck-|recipe-|init-service/.test(inValue))
          throw new Error(`block snippets offered after "user: ": ${inValue.slice(0, 200)}`);
        await p.keyboard.press("Control+Z");
        return `after "user: h": ${inValue ? inValue.slice(0, 120) : "no list"}`;
      },
    },
    {
      name: "item 8: .dockerignore opens with the dockerignore language and shows its diagnostics",
      screenshot: "editor-07-dockerignore.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        await openFile(p, "ignore/.dockerignore");
        const mode = p.locator("#status\\.editor\\.mode");
        await pollUntil("the language mode to read Docker Ignore", 20_000, async () =>
          /ignore/i.test((await mode.count()) ? await mode.innerText() : ""),
        );
        await pollUntil("a squiggle on the duplicate node_modules line", 30_000, () => squiggleOnLine(p, "node_modules"));
        return `language mode: ${oneLine(await mode.innerText())}`;
      },
    },
    {
      name: "item 9: an unknown rule id and an invalid severity in .shipshape.json show as problems in that file",
      screenshot: "editor-08-settings.png",
      body: async (p) => {
        // opened on its own (no file it configures linted first): its problems show at once
        await openFile(p, "settings/.shipshape.json");
        await pollUntil("a squiggle on the unknown rule id", 30_000, () => squiggleOnLine(p, '    "dockerfile/no-such-rule"'));
        await pollUntil("a squiggle on the invalid severity", 30_000, () => squiggleOnLine(p, '    "dockerfile/pin-base-image"'));
        await p.keyboard.press("Control+Shift+M");
        await p.locator(".markers-panel").first().waitFor({ state: "visible" });
        const rows = await problemRows(p);
        const ours = rows.filter((r) => /no-such-rule|loud/.test(r));
        if (ours.length < 2) throw new Error(`Problems view: ${rows.join(" | ").slice(0, 300)}`);
        return ours.join(" | ").slice(0, 200);
      },
    },
    {
      name: "item 4: one problem, one finding: an incomplete .dockerignore and a helper in the base compose file are one row each in Problems",
      screenshot: "editor-10-problems.png",
      body: async (p) => {
        await openFile(p, "noise/.dockerignore");
        await pollUntil("a squiggle on the first line of the .dockerignore", 30_000, () => squiggleOnLine(p, "node_modules"));
        await openFile(p, "noise/compose.yml");
        // an info finding: its squiggle is the info kind
        await pollUntil("a squiggle under pgadmin", 30_000, async () => {
          const line = (await editorLines(p)).find((l) => l.text.startsWith("  pgadmin:"));
          return !!line && (await squiggleTops(p, "info")).includes(line.top);
        });
        await p.keyboard.press("Control+Shift+M");
        await p.locator(".markers-panel").first().waitFor({ state: "visible" });
        // the list is virtualised: filter it to each file so its rows are on screen
        const rowsFor = async (filter: string) => {
          const box = p.locator(".markers-panel-container .viewpane-filter input, .viewpane-filter-container input").first();
          await box.click();
          await p.keyboard.press("Control+A");
          await p.keyboard.type(filter);
          await p.waitForTimeout(700);
          return problemRows(p);
        };
        const ignore = (await rowsFor("noise/.dockerignore")).filter((r) => /dockerignore\/exclude-/.test(r));
        const helper = (await rowsFor("noise/compose.yml")).filter((r) =>
          /compose\/dev-(helpers-need-profile|settings-in-base-file)/.test(r),
        );
        await rowsFor("");
        if (ignore.length !== 1 || helper.length !== 1)
          throw new Error(`expected one row each, got .dockerignore: [${ignore.join(" | ")}], pgadmin: [${helper.join(" | ")}]`);
        return `${ignore[0]?.slice(0, 120)} || ${helper[0]?.slice(0, 120)}`;
      },
    },
    {
      name: "item 5: Fix All applies every safe fix to a fixed point, leaves no empty first line, and a second Fix All changes nothing",
      screenshot: "editor-11-fixall.png",
      body: async (p) => {
        await openFile(p, "fixall/compose.yml");
        await pollUntil("a squiggle on the version line", 30_000, () => squiggleOnLine(p, "version:"));
        const fixAll = async () => {
          await p.keyboard.press("F1");
          await quickPick(p, "Fix All", /^Fix All/);
        };
        await fixAll();
        await pollUntil("the version line to go", 10_000, async () => !(await editorLines(p)).some((l) => l.text.startsWith("version:")));
        await p.waitForTimeout(1500); // the server re-lints the fixed text
        await fixAll();
        await p.waitForTimeout(1000);
        await p.keyboard.press("Escape");
        await p.keyboard.press("Control+S");
        // saved: the version line gone and the file written out (a read during the save can see it empty)
        await pollUntil("fixall/compose.yml to be saved", 10_000, async () => {
          const now = disk("fixall/compose.yml");
          return now.startsWith("services:") && now.endsWith("\n");
        });
        const text = disk("fixall/compose.yml");
        const want = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n      - "8443:443"\n';
        if (text !== want) throw new Error(`after Fix All twice the file holds ${JSON.stringify(text)}, expected ${JSON.stringify(want)}`);
        return JSON.stringify(text);
      },
    },
    {
      name: "item 2 + 6: Generate hardened Dockerfile asks which project, shows the diff beside the question (Keep is the default), and Escape on the second question writes nothing at all",
      screenshot: "editor-13-generator-cancelled.png",
      body: async (p) => {
        const before = snapshot("gen");
        await runCommand(p, "Shipshape: Generate hardened Dockerfile");
        // item 6: the workspace holds several projects: the generator asks which one
        const folderRow = await chooseRow(p, "gen", /^gen.*pyproject\.toml/);
        await chooseRow(p, "", /Slim/); // the base image: the default
        await pollUntil("the extras question", 10_000, async () =>
          /Also include/.test((await p.locator(".quick-input-widget input.input").first().getAttribute("placeholder")) ?? ""),
        );
        await p.keyboard.press("Enter"); // extras: none
        // the first question: the diff is open beside it, Keep is the focused (default) answer
        await pollUntil("the question about the existing Dockerfile", 30_000, async () =>
          /Dockerfile already exists/.test(await quickPickTitle(p)),
        );
        await p.locator(".monaco-diff-editor").first().waitFor({ state: "visible" });
        const focused = oneLine(await p.locator(".quick-input-list .monaco-list-row.focused").first().innerText());
        if (!/^Keep Dockerfile/.test(focused)) throw new Error(`the default answer is "${focused}", not Keep`);
        const diffTab = oneLine(await p.locator(".tabs-container .tab.active").first().innerText());
        await p.screenshot({ path: join(RESULTS, "editor-12-overwrite-question.png") });
        await chooseRow(p, "Overwrite", /^Overwrite Dockerfile/);
        // the second question (.dockerignore): Escape
        await pollUntil("the question about the existing .dockerignore", 20_000, async () =>
          /\.dockerignore already exists/.test(await quickPickTitle(p)),
        );
        await p.keyboard.press("Escape");
        const said = await toast(p, /cancelled; nothing was written/);
        await p.waitForTimeout(1000);
        const after = snapshot("gen");
        if (after !== before) throw new Error(`files changed after Escape:\n${after.slice(0, 400)}`);
        return `picked "${folderRow.slice(0, 60)}"; default "${focused.slice(0, 40)}"; diff tab "${diffTab}"; after Escape: ${said.slice(0, 80)}; gen/ unchanged on disk`;
      },
    },
    {
      name: "item 2: Add .dockerignore on a folder that has one offers Merge; the merge adds only the missing entries",
      screenshot: "editor-14-dockerignore-merge.png",
      body: async (p) => {
        await runCommand(p, "Shipshape: Add .dockerignore");
        await chooseRow(p, "gen", /^gen.*pyproject\.toml/);
        await pollUntil("the question about the existing .dockerignore", 30_000, async () =>
          /\.dockerignore already exists/.test(await quickPickTitle(p)),
        );
        const rows = oneLine((await p.locator(".quick-input-list").first().innerText()).slice(0, 300));
        await p.keyboard.type("Merge", { delay: 20 });
        await p.waitForTimeout(800); // the diff's right side follows the active answer: the merge
        await p.screenshot({ path: join(RESULTS, "editor-14-dockerignore-merge-question.png") });
        await chooseRow(p, "", /^Merge: add the \d+ missing entr/);
        await pollUntil("gen/.dockerignore to get the missing entries", 20_000, async () => disk("gen/.dockerignore").includes(".env"));
        const text = disk("gen/.dockerignore");
        if (!text.startsWith("node_modules\n.git\n"))
          throw new Error(`the user's lines were not kept first: ${JSON.stringify(text.slice(0, 80))}`);
        const repeated = ["node_modules", ".git"].filter((e) => text.split("\n").filter((l) => l.trim() === e).length !== 1);
        if (repeated.length) throw new Error(`entries the file had were added again: ${repeated.join(", ")}`);
        if (existsSync(join(run.workspace, "gen/compose.yml"))) throw new Error("Add .dockerignore wrote other files");
        return `${rows.slice(0, 160)} -> ${text.split("\n").length} lines`;
      },
    },
    {
      name: "item 6: the Dagster generator refuses a project without Dagster, with the engine's reason, and writes nothing",
      screenshot: "editor-15-dagster-refused.png",
      body: async (p) => {
        const before = snapshot("gen");
        await runCommand(p, "Shipshape: Generate Dagster compose setup");
        await chooseRow(p, "gen", /^gen.*pyproject\.toml/);
        const said = await toast(p, /no Dagster definitions found/);
        if (snapshot("gen") !== before) throw new Error("files changed");
        return said.slice(0, 200);
      },
    },
    {
      name: "item 7: Review opens a read-only rendered report (no untitled document, no save prompt) whose Line links open the file at that line",
      screenshot: "editor-16-review.png",
      body: async (p) => {
        await openFile(p, "hover/Dockerfile");
        await pollUntil("a squiggle on the FROM line", 60_000, () => squiggleOnLine(p, "FROM python:3.12"));
        await runCommand(p, "Shipshape: Review this file");
        const tab = p
          .locator(".tabs-container .tab")
          .filter({ hasText: /Review of Dockerfile/ })
          .first();
        await tab.waitFor({ state: "visible", timeout: 30_000 });
        const frame = p.locator("iframe.webview.ready").last().contentFrame().locator("iframe#active-frame").contentFrame();
        await frame.getByText("Review: Dockerfile").first().waitFor({ state: "visible", timeout: 30_000 });
        const body = oneLine(await frame.locator("body").innerText());
        if (!/\((warning|error|info)\)/.test(body)) throw new Error(`no severities in the report: ${body.slice(0, 300)}`);
        const tabs = (await p.locator(".tabs-container .tab").allInnerTexts()).map(oneLine);
        if (tabs.some((t) => /Untitled/.test(t))) throw new Error(`an untitled document is open: ${tabs.join(" | ")}`);
        await p.screenshot({ path: join(RESULTS, "editor-16-review-report.png") });
        try {
          // the link of the CMD finding (line 5) opens the Dockerfile at line 5 (the cursor starts elsewhere)
          await p.keyboard.press("Control+1");
          await p.keyboard.press("Control+Home");
          await frame.locator("a", { hasText: "Line 5" }).first().click();
          const selection = p.locator("#status\\.editor\\.selection");
          await pollUntil("the Dockerfile to be active with the cursor on line 5", 15_000, async () => {
            const active = p.locator(".editor-group-container.active .tabs-container .tab.active").first();
            const label = (await active.count()) ? oneLine(await active.innerText()) : "";
            const at = (await selection.count()) ? oneLine(await selection.innerText()) : "";
            return /^Dockerfile/.test(label) && /Ln 5\b/.test(at);
          });
        } finally {
          // closing the report asks nothing
          await tab.click();
          await p.keyboard.press("Control+W");
          await p.waitForTimeout(800);
        }
        if (await p.locator(".monaco-dialog-box:visible").count()) throw new Error("closing the report asked a question");
        if (await tab.count()) throw new Error("the report did not close");
        return `${tabs.join(" | ").slice(0, 120)}; ${body.slice(0, 160)}`;
      },
    },
    {
      name: "item 5: Fix All says what it did (fixes applied, their rules, what is left)",
      screenshot: "editor-17-fixall-message.png",
      body: async (p) => {
        await openFile(p, "report/compose.yml");
        await pollUntil("a squiggle on the version line", 30_000, () => squiggleOnLine(p, "version:"));
        await p.keyboard.press("F1");
        await quickPick(p, "Fix All", /^Fix All/);
        const said = await toast(p, /Shipshape: applied \d+ fix/);
        if (!/compose\/no-version-key/.test(said) || !/still needs? a decision|no findings left/.test(said))
          throw new Error(`the message does not say what was done and what is left: ${said}`);
        return said.slice(0, 200);
      },
    },
    {
      name: "item 9: the status bar item shows the server ready; its menu lists the rules and opens the output channel with start-up and timing",
      screenshot: "editor-18-status-menu.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        const item = p
          .locator(".statusbar-item")
          .filter({ hasText: /^\s*Shipshape\s*$/ })
          .first();
        await item.waitFor({ state: "visible" });
        await pollUntil(
          "the status item to show ready (check icon)",
          30_000,
          async () => (await item.locator(".codicon-check").count()) > 0,
        );
        await item.click();
        await chooseRow(p, "", /Show the Shipshape output/);
        // the output panel opens on the Shipshape channel; what it holds is in its log file (start-up, settings, timing)
        await p.locator(".part.panel .monaco-editor").first().waitFor({ state: "visible" });
        let logged = "";
        await pollUntil("the Shipshape log to show start-up and timing", 20_000, async () => {
          logged = findLog(run.userData);
          return /language server ready in \d+ ms/.test(logged) && /linted .* in \d+ ms/.test(logged);
        });
        const menu = logged
          .split("\n")
          .filter((l) => /ready in|settings:|linted/.test(l))
          .slice(0, 3)
          .map((l) => l.replace(/^\S+ \S+ /, ""))
          .join(" / ");
        await item.click();
        await chooseRow(p, "", /List the rules/);
        await pollUntil("the rule list", 20_000, async () =>
          /(compose|dockerfile|dockerignore)\/[a-z-]+/.test(oneLine(await p.locator(".quick-input-list").first().innerText())),
        );
        const rules = oneLine(await p.locator(".quick-input-list").first().innerText()).slice(0, 160);
        await p.screenshot({ path: join(RESULTS, "editor-18-status-rules.png") });
        await p.keyboard.press("Escape");
        return `${menu}; rules: ${rules}`;
      },
    },
    {
      name: "item 10: the walkthrough shows a newcomer the four things (squiggle and lightbulb, Fix all, generators, rules)",
      screenshot: "editor-09-walkthrough.png",
      body: async (p) => {
        await p.keyboard.press("Escape");
        await p.keyboard.press("F1");
        await quickPick(p, "Welcome: Open Walkthrough", /Open Walkthrough/);
        await quickPick(p, "Shipshape", /Get started with Shipshape/);
        const titles = [
          "Squiggles, hovers and the lightbulb",
          "Fix all safe problems",
          "Generators: Dockerfile, compose stack, .dockerignore",
          "Configure rules",
        ];
        const page = p.locator(".gettingStartedContainer").first();
        await page.waitFor({ state: "visible" });
        for (const t of titles) await page.getByText(t, { exact: false }).first().waitFor({ state: "visible" });
        // a step opens with its description and its action button (its page renders beside the list, in a webview)
        await page.getByText("Fix all safe problems").first().click();
        await page.getByText("One command applies every safe fix").first().waitFor({ state: "visible" });
        await page
          .locator(".getting-started-step.expanded .monaco-button")
          .filter({ hasText: "Fix All" })
          .first()
          .waitFor({ state: "visible" });
        return titles.join(" | ");
      },
    },
  ];
}

/** Runs every step; a failing step does not skip the others (each opens what it needs). */
async function runIndependent(page: Page, steps: Step[], outcomes: Outcome[]): Promise<void> {
  for (const step of steps) {
    const name = `editor: ${step.name}`;
    try {
      const detail = await step.body(page);
      outcomes.push({ name, ok: true, detail: detail ?? undefined });
      log(`ok   ${name}${detail ? `: ${detail.slice(0, 200)}` : ""}`);
    } catch (err) {
      outcomes.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
      log(`FAIL ${name}: ${(err instanceof Error ? err.message : String(err)).slice(0, 300)}`);
    }
    await page.screenshot({ path: join(RESULTS, step.screenshot) }).catch(() => undefined);
    await page.keyboard.press("Escape").catch(() => undefined);
  }
}

export async function runEditorUi(run: RunDir): Promise<Outcome[]> {
  mkdirSync(RESULTS, { recursive: true });
  writeEditorFixtures(run.workspace);
  const server = await startCodeServer(run);
  log(`code-server listening at ${server.url}`);
  const { context, page } = await launchBrowser(join(run.dir, "browser"));
  page.setDefaultTimeout(20_000);
  const outcomes: Outcome[] = [];
  try {
    await page.goto(workbenchUrl(server.url, run.workspace));
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ state: "visible", timeout: 60_000 });
    const only = process.env.SHIPSHAPE_E2E_EDITOR_GREP;
    const steps = editorSteps(run).filter((s) => !only || s.name.includes(only));
    await runIndependent(page, steps, outcomes);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
  if (!existsSync(RESULTS)) mkdirSync(RESULTS, { recursive: true });
  return outcomes;
}
