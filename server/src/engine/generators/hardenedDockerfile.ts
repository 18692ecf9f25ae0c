/**
 * A multi-stage Dockerfile for the project, as the practices describe: a pinned base, a builder that
 * installs the locked dependencies with a cache mount before the source is copied, and a runtime stage
 * that receives only the virtualenv (or node_modules) and the source, runs as a non-root user with an
 * exec-form command and a HEALTHCHECK that works on that base. Optionally a dev stage and compose files.
 */
import { dockerignore } from "./dockerignore";
import { execForm, lines, yamlString, type GeneratedFile } from "./files";
import { devCommand, devPort, devProbeFor, probeFor, runtimeCommand, runtimeCommandAsModule, type Probe } from "./probes";
import { appServiceName, type ProjectFacts } from "./projectFacts";

import { DEFAULT_REGISTRY, type BaseFlavour } from "../choices";

export { BASE_FLAVOURS, DEFAULT_REGISTRY, type BaseFlavour } from "../choices";

export interface DockerfileOptions {
  /** Base image family for the runtime stage (default `slim`). */
  flavour?: BaseFlavour;
  /** Registry of the hardened images (default `dhi.io`). */
  registry?: string;
  /** Add a `dev` stage with dev dependencies and reload. */
  devStage?: boolean;
  /** Also write `compose.yml` and `compose.override.yml`. */
  compose?: boolean;
  /** Also write `.dockerignore` (default true). */
  dockerignore?: boolean;
  /** Where to write the Dockerfile (default `Dockerfile`). */
  dockerfilePath?: string;
  /** More ports the runtime image serves (the Dagster code server's image also runs the web app). */
  alsoExpose?: number[];
}

/** Pinned tool versions the generated files use when the project does not pin them itself. */
export const TOOL_VERSIONS = {
  uv: "0.8.22",
  poetry: "2.1.4",
};

interface Bases {
  builder: string;
  runtime: string;
  /** Image to copy the uv binary from. */
  uvImage: string;
  uvPaths: string;
  /** Interpreter name on the runtime image. */
  python: string;
  /** Where the runtime keeps the dependencies. */
  distroless: boolean;
  /** The runtime image already runs as a non-root user with this name. */
  builtInUser: string | undefined;
  /** Extra comment lines above the FROM of the runtime stage. */
  note: string[];
}

/** The registry as a prefix: `dhi.io` unless the user names their own (a mirror), without a trailing slash. */
export function registryPrefix(registry: string | undefined): string {
  const r = (registry ?? DEFAULT_REGISTRY).trim().replace(/\/+$/, "");
  return r === "" ? DEFAULT_REGISTRY : r;
}

/**
 * The images a generated file uses for one job, per flavour: the hardened ones from the user's registry where
 * Docker Hardened Images has one the practices use (practice 000: the Python build and runtime images, the uv
 * binary, Postgres), the upstream images otherwise.
 */
export function imagesFor(flavour: BaseFlavour, registry: string, pythonVersion: string) {
  const hardened = flavour === "hardened";
  return {
    /** Where the uv binary is copied from, and the paths to copy. */
    uv: hardened
      ? { image: `${registry}/uv:0-debian13-dev`, paths: "/usr/local/bin/uv /usr/local/bin/uvx /usr/local/bin/" }
      : { image: `ghcr.io/astral-sh/uv:${TOOL_VERSIONS.uv}`, paths: "/uv /uvx /bin/" },
    /** A Python image with pip and a shell, for building and for single-stage development images. */
    pythonDev: hardened ? `${registry}/python:${pythonVersion}-debian13-dev` : `python:${pythonVersion}-slim`,
    /** The database; the hardened one as practice 000 runs it. */
    postgres: hardened ? `${registry}/postgres:17-alpine3.22` : "postgres:17.6-alpine",
  };
}

function pythonBases(facts: ProjectFacts, flavour: BaseFlavour, registry: string): Bases {
  const v = facts.pythonVersion;
  const astralUv = { uvImage: `ghcr.io/astral-sh/uv:${TOOL_VERSIONS.uv}`, uvPaths: "/uv /uvx /bin/" };
  if (flavour === "hardened") {
    const images = imagesFor(flavour, registry, v);
    return {
      builder: images.pythonDev,
      runtime: `${registry}/python:${v}-debian13`,
      uvImage: images.uv.image,
      uvPaths: images.uv.paths,
      python: "python",
      distroless: false,
      builtInUser: "nonroot",
      note: ["# Hardened runtime: no shell, no pip, no package manager, and a non-root user already."],
    };
  }
  if (flavour === "distroless") {
    // distroless ships the Debian Python of its release, so the builder must use the same minor version
    const modern = Number(v.split(".")[1] ?? "0") >= 12;
    const release = modern ? "debian13" : "debian12";
    const py = modern ? "3.13" : "3.11";
    return {
      builder: `python:${py}-slim-${modern ? "trixie" : "bookworm"}`,
      runtime: `gcr.io/distroless/python3-${release}:nonroot`,
      ...astralUv,
      python: "python3",
      distroless: true,
      builtInUser: "nonroot",
      note: [
        `# Distroless ships Debian's Python ${py}: the builder uses the same version, and the`,
        "# dependencies are copied as site-packages (a virtualenv would point at the builder's interpreter).",
      ],
    };
  }
  return {
    builder: `python:${v}-slim`,
    runtime: `python:${v}-slim`,
    ...astralUv,
    python: "python",
    distroless: false,
    builtInUser: undefined,
    note: [],
  };
}

function nodeBases(facts: ProjectFacts, flavour: BaseFlavour, registry: string): Bases {
  const v = facts.nodeVersion;
  const common = { uvImage: "", uvPaths: "", python: "python3" };
  if (flavour === "hardened") {
    return {
      ...common,
      builder: `${registry}/node:${v}-debian13-dev`,
      runtime: `${registry}/node:${v}-debian13`,
      distroless: false,
      builtInUser: "node",
      note: ["# Hardened runtime: no shell, no npm, and a non-root user already."],
    };
  }
  if (flavour === "distroless") {
    return {
      ...common,
      builder: `node:${v}-slim`,
      runtime: `gcr.io/distroless/nodejs${v}-debian12:nonroot`,
      distroless: true,
      builtInUser: "nonroot",
      note: ["# Distroless: no shell and no npm; the image's entrypoint is node itself."],
    };
  }
  return {
    ...common,
    builder: `node:${v}-slim`,
    runtime: `node:${v}-slim`,
    distroless: false,
    builtInUser: "node",
    note: [],
  };
}

export function generateHardenedDockerfile(facts: ProjectFacts, options: DockerfileOptions = {}): GeneratedFile[] {
  const flavour = options.flavour ?? "slim";
  const registry = registryPrefix(options.registry);
  const dockerfilePath = options.dockerfilePath ?? "Dockerfile";
  const dockerfile =
    facts.platform === "node" ? nodeDockerfile(facts, flavour, registry, options) : pythonDockerfile(facts, flavour, registry, options);
  const files: GeneratedFile[] = [{ path: dockerfilePath, contents: dockerfile }];
  if (options.dockerignore !== false) files.push(...dockerignore(facts));
  if (options.compose) files.push(...composeFiles(facts, flavour, options, dockerfilePath));
  return files;
}

/** COPY lines for the source paths, from the build context or from a stage. */
function copySource(facts: ProjectFacts, from?: string): string[] {
  const out: string[] = [];
  const looseFiles: string[] = [];
  for (const p of facts.sourcePaths) {
    if (p === ".") {
      out.push(from ? `COPY --from=${from} /app /app` : "COPY . .");
    } else if (/\.[A-Za-z0-9]+$/.test(p)) looseFiles.push(p);
    else out.push(from ? `COPY --from=${from} /app/${p} /app/${p}` : `COPY ${p}/ ${p}/`);
  }
  if (looseFiles.length > 0) {
    out.push(from ? looseFiles.map((f) => `COPY --from=${from} /app/${f} /app/${f}`).join("\n") : `COPY ${looseFiles.join(" ")} ./`);
  }
  return out;
}

/** A plain script is not a server: no port to publish and nothing to probe over HTTP. */
export function isServer(facts: ProjectFacts): boolean {
  return facts.framework !== "script";
}

function healthcheckLine(probe: Probe): string {
  return `HEALTHCHECK --interval=30s --timeout=5s --start-period=${probe.startPeriod} --retries=3 \\\n    CMD ${execForm(probe.test)}`;
}

function healthNote(facts: ProjectFacts): string | false {
  if (facts.healthPathFound || facts.framework === "dagster") return false;
  return `# The probe calls ${facts.healthPath}; add that route to the app (it has none yet).`;
}

function pythonDockerfile(facts: ProjectFacts, flavour: BaseFlavour, registry: string, options: DockerfileOptions): string {
  const b = pythonBases(facts, flavour, registry);
  const cache = (target: string) => `--mount=type=cache,target=${target}`;
  const builder: string[] = [`FROM ${b.builder} AS builder`, ""];
  const installSteps: { deps: string[]; project: string[]; dev: string[] } = { deps: [], project: [], dev: [] };
  const manifests = facts.manifests.join(" ");
  // without a lockfile `uv sync` resolves at build time; say so where it happens, and how to fix it
  const unlocked = facts.lockfile
    ? []
    : ["# shipshape-ignore dockerfile/uv-frozen-lockfile -- no uv.lock yet: run `uv lock`, commit uv.lock, and add --frozen"];
  if (facts.packageManager === "uv") {
    builder.push(
      `COPY --from=${b.uvImage} ${b.uvPaths}`,
      "",
      "# Compile bytecode once at build time; copy (not hard-link) out of the cache mount;",
      "# use the image's Python, never a downloaded one.",
      "ENV UV_COMPILE_BYTECODE=1 \\",
      "    UV_LINK_MODE=copy \\",
      "    UV_PYTHON_DOWNLOADS=0",
      "",
      "WORKDIR /app",
      "",
      "# Dependencies first: this layer is rebuilt only when the manifests change.",
      `COPY ${manifests} ./`,
      ...unlocked,
      `RUN ${cache("/root/.cache/uv")} \\`,
      `    uv sync ${facts.lockfile ? "--frozen " : ""}--no-dev --no-install-project`,
    );
    installSteps.project = facts.isPackage
      ? [...unlocked, `RUN ${cache("/root/.cache/uv")} \\`, `    uv sync ${facts.lockfile ? "--frozen " : ""}--no-dev`]
      : [];
    installSteps.dev = [...unlocked, `RUN ${cache("/root/.cache/uv")} \\`, `    uv sync ${facts.lockfile ? "--frozen" : ""}`.trimEnd()];
  } else if (facts.packageManager === "poetry") {
    builder.push(
      "ENV POETRY_VIRTUALENVS_IN_PROJECT=1 \\",
      "    POETRY_NO_INTERACTION=1",
      "",
      `RUN ${cache("/root/.cache/pip")} \\`,
      `    pip install poetry==${TOOL_VERSIONS.poetry}`,
      "",
      "WORKDIR /app",
      "",
      "# Dependencies first: this layer is rebuilt only when the manifests change.",
      `COPY ${manifests} ./`,
      `RUN ${cache("/root/.cache/pypoetry")} \\`,
      "    poetry install --only main --no-root",
    );
    installSteps.project = facts.isPackage ? [`RUN ${cache("/root/.cache/pypoetry")} \\`, "    poetry install --only main"] : [];
    installSteps.dev = [`RUN ${cache("/root/.cache/pypoetry")} \\`, "    poetry install"];
  } else {
    builder.push(
      "WORKDIR /app",
      "",
      "RUN python -m venv /app/.venv",
      'ENV PATH="/app/.venv/bin:$PATH"',
      "",
      "# Dependencies first: this layer is rebuilt only when the requirements change.",
      `COPY ${manifests} ./`,
      `RUN ${cache("/root/.cache/pip")} \\`,
      `    pip install -r ${facts.manifests[0] ?? "requirements.txt"}`,
    );
    installSteps.dev = facts.devRequirements
      ? [`COPY ${facts.devRequirements} ./`, `RUN ${cache("/root/.cache/pip")} \\`, `    pip install -r ${facts.devRequirements}`]
      : [];
  }
  const packageInstall = installSteps.project.length > 0;
  if (packageInstall) {
    builder.push(
      "",
      "# Then the source, and the project itself.",
      ...copySource(facts),
      ...(facts.buildFiles.length ? [`COPY ${facts.buildFiles.join(" ")} ./`] : []),
      ...installSteps.project,
    );
  }

  const dev: string[] = [];
  if (options.devStage) {
    dev.push(
      "# Development: all dependency groups and reload. Build it with `--target dev`;",
      "# compose.override.yml mounts the source over /app.",
      "FROM builder AS dev",
      "",
      // dependencies before the source (the project itself is installed in the builder already, when it is a package)
      ...installSteps.dev,
      ...(packageInstall ? [] : copySource(facts)),
      'ENV PATH="/app/.venv/bin:$PATH" \\',
      "    PYTHONUNBUFFERED=1",
      "",
      ...(isServer(facts) ? [`EXPOSE ${devPort(facts)}`] : []),
      `CMD ${execForm(devCommand(facts))}`,
    );
  }

  const probe = probeFor(facts, {
    python: b.python,
    dagster: b.distroless ? [b.python, "-m", "dagster"] : undefined,
  });
  const runtime: string[] = [...b.note, `FROM ${b.runtime} AS runtime`, ""];
  runtime.push("WORKDIR /app", "");
  if (!b.builtInUser) {
    runtime.push(
      "# An unprivileged user with a fixed id (files stay root-owned, so the app cannot rewrite itself).",
      "RUN groupadd --system --gid 10001 app \\",
      "    && useradd --system --no-log-init --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app",
      "",
    );
  }
  const srcPythonPath = facts.srcLayout && !facts.isPackage ? "/app/src" : undefined;
  if (b.distroless) {
    const site = `/app/.venv/lib/python${b.builder.replace(/^python:(\d+\.\d+).*$/, "$1")}/site-packages`;
    runtime.push(
      "# Only the installed dependencies and the source.",
      `COPY --from=builder ${site} /app/site-packages`,
      ...(packageInstall ? copySource(facts, "builder") : copySource(facts)),
      "",
      "ENV PYTHONPATH=" + ["/app/site-packages", srcPythonPath ?? (facts.srcLayout ? "/app/src" : "/app")].join(":") + " \\",
    );
  } else {
    runtime.push(
      "# Only the virtualenv and the source: no compilers, no package manager caches.",
      "COPY --from=builder /app/.venv /app/.venv",
      ...(packageInstall ? copySource(facts, "builder") : copySource(facts)),
      "",
      `ENV PATH="/app/.venv/bin:$PATH" \\`,
      ...(srcPythonPath ? [`    PYTHONPATH=${srcPythonPath} \\`] : []),
    );
  }
  runtime.push("    PYTHONUNBUFFERED=1 \\", "    PYTHONDONTWRITEBYTECODE=1", "");
  runtime.push(`USER ${b.builtInUser ?? "app"}`, "");
  if (isServer(facts)) {
    runtime.push(`EXPOSE ${[facts.port, ...(options.alsoExpose ?? [])].join(" ")}`, "");
    const note = healthNote(facts);
    if (note) runtime.push(note);
    runtime.push(healthcheckLine(probe), "");
  }
  if (b.distroless) {
    const cmd = runtimeCommandAsModule(facts, b.python);
    runtime.push(`ENTRYPOINT ${execForm(cmd.slice(0, cmd[1] === "-m" ? 3 : 1))}`, `CMD ${execForm(cmd.slice(cmd[1] === "-m" ? 3 : 1))}`);
  } else {
    runtime.push(`CMD ${execForm(runtimeCommand(facts))}`);
  }
  return lines(
    "# syntax=docker/dockerfile:1",
    `# ${facts.name}: multi-stage image (${facts.packageManager}, ${facts.framework}, Python ${facts.pythonVersion}). Generated by Shipshape.`,
    "",
    ...builder,
    "",
    ...(dev.length ? [...dev, ""] : []),
    ...runtime,
  );
}

function nodeDockerfile(facts: ProjectFacts, flavour: BaseFlavour, registry: string, options: DockerfileOptions): string {
  const b = nodeBases(facts, flavour, registry);
  const pm = facts.packageManager;
  const cacheTarget = pm === "pnpm" ? "/root/.local/share/pnpm/store" : pm === "yarn" ? "/usr/local/share/.cache/yarn" : "/root/.npm";
  const cache = `--mount=type=cache,target=${cacheTarget}`;
  const frozen = facts.lockfile !== undefined;
  const installAll =
    pm === "pnpm"
      ? `pnpm install${frozen ? " --frozen-lockfile" : ""}`
      : pm === "yarn"
        ? `yarn install${frozen ? " --frozen-lockfile" : ""}`
        : frozen
          ? "npm ci"
          : "npm install";
  const installProd = pm === "pnpm" ? `${installAll} --prod` : pm === "yarn" ? `${installAll} --production` : `${installAll} --omit=dev`;
  const prune = pm === "pnpm" ? "pnpm prune --prod" : pm === "yarn" ? `${installAll} --production` : "npm prune --omit=dev";
  const builder: string[] = [`FROM ${b.builder} AS builder`, "", "WORKDIR /app", ""];
  if (pm !== "npm") builder.push("RUN corepack enable", "");
  builder.push("# Dependencies first: this layer is rebuilt only when the manifests change.", `COPY ${facts.manifests.join(" ")} ./`);
  if (facts.hasBuildScript) {
    builder.push(
      `RUN ${cache} \\`,
      `    ${installAll}`,
      "",
      ...copySource(facts),
      `RUN ${pm === "npm" ? "npm run build" : `${pm} run build`} \\`,
      `    && ${prune}`,
    );
  } else {
    builder.push(`RUN ${cache} \\`, `    ${installProd}`);
  }
  const dev: string[] = [];
  if (options.devStage) {
    dev.push(
      "# Development: all dependencies and a watching server. Build it with `--target dev`.",
      "FROM builder AS dev",
      "",
      `RUN ${cache} \\`,
      `    ${installAll}`,
      ...(facts.hasBuildScript ? [] : copySource(facts)),
      "ENV NODE_ENV=development",
      `EXPOSE ${devPort(facts)}`,
      `CMD ${execForm(devCommand(facts))}`,
    );
  }
  const nodeBin = b.distroless ? "/nodejs/bin/node" : "node";
  const probe = probeFor(facts, { node: nodeBin });
  const runtime: string[] = [...b.note, `FROM ${b.runtime} AS runtime`, "", "ENV NODE_ENV=production", "WORKDIR /app", ""];
  runtime.push(
    "# Only the production dependencies and the source.",
    "COPY --from=builder /app/node_modules ./node_modules",
    ...(facts.buildOutput
      ? [`COPY --from=builder /app/${facts.buildOutput} ./${facts.buildOutput}`, "COPY package.json ./"]
      : copySource(facts)),
    "",
    // hardened node images run as their own non-root user: keep it (its name is not documented)
    ...(flavour === "hardened" ? ["# The hardened runtime already runs as a non-root user."] : [`USER ${b.builtInUser ?? "node"}`]),
    "",
    `EXPOSE ${facts.port}`,
    "",
  );
  const note = healthNote(facts);
  if (note) runtime.push(note);
  runtime.push(healthcheckLine(probe), "");
  runtime.push(b.distroless ? `CMD ${execForm([facts.entry])}` : `CMD ${execForm(runtimeCommand(facts))}`);
  return lines(
    "# syntax=docker/dockerfile:1",
    `# ${facts.name}: multi-stage image (${pm}, Node ${facts.nodeVersion}). Generated by Shipshape.`,
    "",
    ...builder,
    "",
    ...(dev.length ? [...dev, ""] : []),
    ...runtime,
  );
}

/** The bind mounts that put the source into a dev container. */
export function sourceMounts(facts: ProjectFacts, keep?: string): string[] {
  const loose = facts.sourcePaths.some((p) => p === "." || /\.[A-Za-z0-9]+$/.test(p));
  if (!loose) return facts.sourcePaths.map((p) => `./${p}:/app/${p}`);
  // a bind-mounted single file goes stale when an editor saves by replacing it: mount the folder, and keep
  // the image's own environment (an anonymous volume over it) instead of the host's
  return ["./:/app", ...(keep ? [keep] : [])];
}

/**
 * Compose Watch for a development service whose source is bind-mounted: edits arrive through the mount, but a new
 * dependency needs a new image, so a change to a manifest or the lockfile rebuilds it (`docker compose watch`, or
 * `up --watch`). Indented for a service's keys.
 */
export function developWatch(facts: ProjectFacts): string[] {
  const paths = [...facts.manifests, ...(facts.devRequirements ? [facts.devRequirements] : [])];
  if (paths.length === 0) return [];
  return [
    "    # docker compose watch (or up --watch): the source is mounted; new dependencies rebuild the image",
    "    develop:",
    "      watch:",
    ...[...new Set(paths)].flatMap((p) => ["        - action: rebuild", `          path: ./${p}`]),
  ];
}

function composeFiles(facts: ProjectFacts, flavour: BaseFlavour, options: DockerfileOptions, dockerfilePath: string): GeneratedFile[] {
  const service = appServiceName(facts);
  const probe = probeFor(facts, {
    python: flavour === "distroless" ? "python3" : "python",
    node: flavour === "distroless" ? "/nodejs/bin/node" : "node",
    dagster: flavour === "distroless" ? ["python3", "-m", "dagster"] : undefined,
  });
  const base = lines(
    "# Production-like base: the image as built, no source mounts. Development settings live in compose.override.yml.",
    `name: ${facts.slug}`,
    "",
    "services:",
    `  ${service}:`,
    "    build:",
    "      context: .",
    ...(dockerfilePath !== "Dockerfile" ? [`      dockerfile: ${dockerfilePath}`] : []),
    "      target: runtime",
    ...(isServer(facts)
      ? [
          // a Dagster code server speaks gRPC to the webserver and daemon: nothing to publish on the host
          ...(facts.framework === "dagster" ? [] : ["    ports:", `      - ${yamlString(`${facts.port}:${facts.port}`)}`]),
          "    healthcheck:",
          `      test: ${execForm(["CMD", ...probe.test])}`,
          "      interval: 30s",
          "      timeout: 5s",
          "      retries: 3",
          `      start_period: ${probe.startPeriod}`,
          "    restart: unless-stopped",
        ]
      : ["    restart: on-failure"]),
    "    deploy:",
    "      resources:",
    "        limits:",
    "          memory: 512M",
  );
  // the command the override runs: the dev stage's own CMD, or the dev command on the runtime image (where a
  // distroless ENTRYPOINT already names the program, so only its arguments go into `command`)
  const distroless = flavour === "distroless";
  const dev = devCommand(facts);
  let command: string[] | undefined;
  if (!options.devStage && isServer(facts) && facts.framework !== "dagster") {
    if (!distroless) command = dev;
    else if (facts.platform === "node") command = ["--watch", facts.entry];
    else command = dev.slice(1);
  }
  const keep = facts.platform === "node" ? "/app/node_modules" : distroless && !options.devStage ? "/app/site-packages" : "/app/.venv";
  const devProbe = devProbeFor(facts, { python: "python", node: "node" });
  const override = lines(
    "# Development overrides, picked up automatically by `docker compose up`.",
    "# Production: docker compose -f compose.yml up -d",
    "services:",
    `  ${service}:`,
    ...(options.devStage ? ["    build:", "      target: dev"] : []),
    ...(command ? [`    command: ${execForm(command)}`] : []),
    ...(options.devStage && isServer(facts)
      ? [
          // the dev stage runs its own server (`dagster dev` serves the UI on its own port) with the builder's tools
          ...(facts.framework === "dagster" ? ["    ports:", `      - ${yamlString(`${devPort(facts)}:${devPort(facts)}`)}`] : []),
          "    healthcheck:",
          `      test: ${execForm(["CMD", ...devProbe.test])}`,
          `      start_period: ${devProbe.startPeriod}`,
        ]
      : []),
    "    volumes:",
    ...sourceMounts(facts, keep).map((m) => `      - ${m}`),
    "    environment:",
    facts.platform === "node" ? "      NODE_ENV: development" : "      LOG_LEVEL: debug",
    ...developWatch(facts),
  );
  return [
    { path: "compose.yml", contents: base },
    { path: "compose.override.yml", contents: override },
  ];
}
