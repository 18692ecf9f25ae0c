/**
 * Review mode (practice 004): a Markdown report for one file, grouped as Critical / Improvements / Consider / Good.
 * It agrees with `lint`: every finding at warning or above is under Critical (errors and security warnings) or
 * Improvements, info and hints under Consider. For a Dockerfile (and the services of a compose file that build
 * one) the static start check runs too: what certainly keeps the container from starting is Critical, and what
 * it verified is Good. Good otherwise lists what the file does right, read from its model and confirmed by the
 * absence of findings from the rules that watch it.
 */
import { effectiveUser, isRootUser, stageImageFacts } from "./analysis/dockerfileFacts";
import { ruleDocUrl } from "./docs";
import { lint, type LintOptions } from "./linter";
import { isMap, isSeq } from "yaml";
import { ComposeFileModel, scalarText } from "./model/compose";
import { DockerfileModel } from "./model/dockerfile";
import { DockerignoreModel } from "./model/dockerignore";
import { parseImageRef } from "./model/imageRef";
import { basename } from "./paths";
import { ruleById } from "./rules";
import { findDockerignore } from "./rules/dockerfile/dockerignore-present";
import type { Finding, WorkspaceFs } from "./types";
import { emptyFs } from "./workspace";
import { checkComposeServices, checkStart, composeBuildOf, type StartFinding } from "./startCheck";

export interface ReviewResult {
  markdown: string;
  critical: Finding[];
  improvements: Finding[];
  /** Info and hint findings. */
  consider: Finding[];
  /** What the start check found certain to keep the container from starting. */
  startFailures: StartFinding[];
  /** Sentences for the Good section. */
  good: string[];
}

/** A thing done right: what the model shows, and which rules would have said otherwise. */
interface Virtue {
  text: string;
  /** Rules whose findings contradict it (any finding from these drops the virtue). */
  rules: string[];
}

/** Critical: errors, and security problems at warning level. The rest are improvements. */
export function isCritical(f: Finding): boolean {
  return f.severity === "error" || (f.category === "security" && f.severity === "warning");
}

/** The practice's reason for a rule: the first sentence of its rationale (the summary only says what it checks). */
function whyOf(ruleId: string): string | undefined {
  const meta = ruleById(ruleId)?.meta;
  const rationale = meta?.rationale?.trim();
  if (!rationale) return meta?.summary;
  const m = /^(.+?[.!?])(?=\s+[A-Z`]|$)/s.exec(rationale);
  return (m?.[1] ?? rationale).replace(/\s+/g, " ");
}

/** The start check's answers for the reviewed file, or undefined when it does not apply. */
function startCheckOf(options: LintOptions, model: unknown, fs: WorkspaceFs): { fails: StartFinding[]; verified: string[] } | undefined {
  try {
    if (model instanceof DockerfileModel) {
      // built by a compose file above it (docker/x.Dockerfile with the project root as context): check it so
      const build = composeBuildOf(fs, options.path);
      const r = checkStart({ dockerfilePath: options.path, text: options.text, fs, context: build?.context });
      return { fails: r.failures, verified: verifiedOf(r.findings, "") };
    }
    if (model instanceof ComposeFileModel && model.services.length > 0) {
      const reports = checkComposeServices(fs, [options.path]);
      return {
        // the line numbers are the Dockerfile's: name the file, and keep no range in the compose file
        fails: reports.flatMap((r) =>
          r.failures.map((f) => ({
            ...f,
            ins: undefined,
            message: `service ${r.service}${f.ins ? ` (${basename(r.dockerfile)} line ${f.ins.range.start.line + 1})` : ""}: ${f.message}`,
          })),
        ),
        verified: reports.flatMap((r) => verifiedOf(r.findings, `service ${r.service}: `)),
      };
    }
  } catch {
    // the check is a bonus: a file it cannot read is still reviewed
  }
  return undefined;
}

/** Start-check passes worth naming (the program, the module, the ports), when nothing failed. */
function verifiedOf(findings: StartFinding[], prefix: string): string[] {
  if (findings.some((f) => f.status === "fail")) return [];
  const pick = (check: StartFinding["check"]) => findings.filter((f) => f.check === check && f.status === "pass").map((f) => f.message);
  const parts = [...pick("command"), ...pick("module"), ...pick("ports").slice(0, 1)];
  return parts.length > 0 ? [`${prefix}starts, as far as the image can be checked without building it: ${parts.join("; ")}.`] : [];
}

/** What the editor's Problems view calls each severity, so the report and the editor say the same. */
export const SEVERITY_WORDS: Record<Finding["severity"], string> = { error: "error", warning: "warning", info: "info", hint: "hint" };

export interface ReviewOptions extends LintOptions {
  /** A link target for a line (1-based) of the reviewed file, e.g. `file:///w/Dockerfile#L3`: lines become links. */
  lineLink?: (line: number) => string;
}

export function reviewFile(options: ReviewOptions): ReviewResult {
  const result = lint(options);
  const atLeastWarning = (f: Finding) => f.severity === "error" || f.severity === "warning";
  const critical = result.findings.filter(isCritical);
  const improvements = result.findings.filter((f) => atLeastWarning(f) && !isCritical(f));
  const consider = result.findings.filter((f) => !atLeastWarning(f));
  const fired = new Set(result.findings.map((f) => f.ruleId));
  const fs = options.fs ?? emptyFs;
  let virtues: Virtue[] = [];
  if (result.model instanceof DockerfileModel) virtues = dockerfileVirtues(result.model, fs);
  else if (result.model instanceof ComposeFileModel) virtues = composeVirtues(result.model);
  else if (result.model instanceof DockerignoreModel) virtues = dockerignoreVirtues(result.model);
  const start = startCheckOf(options, result.model, fs);
  const startFailures = start?.fails ?? [];
  const good = [
    ...virtues.filter((v) => !v.rules.some((r) => fired.has(r))).map((v) => v.text),
    ...(start?.verified ?? []).map((v) => v.charAt(0).toUpperCase() + v.slice(1)),
  ];

  const at = (n: number) => (options.lineLink ? `**[Line ${n}](${options.lineLink(n)})**` : `**Line ${n}**`);
  const line = (f: Finding) => {
    const fix = f.fixes[0];
    const why = whyOf(f.ruleId);
    return (
      `- ${at(f.range.start.line + 1)} (${SEVERITY_WORDS[f.severity]}) — ${f.message} ([${f.ruleId}](${ruleDocUrl(f.ruleId)}))` +
      (why ? `\n  - Why: ${why}` : "") +
      (fix ? `\n  - Fix: ${fix.title}${fix.safe ? " (safe, applied by Fix all)" : ""}` : `\n  - Fix: see the rule's page`)
    );
  };
  const startLine = (f: StartFinding) =>
    `- ${f.ins ? `${at(f.ins.range.start.line + 1)} — ` : ""}Does not start: ${f.message}` +
    "\n  - Why: the static start check found this certain from the Dockerfile and the project files; the container would fail to build or to start.";
  const section = (title: string, items: string[], empty: string) => [`## ${title}`, "", ...(items.length ? items : [empty]), ""];
  const criticalCount = critical.length + startFailures.length;
  const markdown = [
    `# Review: ${basename(options.path)}`,
    "",
    `${criticalCount} critical, ${improvements.length} improvement${improvements.length === 1 ? "" : "s"}, ${consider.length} to consider, ${good.length} thing${good.length === 1 ? "" : "s"} done right.`,
    "",
    ...section("Critical", [...startFailures.map(startLine), ...critical.map(line)], "_Nothing critical._"),
    ...section("Improvements", improvements.map(line), "_No improvements suggested._"),
    ...(consider.length > 0 ? section("Consider", consider.map(line), "") : []),
    ...section(
      "Good",
      good.map((g) => `- ${g}`),
      "_Nothing to point out yet._",
    ),
  ].join("\n");
  return { markdown, critical, improvements, consider, startFailures, good };
}

function dockerfileVirtues(model: DockerfileModel, fs: WorkspaceFs): Virtue[] {
  const out: Virtue[] = [];
  const final = model.finalStage;
  if (!final) return out;
  const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => n !== undefined));
  const external = model.stages.filter((s) => !s.parent && !stageNames.has(s.image.raw.toLowerCase()) && !s.image.isScratch);
  if (model.stages.length > 1) {
    out.push({
      text: `Multi-stage build (${model.stages.length} stages): the runtime stage${final.name ? ` \`${final.name}\`` : ""} leaves build tooling behind.`,
      rules: ["dockerfile/multi-stage-build", "dockerfile/build-tools-in-runtime-stage"],
    });
  }
  if (external.length > 0 && external.every((s) => (s.image.tag && s.image.tag !== "latest") || s.image.digest)) {
    out.push({
      text: `Base images are pinned (${[...new Set(external.map((s) => `\`${s.image.raw}\``))].join(", ")}).`,
      rules: ["dockerfile/pin-base-image"],
    });
  }
  const facts = stageImageFacts(model, final);
  if (facts.minimal) out.push({ text: "The runtime stage starts from a minimal base image.", rules: ["dockerfile/prefer-slim-base"] });
  const user = effectiveUser(model, final);
  if ((user && !isRootUser(user.user)) || (!user && facts.defaultNonRoot)) {
    out.push({
      text: `Runs as a non-root user${user ? ` (\`${user.user}\`)` : " (the base image's default)"}.`,
      rules: ["dockerfile/non-root-user"],
    });
  }
  const lineage = model.lineage(final).flatMap((s) => s.instructions);
  if (lineage.some((i) => i.keyword === "HEALTHCHECK" && !/^\s*NONE\b/i.test(i.argsText))) {
    out.push({
      text: "Has a HEALTHCHECK, so orchestrators can tell a running container from a working one.",
      rules: ["dockerfile/healthcheck-missing", "dockerfile/healthcheck-tool-available", "dockerfile/healthcheck-status-ignored"],
    });
  }
  const start = [...lineage].reverse().find((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT");
  if (start?.isExecForm)
    out.push({ text: `\`${start.keyword}\` uses the exec form, so signals reach the process.`, rules: ["dockerfile/exec-form-cmd"] });
  const runs = model.instructions.filter((i) => i.keyword === "RUN");
  if (runs.some((r) => r.flags.some((f) => f.getName() === "mount" && /type=cache/.test(f.getValue() ?? "")))) {
    out.push({ text: "Uses BuildKit cache mounts for package downloads.", rules: ["dockerfile/uv-cache-mount"] });
  }
  if (runs.some((r) => /\buv sync\b[^\n]*--(frozen|locked)|\bnpm ci\b|--frozen-lockfile|poetry install/.test(r.argsText))) {
    out.push({ text: "Installs from the lockfile, so builds are reproducible.", rules: ["dockerfile/uv-frozen-lockfile"] });
  }
  const manifestCopy = model.instructions.find(
    (i) =>
      i.keyword === "COPY" && /\b(pyproject\.toml|uv\.lock|poetry\.lock|requirements[^\s]*\.txt|package(-lock)?\.json)\b/.test(i.argsText),
  );
  if (manifestCopy) {
    out.push({
      text: "Copies the dependency manifests before the source, so code changes reuse the dependency layer.",
      rules: ["dockerfile/dependency-manifest-before-source"],
    });
  }
  // the ignore file the lint would find (one lookup for both), and only when it excludes what matters
  const ignorePath = findDockerignore(fs, model.path);
  const ignoreText = ignorePath ? fs.readFile(ignorePath) : undefined;
  if (
    ignorePath &&
    ignoreText !== undefined &&
    !lint({ path: ignorePath, text: ignoreText, fs }).findings.some((f) => f.ruleId.startsWith("dockerignore/exclude-"))
  ) {
    out.push({
      text: `\`${basename(ignorePath)}\` keeps version control, local environments and env files out of the build context.`,
      rules: ["dockerfile/dockerignore-present", "dockerignore/exclude-git", "dockerignore/exclude-env-files"],
    });
  }
  const env = lineage
    .filter((i) => i.keyword === "ENV")
    .map((i) => i.argsText)
    .join(" ");
  if (/PYTHONUNBUFFERED/.test(env))
    out.push({ text: "Sets Python's container defaults (unbuffered output).", rules: ["dockerfile/python-runtime-env"] });
  // only a rule can vouch for this one, so say it only when that rule is there to say otherwise
  if (ruleById("dockerfile/secrets-in-build-args"))
    out.push({ text: "No secrets in ARG or ENV.", rules: ["dockerfile/secrets-in-build-args"] });
  return out;
}

function composeVirtues(file: ComposeFileModel): Virtue[] {
  const out: Virtue[] = [];
  const services = file.services.filter((s) => s.node);
  if (!file.topLevel("version")) out.push({ text: "No obsolete top-level `version:` key.", rules: ["compose/no-version-key"] });
  if (services.length === 0) return out;
  const images = services.map((s) => file.scalar(s.node, "image")).filter((i): i is string => i !== undefined);
  if (
    images.length > 0 &&
    images.every((i) => {
      const r = parseImageRef(i);
      return (r.tag !== undefined && r.tag !== "latest") || r.digest !== undefined || i.includes("${");
    })
  ) {
    out.push({ text: `Every image is pinned to a version (${images.length}).`, rules: ["compose/pin-image"] });
  }
  const every = (key: string) => services.every((s) => file.get(s.node, key) !== undefined);
  const count = (key: string) => services.filter((s) => file.get(s.node, key) !== undefined).length;
  const withHealth = count("healthcheck");
  if (withHealth > 0) {
    out.push({
      text: `${withHealth === services.length ? "Every service has" : `${withHealth} of ${services.length} services have`} a healthcheck.`,
      rules: ["compose/healthcheck-missing", "compose/healthcheck-tool-available"],
    });
  }
  const conditions = services.flatMap((s) => {
    const d = file.get(s.node, "depends_on");
    return isMap(d)
      ? d.items.map((p) => scalarText(file.getIn(file.resolve(p.value) as never, ["condition"])))
      : isSeq(d)
        ? d.items.map(() => undefined)
        : [];
  });
  if (conditions.length > 0 && conditions.every((c) => c === "service_healthy" || c === "service_completed_successfully")) {
    out.push({
      text: "`depends_on` waits for healthy (or completed) dependencies, not just started ones.",
      rules: ["compose/depends-on-healthy"],
    });
  }
  if (every("restart") || services.every((s) => file.getIn(s.node, ["deploy", "restart_policy"]) !== undefined)) {
    out.push({ text: "Every service has a restart policy.", rules: ["compose/restart-policy"] });
  }
  if (
    services.every(
      (s) => file.getIn(s.node, ["deploy", "resources", "limits", "memory"]) !== undefined || file.get(s.node, "mem_limit") !== undefined,
    )
  ) {
    out.push({ text: "Every service has a memory limit.", rules: ["compose/resource-limits"] });
  }
  if (file.root?.items.some((p) => String(scalarText(p.key) ?? "").startsWith("x-"))) {
    out.push({ text: "Shared settings live in an `x-` extension field instead of being repeated.", rules: [] });
  }
  if (count("profiles") > 0) out.push({ text: "Optional services sit behind `profiles`.", rules: ["compose/dev-helpers-need-profile"] });
  if (/_FILE:|^secrets:/m.test(file.text))
    out.push({
      text: "Secrets are passed as files (`secrets:` / `_FILE`), not as plain environment values.",
      rules: ["compose/no-literal-secrets"],
    });
  else out.push({ text: "No literal secrets in the file.", rules: ["compose/no-literal-secrets"] });
  return out;
}

function dockerignoreVirtues(model: DockerignoreModel): Virtue[] {
  const out: Virtue[] = [];
  if (model.excludes(".git/HEAD")) out.push({ text: "Keeps `.git` out of the build context.", rules: [] });
  if (model.excludes(".env")) out.push({ text: "Keeps `.env` files (secrets) out of the build context.", rules: [] });
  if (model.excludes(".venv/pyvenv.cfg") || model.excludes("node_modules/x/package.json")) {
    out.push({ text: "Keeps local environments (`.venv`, `node_modules`) out of the build context.", rules: [] });
  }
  return out;
}
