import {
  copiesWholeContext,
  effectiveUser,
  exposedPorts,
  healthcheckOf,
  isRootUser,
  lineageInstructions,
  stageHasTool,
  stageImageFacts,
  stageLanguage,
  stageServer,
} from "../analysis/dockerfileFacts";
import { dockerfileHealthcheck, healthcheckFor } from "../analysis/python";
import { ruleDocUrl } from "../docs";
import { hardenedEquivalent, imageFacts, imageLanguage, isHardenedImage, slimTag, type ImageFacts } from "../knowledge/images";
import type { DockerInstruction, DockerfileModel, Stage } from "../model/dockerfile";
import { expandVariables, parseImageRef, type ImageRef } from "../model/imageRef";
import { isInvocation, programOf } from "../model/shell";
import { rangeContains, type Position, type Range } from "../text";

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * Our practice notes for a position in a Dockerfile: over an instruction keyword (USER, HEALTHCHECK …)
 * and over a FROM image (pinned? slim? hardened alternative? which stage is the runtime one).
 * The server shows this below the base reference text. Undefined when we have nothing to add.
 */
export function dockerfileHover(model: DockerfileModel, position: Position): HoverResult | undefined {
  const ins = model.instructions.find((i) => rangeContains(i.range, position));
  if (!ins) return undefined;
  if (ins.keyword === "FROM" && ins.stage) {
    const stage = ins.stage;
    if (stage.imageRange && rangeContains(stage.imageRange, position)) {
      return { markdown: imageNote(model, stage), range: stage.imageRange };
    }
    if (rangeContains(ins.keywordRange, position) || (stage.nameRange && rangeContains(stage.nameRange, position))) {
      return {
        markdown: stageNote(model, stage),
        range: stage.nameRange && rangeContains(stage.nameRange, position) ? stage.nameRange : ins.keywordRange,
      };
    }
    return undefined;
  }
  if (ins.keyword === "COPY") {
    const from = model.flag(ins, "from");
    const valueRange = from?.getValueRange();
    const value = from?.getValue();
    if (value && valueRange && rangeContains(valueRange, position) && !model.stageByName(value) && /[/:.@]/.test(value)) {
      const ref = parseImageRef(expandVariables(value, model.globalArgDefaults));
      return { markdown: copiedImageNote(ref), range: valueRange };
    }
  }
  if (!rangeContains(ins.keywordRange, position)) return undefined;
  const note = keywordNote(model, ins);
  return note ? { markdown: note, range: ins.keywordRange } : undefined;
}

const HEADING = "**Shipshape practice**";

function link(id: string): string {
  return `[${id}](${ruleDocUrl(id)})`;
}

function roleText(model: DockerfileModel, stage: Stage): string {
  const name = stage.name ? `\`${stage.name}\`` : `#${stage.index}`;
  if (stage.role === "final") return `Stage ${name} is the **runtime stage**: this is the image that ships.`;
  if (stage.role === "dev")
    return model.isDevFile
      ? `Stage ${name} is in a **development Dockerfile**: production rules are relaxed here.`
      : `Stage ${name} is a **development stage**: production rules are relaxed here.`;
  const users = model.stages.filter(
    (s) =>
      s !== stage &&
      (s.parent === stage || s.instructions.some((i) => model.flag(i, "from")?.getValue()?.toLowerCase() === stage.name?.toLowerCase())),
  );
  const feeds = users.length ? ` It feeds ${users.map((s) => (s.name ? `\`${s.name}\`` : `#${s.index}`)).join(", ")}.` : "";
  return `Stage ${name} is a **builder stage**: it is not shipped, only what later stages copy out of it.${feeds}`;
}

function pinText(ref: ImageRef): string {
  if (ref.hasVariables) return "Pinned: unknown (the reference uses a build argument without a default).";
  if (ref.digest) return `Pinned by digest (\`@${ref.digest.slice(0, 19)}…\`): it cannot change.`;
  if (!ref.tag) return `Not pinned: no tag means \`latest\`, which moves. See ${link("dockerfile/pin-base-image")}.`;
  if (ref.tag === "latest") return `Not pinned: \`latest\` moves between builds. See ${link("dockerfile/pin-base-image")}.`;
  return `Pinned to tag \`${ref.tag}\` (a tag can be re-pushed; a digest cannot).`;
}

function factsText(facts: ImageFacts): string[] {
  const out: string[] = [];
  const family: Record<ImageFacts["family"], string> = {
    debian: facts.minimal ? "Debian slim" : "Debian (full)",
    alpine: "Alpine (musl, BusyBox)",
    distroless: "distroless",
    hardened: facts.isBuildImage ? "hardened, build (`-dev`) variant" : "hardened runtime",
    scratch: "empty (scratch)",
    unknown: "unknown",
  };
  if (facts.family === "unknown") return out;
  out.push(`Base: ${family[facts.family]}.`);
  const tools = [facts.hasShell ? "a shell" : "**no shell**", facts.hasCurl ? "curl" : "no curl", facts.hasWget ? "wget" : "no wget"];
  out.push(`It has ${tools.join(", ")}${facts.packageManager === "none" ? ", no package manager" : ""}.`);
  if (facts.defaultNonRoot) out.push("It runs as a non-root user by default.");
  return out;
}

function imageNote(model: DockerfileModel, stage: Stage): string {
  const lines = [HEADING, "", roleText(model, stage)];
  if (stage.parent) {
    lines.push("", `Builds on stage \`${stage.parent.name ?? stage.parent.index}\` (root image \`${model.rootImage(stage).raw}\`).`);
    return lines.join("\n");
  }
  const ref = stage.image;
  if (ref.isScratch) return [...lines, "", "`scratch` is an empty image: no shell, no libraries, no user database."].join("\n");
  lines.push("", `- ${pinText(ref)}`);
  const facts = imageFacts(ref);
  for (const f of factsText(facts)) lines.push(`- ${f}`);
  if (stage.role === "final") {
    const slim = ref.tag && !ref.registry && !ref.path.includes("/") ? slimTag(ref.tag) : undefined;
    if (slim && facts.isBuildImage)
      lines.push(`- The runtime needs no build tools: \`${ref.name}:${slim}\` is the same base without them.`);
    if (imageLanguage(ref) === "python" && facts.family === "alpine")
      lines.push("- Alpine uses musl: most Python wheels are built for glibc and must compile here; prefer `-slim`.");
    const hardened = hardenedEquivalent(ref);
    if (hardened)
      lines.push(
        `- Hardened alternative: \`${hardened}\` (no shell, no pip, non-root; build in \`${hardenedEquivalent(ref, undefined, true) ?? "its -dev variant"}\`).`,
      );
    if (facts.family === "hardened" && facts.isBuildImage)
      lines.push("- A `-dev` hardened image carries compilers and a shell: use it in a builder, and the variant without `-dev` here.");
  } else if (stage.role === "builder" && isHardenedImage(ref) && !facts.isBuildImage) {
    lines.push("- Hardened runtime images have no shell: RUN steps in this stage need the `-dev` variant.");
  }
  return lines.join("\n");
}

function copiedImageNote(ref: ImageRef): string {
  const lines = [
    HEADING,
    "",
    `Files are copied from the image \`${ref.raw}\`, which is pulled like a base image.`,
    "",
    `- ${pinText(ref)}`,
  ];
  if (/astral-sh\/uv|(^|\/)uv$/.test(ref.path))
    lines.push("- Copying the uv binary from a pinned image avoids `curl | sh` installers; keep it in the builder stage.");
  return lines.join("\n");
}

function stageNote(model: DockerfileModel, stage: Stage): string {
  const lines = [HEADING, "", roleText(model, stage)];
  if (stage.role === "final" && model.stages.length === 1)
    lines.push("", `Single-stage build: build tools installed here ship to production. See ${link("dockerfile/multi-stage-build")}.`);
  return lines.join("\n");
}

function keywordNote(model: DockerfileModel, ins: DockerInstruction): string | undefined {
  const stage = ins.stage;
  if (!stage) return undefined;
  const notes: string[] = [];
  switch (ins.keyword) {
    case "USER": {
      const user = ins.argsText.trim();
      notes.push(
        isRootUser(user)
          ? `Switching to root. Make sure a later \`USER\` switches back before the runtime stage starts the app (${link("dockerfile/non-root-user")}).`
          : `Run the application as an unprivileged user: create it for the base (Debian \`groupadd\`/\`useradd\`, Alpine \`addgroup -S\`/\`adduser -S\`) and switch before \`CMD\`. Use \`COPY --chown\` for files it must own (${link("dockerfile/non-root-user")}).`,
      );
      break;
    }
    case "HEALTHCHECK": {
      notes.push(
        `The probe must exist in this image: slim, distroless and hardened images have no \`curl\`. On Python images \`python -c "import urllib.request …"\` works and fails on HTTP errors; \`requests.get\` alone does not (${link("dockerfile/healthcheck-tool-available")}, ${link("dockerfile/healthcheck-status-ignored")}).`,
      );
      const suggestion = suggestedHealthcheck(model, stage);
      if (suggestion) notes.push(`For this stage:\n\n\`\`\`dockerfile\n${suggestion}\n\`\`\``);
      const h = healthcheckOf(model, ins);
      if (h?.kind === "cmd" && !h.execForm && !stageImageFacts(model, stage).hasShell)
        notes.push("This base has no shell: write the probe in the JSON form.");
      break;
    }
    case "RUN": {
      const cmds = model.shellCommands(ins);
      if (cmds.some((c) => isInvocation(c, /^(apt-get|apt)$/, "install")))
        notes.push(
          "apt: install with `--no-install-recommends` and remove `/var/lib/apt/lists/*` in the same RUN, or use cache mounts (`--mount=type=cache,target=/var/cache/apt,sharing=locked` and `…/var/lib/apt`).",
        );
      if (cmds.some((c) => isInvocation(c, "uv", "sync")))
        notes.push(
          `uv: \`uv sync --frozen --no-dev\` with \`--mount=type=cache,target=/root/.cache/uv\`; install with \`--no-install-project\` before copying the source (${link("dockerfile/uv-frozen-lockfile")}, ${link("dockerfile/uv-cache-mount")}).`,
        );
      if (cmds.some((c) => /^(pip|pip3)$/.test(programOf(c)?.name ?? "")))
        notes.push(
          "pip: cache mount on `/root/.cache/pip` or `--no-cache-dir`; install from a requirements file copied before the source.",
        );
      if (cmds.some((c) => c.after === "|" && /^(curl|wget)$/.test(programOf(c)?.name ?? "")))
        notes.push(`Piping a download into a shell runs unpinned code (${link("dockerfile/pipe-to-shell")}).`);
      if (!stageImageFacts(model, stage).hasShell && !ins.isExecForm)
        notes.push("This base image has no shell: RUN cannot work here; do this in a builder stage.");
      break;
    }
    case "COPY":
    case "ADD": {
      if (copiesWholeContext(ins))
        notes.push(
          `Copying the whole context: copy dependency manifests and install first, then the source (${link("dockerfile/dependency-manifest-before-source")}), and keep secrets out with a \`.dockerignore\` (${link("dockerfile/dockerignore-present")}).`,
        );
      else
        notes.push(
          "Copy dependency manifests (`pyproject.toml uv.lock`, `requirements*.txt`, `package*.json`) before the source so code changes keep the install layer cached.",
        );
      if (stage.role === "final" && !model.flag(ins, "chown") && effectiveUser(model, stage) && !model.flag(ins, "from"))
        notes.push(
          `Use \`--chown\` rather than a later \`RUN chown -R\`, which copies every file again (${link("dockerfile/chown-in-separate-layer")}).`,
        );
      break;
    }
    case "CMD":
    case "ENTRYPOINT":
      notes.push(
        `Use the JSON form so the process is PID 1 and receives SIGTERM (${link("dockerfile/exec-form-cmd")}).` +
          (ins.keyword === "ENTRYPOINT"
            ? ` An entrypoint script should end with \`exec "$@"\` (${link("dockerfile/entrypoint-execs-command")}).`
            : ""),
      );
      if (stage.role === "final")
        notes.push("No `--reload`, `dagster dev` or debug servers in the runtime stage; keep them in a dev stage or override.");
      break;
    case "EXPOSE":
      if (stage.role === "final" && !lineageInstructions(model, stage).some((i) => i.keyword === "HEALTHCHECK"))
        notes.push(`A service image should declare a HEALTHCHECK (${link("dockerfile/healthcheck-missing")}).`);
      break;
    case "ENV":
    case "ARG":
      notes.push(
        `Values here are stored in the image (history or config): no passwords, tokens or keys; use \`RUN --mount=type=secret\` (${link("dockerfile/secrets-in-build-args")}).`,
      );
      if (ins.keyword === "ENV" && stageLanguage(model, stage) === "python")
        notes.push("Python images: `PYTHONUNBUFFERED=1` (logs appear at once) and `PYTHONDONTWRITEBYTECODE=1`.");
      break;
    default:
      return undefined;
  }
  if (notes.length === 0) return undefined;
  return [HEADING, "", ...notes.map((n) => `- ${n}`), "", roleText(model, stage)].join("\n");
}

/** The HEALTHCHECK we would write for the stage's detected server, with the tools its image has. */
function suggestedHealthcheck(model: DockerfileModel, stage: Stage): string | undefined {
  const server = stageServer(model, stage);
  if (!server) return undefined;
  const ports = exposedPorts(model, stage);
  const port = server.portExplicit ? server.port : (ports[0] ?? server.port);
  const language = stageLanguage(model, stage);
  const spec = healthcheckFor(server.framework, port, {
    curl: stageHasTool(model, stage, "curl"),
    wget: stageHasTool(model, stage, "wget"),
    python: language === "python",
    node: language === "node",
  });
  return spec ? dockerfileHealthcheck(spec) : undefined;
}
