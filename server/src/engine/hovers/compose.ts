import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import { commandText, dependsOn, servicePorts } from "../analysis/compose";
import { serviceHasHealthcheck } from "../analysis/composeFiles";
import { recommendedHealthcheck } from "../analysis/composeHealth";
import { composeImageInfo, healthcheckYaml, imageHasTool, isFloatingTag } from "../knowledge/composeImages";
import { scalarText, type ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import { parseImageRef } from "../model/imageRef";
import { mergedServiceMarkdown } from "../navigation/composeMerge";
import { relative } from "../paths";
import type { Position } from "../text";
import type { HoverResult } from "./dockerfile";

/** What sits under the cursor: the key path to it, and whether it is a key or a value. */
export interface YamlLocation {
  /** Keys from the root (`["services", "api", "depends_on", "0"]`); list items as their index. */
  path: string[];
  node: Node;
  /** The pair whose key or value holds the cursor. */
  pair?: Pair;
  isKey: boolean;
}

/** Finds the innermost key or scalar value at `offset` (aliases are not followed: the cursor is in this text). */
export function locate(file: ComposeFileModel, offset: number): YamlLocation | undefined {
  const inside = (n: unknown) => {
    const r = (n as Node | null)?.range;
    return !!r && r[0] <= offset && offset <= r[1];
  };
  let node: unknown = file.doc.contents;
  const path: string[] = [];
  let found: YamlLocation | undefined;
  for (let depth = 0; depth < 64 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key) || inside(p.value));
      if (!pair) return found;
      const key = scalarText(pair.key) ?? "";
      if (inside(pair.key)) return { path: [...path, key], node: pair.key as Node, pair, isKey: true };
      path.push(key);
      found = { path: [...path], node: pair.value as Node, pair, isKey: false };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => inside(it));
      if (i < 0) return found;
      path.push(String(i));
      found = { path: [...path], node: node.items[i] as Node, pair: found?.pair, isKey: false };
      node = node.items[i];
    } else {
      return found;
    }
  }
  return found;
}

/** Our note per key, tied to the rule that checks it. */
const SERVICE_KEY_NOTES: Record<string, string> = {
  image: "Pin a version tag or digest; `latest` and other moving tags start different software over time (`compose/pin-image`).",
  depends_on:
    "The short form only waits for the container to start. Use `condition: service_healthy` for dependencies with a healthcheck (`compose/depends-on-healthy`).",
  healthcheck:
    "Use a probe the image has (`pg_isready`, `redis-cli ping`, `dagster api grpc-health-check`); slim and hardened images have no curl or wget. Give a `start_period` for slow starts (`compose/healthcheck-missing`, `compose/healthcheck-tool-available`).",
  ports:
    'Quote entries (`"8080:80"`). Bind databases and caches to `127.0.0.1`; services reach each other over the Compose network without publishing (`compose/quote-ports`, `compose/bind-to-localhost`).',
  environment:
    "No literal passwords, tokens or keys: use `${VAR}` with the value in an uncommitted `.env` (documented in `.env.example`), or a secret with the `_FILE` convention (`compose/no-literal-secrets`).",
  env_file: "The file must exist; keep files with secrets out of git (`compose/env-file`).",
  restart: "Long-running services in the base file should come back after a crash or reboot: `unless-stopped` (`compose/restart-policy`).",
  deploy: "Set `resources.limits.memory` so one service cannot take the host's memory (`compose/resource-limits`).",
  volumes:
    "Source-code bind mounts belong in an override file; never mount `/var/run/docker.sock` (`compose/dev-settings-in-base-file`, `compose/docker-socket-mount`).",
  command: "`--reload`, debuggers and `dagster dev` belong in an override file (`compose/dev-settings-in-base-file`).",
  entrypoint: "`--reload`, debuggers and `dagster dev` belong in an override file (`compose/dev-settings-in-base-file`).",
  build:
    "The context, the Dockerfile and the `target` stage must exist; a `Dockerfile.dev` belongs in an override file (`compose/build-context`).",
  privileged: "Gives the container full access to the host; add only the capability the service needs (`compose/privileged`).",
  network_mode: "`host` removes network isolation (`compose/host-network`).",
  profiles:
    "Put development helpers (pgAdmin, Mailhog …) behind a profile so they start only when asked for (`compose/dev-helpers-need-profile`).",
  secrets: "Mounted at `/run/secrets/<name>`; images such as postgres read them through `*_FILE` variables.",
  container_name: "Must be unique on the host and stops `--scale`; usually not needed (`compose/duplicate-container-name`).",
};
const TOP_LEVEL_NOTES: Record<string, string> = {
  version: "Obsolete: Compose ignores it and warns. Remove it (`compose/no-version-key`).",
  services:
    "Keep this file production-like; development settings go to `compose.override.yml` or `compose-dev.yml` (`compose/dev-settings-in-base-file`).",
  secrets: "File-based secrets, mounted read-only at `/run/secrets/<name>`; keep the files out of git.",
  include: "Services of included files resolve references in this project.",
};

/**
 * Our notes for a position in a compose file: practice notes over keys, the merged definition over a service
 * name in `depends_on`, pin status and the recommended healthcheck over an `image`. The server shows this
 * below the schema description. Undefined when we have nothing to add.
 */
export function composeHover(file: ComposeFileModel, project: ComposeProject, position: Position): HoverResult | undefined {
  const loc = locate(file, file.lines.offsetAt(position));
  if (!loc) return undefined;
  const range = file.rangeOf(loc.node);
  const [top, service, key, ...rest] = loc.path;
  if (top === "services" && service !== undefined && key === "depends_on" && rest.length === 1) {
    const name = loc.isKey ? rest[0] : scalarText(loc.node);
    if (name) return { markdown: serviceSummary(project, name), range };
  }
  if (top === "services" && service !== undefined && key === "image" && rest.length === 0 && !loc.isKey && isScalar(loc.node)) {
    return { markdown: imageSummary(project, service, String(loc.node.value)), range };
  }
  if (loc.isKey) {
    if (loc.path.length === 1 && top && TOP_LEVEL_NOTES[top]) return { markdown: TOP_LEVEL_NOTES[top] as string, range };
    if (top === "services" && loc.path.length === 2 && service) {
      // the table of merged values says more than the summary only when several files or an extends chain meet
      const merged =
        project.definitions(service).length > 1 || project.extendsOf(service) !== undefined
          ? mergedServiceMarkdown(project, service)
          : undefined;
      return { markdown: serviceSummary(project, service) + (merged ? `\n\n${merged}` : ""), range };
    }
    if (top === "services" && loc.path.length === 3 && key && SERVICE_KEY_NOTES[key])
      return { markdown: SERVICE_KEY_NOTES[key] as string, range };
  }
  return undefined;
}

function serviceSummary(project: ComposeProject, name: string): string {
  const defs = project.definitions(name);
  if (defs.length === 0)
    return `**${name}**: not defined in this project (files: ${project.files.map((f) => relative(project.dir, f.path)).join(", ")}).`;
  const lines = [`**Service \`${name}\`**, merged from ${defs.map((d) => `\`${relative(project.dir, d.file.path)}\``).join(" + ")}`];
  const image = project.image(name);
  const build = project.value(name, "build");
  if (image) lines.push(`- image: \`${image}\``);
  if (build) lines.push(`- build: ${isScalar(build.value) ? `\`${String(build.value.value)}\`` : "yes"}`);
  const hc = project.healthcheck(name);
  if (hc && isMap(hc.value)) {
    lines.push(
      `- healthcheck: \`${commandText(hc.file, hc.file.get(hc.value, "test")) ?? "yes"}\` (in \`${relative(project.dir, hc.file.path)}\`)`,
    );
  } else if (serviceHasHealthcheck(project, name)) {
    lines.push("- healthcheck: from the Dockerfile's HEALTHCHECK");
  } else {
    lines.push("- healthcheck: none (dependents cannot use `condition: service_healthy`)");
  }
  const ports = defs
    .flatMap((d) => servicePorts(d.file, d))
    .map((p) => (isScalar(p.node) ? String(p.node.value) : `${p.hostPort ?? ""}:${p.containerPort}`));
  if (ports.length) lines.push(`- ports: ${ports.map((p) => `\`${p}\``).join(", ")}`);
  const deps = [...new Set(defs.flatMap((d) => dependsOn(d.file, d).map((e) => e.name)))];
  if (deps.length) lines.push(`- depends on: ${deps.map((d) => `\`${d}\``).join(", ")}`);
  const profiles = project.value(name, "profiles");
  if (profiles)
    lines.push(
      `- profiles: ${profiles.file
        .items(profiles.value)
        .map((i) => `\`${scalarText(i)}\``)
        .join(", ")}`,
    );
  return lines.join("\n");
}

function imageSummary(project: ComposeProject, service: string, image: string): string {
  const ref = parseImageRef(image);
  const lines: string[] = [];
  if (ref.hasVariables) lines.push(`**\`${image}\`**: the reference uses variables; pinning depends on their values.`);
  else if (ref.digest) lines.push(`**\`${image}\`**: pinned by digest.`);
  else if (isFloatingTag(ref))
    lines.push(
      `**\`${image}\`**: not pinned (${ref.tag ? `\`${ref.tag}\` moves` : "no tag means `latest`"}). Pin a version tag or a digest.`,
    );
  else lines.push(`**\`${image}\`**: pinned to tag \`${ref.tag}\`.`);
  const info = composeImageInfo(image);
  if (info) lines.push(`\n${info.label}.`);
  const tools = (["curl", "wget"] as const).filter((t) => imageHasTool(image, t) === false);
  if (tools.length) lines.push(`\nNo ${tools.map((t) => `\`${t}\``).join(" or ")} in this image: healthchecks must use another probe.`);
  const rec = recommendedHealthcheck(project, service);
  if (rec) lines.push("\nRecommended healthcheck:\n```yaml\n" + healthcheckYaml(rec.recipe, "").join("\n") + "\n```");
  return lines.join("\n");
}
