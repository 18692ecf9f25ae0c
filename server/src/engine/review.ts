/**
 * Review mode (practice 004): a Markdown report for one file, grouped as Critical / Improvements / Good.
 * Critical and Improvements are the engine's findings; Good lists what the file already does right,
 * read from the file's model and confirmed by the absence of findings from the rules that watch it.
 */
import { effectiveUser, isRootUser, stageImageFacts } from "./analysis/dockerfileFacts";
import { ruleDocUrl } from "./docs";
import { lint, type LintOptions } from "./linter";
import { isMap, isSeq } from "yaml";
import { ComposeFileModel, scalarText } from "./model/compose";
import { DockerfileModel } from "./model/dockerfile";
import { DockerignoreModel } from "./model/dockerignore";
import { parseImageRef } from "./model/imageRef";
import { basename, dirname, join } from "./paths";
import { ruleById } from "./rules";
import type { Finding, WorkspaceFs } from "./types";
import { emptyFs } from "./workspace";

export interface ReviewResult {
  markdown: string;
  critical: Finding[];
  improvements: Finding[];
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

export function reviewFile(options: LintOptions): ReviewResult {
  const result = lint(options);
  const findings = result.findings.filter((f) => f.severity !== "hint");
  const critical = findings.filter(isCritical);
  const improvements = findings.filter((f) => !isCritical(f));
  const fired = new Set(result.findings.map((f) => f.ruleId));
  const fs = options.fs ?? emptyFs;
  let virtues: Virtue[] = [];
  if (result.model instanceof DockerfileModel) virtues = dockerfileVirtues(result.model, fs);
  else if (result.model instanceof ComposeFileModel) virtues = composeVirtues(result.model);
  else if (result.model instanceof DockerignoreModel) virtues = dockerignoreVirtues(result.model);
  const good = virtues.filter((v) => !v.rules.some((r) => fired.has(r))).map((v) => v.text);

  const line = (f: Finding) => {
    const fix = f.fixes[0];
    const summary = ruleById(f.ruleId)?.meta.summary;
    return (
      `- **Line ${f.range.start.line + 1}** — ${f.message} ([${f.ruleId}](${ruleDocUrl(f.ruleId)}))` +
      (summary ? `\n  - Why: ${summary}` : "") +
      (fix ? `\n  - Fix: ${fix.title}${fix.safe ? " (safe, applied by Fix all)" : ""}` : "")
    );
  };
  const section = (title: string, items: string[], empty: string) => [`## ${title}`, "", ...(items.length ? items : [empty]), ""];
  const markdown = [
    `# Review: ${basename(options.path)}`,
    "",
    `${critical.length} critical, ${improvements.length} improvement${improvements.length === 1 ? "" : "s"}, ${good.length} thing${good.length === 1 ? "" : "s"} done right.`,
    "",
    ...section("Critical", critical.map(line), "_Nothing critical._"),
    ...section("Improvements", improvements.map(line), "_No improvements suggested._"),
    ...section(
      "Good",
      good.map((g) => `- ${g}`),
      "_Nothing to point out yet._",
    ),
  ].join("\n");
  return { markdown, critical, improvements, good };
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
  if (fs.exists(join(dirname(model.path), ".dockerignore"))) {
    out.push({ text: "A `.dockerignore` keeps the build context small and free of secrets.", rules: ["dockerfile/dockerignore-present"] });
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
