/**
 * A Dagster deployment as the practices lay it out: Postgres for run/event storage, the project's code
 * served by a gRPC code server, the webserver and the daemon loading definitions from it, plus a
 * development override that runs everything in one `dagster dev` container. Secrets reach the
 * containers only through `.env` (documented by `.env.example`).
 */
import { dockerignore } from "./dockerignore";
import { envGitignore, execForm, lines, type GeneratedFile } from "./files";
import {
  developWatch,
  generateHardenedDockerfile,
  imagesFor,
  registryPrefix,
  sourceMounts,
  TOOL_VERSIONS,
  type BaseFlavour,
} from "./hardenedDockerfile";
import { devCommand, probeFor, runtimeCommand, runtimeCommandAsModule } from "./probes";
import { appServiceName, moduleNameOf, type ProjectFacts } from "./projectFacts";

export interface DagsterOptions {
  flavour?: BaseFlavour;
  registry?: string;
  /** Also write the `dagster dev` override and its Dockerfile (default true). */
  devOverride?: boolean;
  /** Also run the project's web app (FastAPI, Flask, Django, Streamlit) from the code server's image (default: when there is one). */
  app?: boolean;
}

/** The plan's line about the web app, when the project has one: in the stack, or left out with `--no-app`. */
export function dagsterAppNote(facts: ProjectFacts, options: DagsterOptions = {}): string | undefined {
  const entry = dagsterWebApp(facts);
  if (entry === undefined) return undefined;
  return options.app === false
    ? `the web app (${entry}) is left out (--no-app)`
    : `the stack includes the web app as service ${appServiceName(facts)} (${entry}, port ${facts.port}); --no-app leaves it out`;
}

const WEB_FRAMEWORKS: readonly ProjectFacts["framework"][] = ["fastapi", "flask", "django", "streamlit"];

/** The web app's entry point (`module:app`) when the project has one beside its Dagster definitions, else undefined. */
export function dagsterWebApp(facts: ProjectFacts): string | undefined {
  return facts.platform === "python" && WEB_FRAMEWORKS.includes(facts.framework) ? facts.entry : undefined;
}

export const DAGSTER_DEFAULTS = {
  version: "1.11.13",
  grpcPort: 4000,
  webserverPort: 3000,
  home: "/opt/dagster/dagster_home",
};

/** Library versions follow the core: dagster 1.11.13 goes with dagster-postgres 0.27.13. */
export function libraryVersionFor(core: string): string {
  const m = /^1\.(\d+)\.(\d+)/.exec(core);
  return m ? `0.${Number(m[1]) + 16}.${m[2]}` : "0.27.13";
}

const PASSWORD_REQUIRED = "${DAGSTER_PG_PASSWORD:?copy .env.example to .env and set DAGSTER_PG_PASSWORD}";

export function generateDagster(facts: ProjectFacts, options: DagsterOptions = {}): GeneratedFile[] {
  const module = facts.dagsterModule ?? (facts.framework === "dagster" ? facts.entry : `${moduleNameOf(facts.name)}.definitions`);
  const grpcPort = DAGSTER_DEFAULTS.grpcPort;
  const codeFacts: ProjectFacts = { ...facts, framework: "dagster", entry: module, port: grpcPort, healthPath: "", healthPathFound: true };
  const core = facts.lockedVersions.get("dagster") ?? DAGSTER_DEFAULTS.version;
  const webserverVersion = facts.lockedVersions.get("dagster-webserver") ?? core;
  const postgresVersion = facts.lockedVersions.get("dagster-postgres") ?? libraryVersionFor(core);
  const flavour = options.flavour ?? "slim";
  const location = facts.slug;
  const home = DAGSTER_DEFAULTS.home;
  const registry = registryPrefix(options.registry);
  const images = imagesFor(flavour, registry, facts.pythonVersion);
  // the hardened Postgres may have no shell (practice 000 does not say): its probe runs pg_isready itself, with the
  // user and database Compose fills in from .env
  const postgresProbe =
    flavour === "hardened"
      ? execForm(["CMD", "pg_isready", "-U", "${DAGSTER_PG_USER:-dagster}", "-d", "${DAGSTER_PG_DB:-dagster}"])
      : '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d $${POSTGRES_DB}"]';

  // the web app beside the definitions (the pluginlake layout): the user-code image installs the project, so it runs there
  const withApp = options.app !== false && dagsterWebApp(facts) !== undefined;

  const userCode = generateHardenedDockerfile(codeFacts, {
    flavour,
    registry,
    dockerfilePath: "docker/user-code.Dockerfile",
    dockerignore: true,
    alsoExpose: withApp ? [facts.port] : undefined,
  });

  const grpcProbe = probeFor(codeFacts, { dagster: flavour === "distroless" ? ["python3", "-m", "dagster"] : undefined });
  const webProbe = probeFor({ ...codeFacts, framework: "fastapi", port: DAGSTER_DEFAULTS.webserverPort, healthPath: "/server_info" });

  const appName = appServiceName(facts);
  const appProbe = probeFor(facts, flavour === "distroless" ? { python: "python3" } : undefined);
  const appCommand = flavour === "distroless" ? runtimeCommandAsModule(facts, "python3") : runtimeCommand(facts);

  const configMounts = [
    `      - ./dagster/dagster.yaml:${home}/dagster.yaml:ro`,
    `      - ./dagster/workspace.yaml:${home}/workspace.yaml:ro`,
  ];
  const healthcheck = (test: string[], startPeriod: string) => [
    "    healthcheck:",
    `      test: ${execForm(["CMD", ...test])}`,
    "      interval: 10s",
    "      timeout: 5s",
    "      retries: 5",
    `      start_period: ${startPeriod}`,
  ];
  const limits = (memory: string) => ["    deploy:", "      resources:", "        limits:", `          memory: ${memory}`];
  const dependsOn = (names: string[]) => [
    "    depends_on:",
    ...names.flatMap((n) => [`      ${n}:`, "        condition: service_healthy"]),
  ];

  const compose = lines(
    `# Dagster for ${facts.name}: Postgres storage, the code server (gRPC), the webserver and the daemon.`,
    "# Secrets come from .env (copy .env.example); none are written here. Generated by Shipshape.",
    `name: ${facts.slug}`,
    "",
    "x-dagster-env: &dagster-env",
    `  DAGSTER_HOME: ${home}`,
    "  DAGSTER_PG_HOST: postgres",
    "  DAGSTER_PG_DB: ${DAGSTER_PG_DB:-dagster}",
    "  DAGSTER_PG_USER: ${DAGSTER_PG_USER:-dagster}",
    `  DAGSTER_PG_PASSWORD: ${PASSWORD_REQUIRED}`,
    "",
    "# The webserver and the daemon share one image and configuration.",
    "x-dagster-system: &dagster-system",
    "  build:",
    "    context: .",
    "    dockerfile: docker/dagster.Dockerfile",
    "  environment: *dagster-env",
    "  volumes:",
    ...configMounts.map((m) => m.slice(2)),
    "  restart: unless-stopped",
    "",
    "services:",
    "  postgres:",
    `    image: ${images.postgres}`,
    "    environment:",
    "      POSTGRES_DB: ${DAGSTER_PG_DB:-dagster}",
    "      POSTGRES_USER: ${DAGSTER_PG_USER:-dagster}",
    `      POSTGRES_PASSWORD: ${PASSWORD_REQUIRED}`,
    "    volumes:",
    "      - postgres_data:/var/lib/postgresql/data",
    ...healthcheck(["pg_isready", "-U", "dagster"], "10s").map((l) => (l.includes("test:") ? `      test: ${postgresProbe}` : l)),
    "    restart: unless-stopped",
    ...limits("1G"),
    "",
    "  # Serves the definitions over gRPC; webserver and daemon load them from here.",
    "  user-code:",
    "    build:",
    "      context: .",
    "      dockerfile: docker/user-code.Dockerfile",
    "      target: runtime",
    "    environment: *dagster-env",
    "    volumes:",
    configMounts[0] as string,
    ...healthcheck(grpcProbe.test, grpcProbe.startPeriod),
    ...dependsOn(["postgres"]),
    "    restart: unless-stopped",
    ...limits("1G"),
    "",
    "  webserver:",
    "    <<: *dagster-system",
    `    command: ${execForm(["dagster-webserver", "-h", "0.0.0.0", "-p", String(DAGSTER_DEFAULTS.webserverPort), "-w", `${home}/workspace.yaml`])}`,
    "    ports:",
    `      - "${DAGSTER_DEFAULTS.webserverPort}:${DAGSTER_DEFAULTS.webserverPort}"`,
    ...healthcheck(webProbe.test, "30s"),
    ...dependsOn(["postgres", "user-code"]),
    ...limits("1G"),
    "",
    "  daemon:",
    "    <<: *dagster-system",
    `    command: ${execForm(["dagster-daemon", "run", "-w", `${home}/workspace.yaml`])}`,
    ...healthcheck(["dagster-daemon", "liveness-check"], "60s"),
    ...dependsOn(["postgres", "user-code"]),
    ...limits("1G"),
    ...(withApp
      ? [
          "",
          `  # The web app (${facts.entry}), from the code server's image: it installs the project.`,
          `  ${appName}:`,
          "    build:",
          "      context: .",
          "      dockerfile: docker/user-code.Dockerfile",
          "      target: runtime",
          `    command: ${execForm(appCommand)}`,
          "    ports:",
          `      - "${facts.port}:${facts.port}"`,
          ...healthcheck(appProbe.test, appProbe.startPeriod),
          "    restart: unless-stopped",
          ...limits("512M"),
        ]
      : []),
    "",
    "volumes:",
    "  postgres_data: {}",
  );

  const dagsterYaml = lines(
    "# Dagster instance configuration, shared by the webserver, the daemon and the code server.",
    "# Connection settings come from the environment (see .env.example).",
    "storage:",
    "  postgres:",
    "    postgres_db:",
    "      hostname:",
    "        env: DAGSTER_PG_HOST",
    "      db_name:",
    "        env: DAGSTER_PG_DB",
    "      username:",
    "        env: DAGSTER_PG_USER",
    "      password:",
    "        env: DAGSTER_PG_PASSWORD",
    "      port: 5432",
    "",
    "run_coordinator:",
    "  module: dagster.core.run_coordinator",
    "  class: QueuedRunCoordinator",
    "",
    "run_launcher:",
    "  module: dagster.core.launcher",
    "  class: DefaultRunLauncher",
    "",
    "# Local files (compute logs, artifacts) go to /tmp: every container can write there, also as a non-root user.",
    "compute_logs:",
    "  module: dagster.core.storage.local_compute_log_manager",
    "  class: LocalComputeLogManager",
    "  config:",
    "    base_dir: /tmp/dagster/compute_logs",
    "",
    "local_artifact_storage:",
    "  module: dagster.core.storage.root",
    "  class: LocalArtifactStorage",
    "  config:",
    "    base_dir: /tmp/dagster/storage",
    "",
    "telemetry:",
    "  enabled: false",
  );

  const workspaceYaml = lines(
    "# Where the webserver and the daemon find the code: the user-code service in compose.yml.",
    "load_from:",
    "  - grpc_server:",
    "      host: user-code",
    `      port: ${grpcPort}`,
    `      location_name: ${location}`,
  );

  const envExample = lines(
    "# Copy to .env and fill in; .env stays out of version control.",
    "DAGSTER_PG_DB=dagster",
    "DAGSTER_PG_USER=dagster",
    "# Required: choose a strong password.",
    "DAGSTER_PG_PASSWORD=",
  );
  // production (practice 000): operators copy this to .env.production on the server and restrict it (chmod 600)
  const envProductionExample = lines(
    "# Production template: cp .env.production.example .env.production && chmod 600 .env.production, then fill in.",
    "# Start with: docker compose --env-file .env.production -f compose.yml up -d",
    "DAGSTER_PG_DB=dagster",
    "DAGSTER_PG_USER=dagster",
    "# Required: a strong password, different from development's.",
    "DAGSTER_PG_PASSWORD=",
  );

  const systemDockerfile = dagsterSystemDockerfile(facts, flavour, registry, {
    core,
    webserver: webserverVersion,
    postgres: postgresVersion,
  });

  const files: GeneratedFile[] = [
    { path: "compose.yml", contents: compose },
    { path: "dagster/dagster.yaml", contents: dagsterYaml },
    { path: "dagster/workspace.yaml", contents: workspaceYaml },
    { path: ".env.example", contents: envExample },
    { path: ".env.production.example", contents: envProductionExample },
    envGitignore(),
    ...userCode.filter((f) => f.path !== ".dockerignore"),
    { path: "docker/dagster.Dockerfile", contents: systemDockerfile },
  ];
  if (options.devOverride !== false)
    files.push(...devFiles(codeFacts, module, webserverVersion, images, withApp ? { facts, name: appName } : undefined));
  files.push(...dockerignore(facts));
  return files;
}

function dagsterSystemDockerfile(
  facts: ProjectFacts,
  flavour: BaseFlavour,
  registry: string,
  versions: { core: string; webserver: string; postgres: string },
): string {
  const v = facts.pythonVersion;
  const hardened = flavour === "hardened";
  const images = imagesFor(flavour, registry, v);
  const builder = images.pythonDev;
  // distroless has no Dagster-compatible venv story for console scripts; the system image stays on slim there
  const runtime = hardened ? `${registry}/python:${v}-debian13` : `python:${v}-slim`;
  const home = DAGSTER_DEFAULTS.home;
  const probe = probeFor({ ...facts, framework: "fastapi", port: DAGSTER_DEFAULTS.webserverPort, healthPath: "/server_info" });
  return lines(
    "# syntax=docker/dockerfile:1",
    "# Dagster webserver and daemon (the compose file picks the command). Generated by Shipshape.",
    "",
    `FROM ${builder} AS builder`,
    "",
    `COPY --from=${images.uv.image} ${images.uv.paths}`,
    "ENV UV_COMPILE_BYTECODE=1 \\",
    "    UV_LINK_MODE=copy \\",
    "    UV_PYTHON_DOWNLOADS=0",
    "",
    "RUN --mount=type=cache,target=/root/.cache/uv \\",
    "    uv venv /opt/dagster/.venv \\",
    "    && uv pip install --python /opt/dagster/.venv/bin/python \\",
    `        dagster==${versions.core} \\`,
    `        dagster-webserver==${versions.webserver} \\`,
    `        dagster-postgres==${versions.postgres}`,
    // the hardened runtime has no shell to create DAGSTER_HOME, so the builder makes it and COPY hands it over
    ...(hardened ? ["", `RUN mkdir -p ${home}`] : []),
    "",
    `FROM ${runtime} AS runtime`,
    "",
    ...(hardened
      ? []
      : [
          "# An unprivileged user that owns DAGSTER_HOME (Dagster writes logs and local artifacts there).",
          "RUN groupadd --system --gid 10001 dagster \\",
          "    && useradd --system --no-log-init --uid 10001 --gid dagster --no-create-home --shell /usr/sbin/nologin dagster \\",
          `    && install -d -o dagster -g dagster ${home}`,
          "",
        ]),
    "COPY --from=builder /opt/dagster/.venv /opt/dagster/.venv",
    ...(hardened ? [`COPY --from=builder --chown=nonroot:nonroot ${home} ${home}`] : []),
    "",
    'ENV PATH="/opt/dagster/.venv/bin:$PATH" \\',
    `    DAGSTER_HOME=${home} \\`,
    "    PYTHONUNBUFFERED=1 \\",
    "    PYTHONDONTWRITEBYTECODE=1",
    "",
    `WORKDIR ${home}`,
    `USER ${hardened ? "nonroot" : "dagster"}`,
    "",
    `EXPOSE ${DAGSTER_DEFAULTS.webserverPort}`,
    "",
    "HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\",
    `    CMD ${execForm(probe.test)}`,
    "",
    `CMD ${execForm(["dagster-webserver", "-h", "0.0.0.0", "-p", String(DAGSTER_DEFAULTS.webserverPort), "-w", `${home}/workspace.yaml`])}`,
  );
}

/** The `dagster dev` image and the override that replaces the three Dagster services with it. */
function devFiles(
  facts: ProjectFacts,
  module: string,
  webserverVersion: string,
  images: ReturnType<typeof imagesFor>,
  app?: { facts: ProjectFacts; name: string },
): GeneratedFile[] {
  const home = DAGSTER_DEFAULTS.home;
  const port = DAGSTER_DEFAULTS.webserverPort;
  const install: string[] = [];
  const cacheUv = "--mount=type=cache,target=/root/.cache/uv";
  if (facts.packageManager === "uv") {
    install.push(
      `COPY --from=${images.uv.image} ${images.uv.paths}`,
      "ENV UV_LINK_MODE=copy \\",
      "    UV_PYTHON_DOWNLOADS=0 \\",
      "    UV_PROJECT_ENVIRONMENT=/opt/venv",
      "",
      `COPY ${facts.manifests.join(" ")} ./`,
      `RUN ${cacheUv} \\`,
      `    uv sync ${facts.lockfile ? "--frozen " : ""}--no-install-project`,
      "",
      ...sourceCopies(facts),
      ...(facts.buildFiles.length ? [`COPY ${facts.buildFiles.join(" ")} ./`] : []),
      `RUN ${cacheUv} \\`,
      `    uv sync ${facts.lockfile ? "--frozen " : ""}\\`,
      `    && uv pip install --python /opt/venv/bin/python dagster-webserver==${webserverVersion}`,
    );
  } else if (facts.packageManager === "poetry") {
    install.push(
      "ENV POETRY_VIRTUALENVS_PATH=/opt/poetry-venvs \\",
      "    POETRY_NO_INTERACTION=1",
      "RUN --mount=type=cache,target=/root/.cache/pip \\",
      `    pip install poetry==${TOOL_VERSIONS.poetry}`,
      `COPY ${facts.manifests.join(" ")} ./`,
      "RUN --mount=type=cache,target=/root/.cache/pypoetry \\",
      "    --mount=type=cache,target=/root/.cache/pip \\",
      "    poetry config virtualenvs.create false \\",
      `    && poetry install --no-root \\`,
      `    && pip install dagster-webserver==${webserverVersion}`,
      ...sourceCopies(facts),
    );
  } else {
    install.push(
      `COPY ${facts.manifests.join(" ")} ./`,
      "RUN --mount=type=cache,target=/root/.cache/pip \\",
      `    pip install -r ${facts.manifests[0] ?? "requirements.txt"} dagster-webserver==${webserverVersion}`,
      ...sourceCopies(facts),
    );
  }
  const probe = probeFor({ ...facts, framework: "fastapi", port, healthPath: "/server_info" });
  const dockerfile = lines(
    "# syntax=docker/dockerfile:1",
    "# Development only: webserver, daemon and code in one `dagster dev` process, reloading on change.",
    "# One stage on purpose: it keeps the whole toolchain for debugging. Generated by Shipshape.",
    `FROM ${images.pythonDev}`,
    "",
    "WORKDIR /app",
    "",
    ...install,
    "",
    `ENV PATH="/opt/venv/bin:$PATH" \\`,
    `    DAGSTER_HOME=${home} \\`,
    "    PYTHONUNBUFFERED=1",
    `RUN mkdir -p ${home}`,
    "",
    // the web app's dev service runs from this image too (compose.override.yml)
    `EXPOSE ${port}${app ? ` ${app.facts.port}` : ""}`,
    "HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \\",
    `    CMD ${execForm(probe.test)}`,
    `CMD ${execForm(["dagster", "dev", "-h", "0.0.0.0", "-p", String(port), "-m", module])}`,
  );
  const override = lines(
    "# Development: one `dagster dev` container replaces the code server, webserver and daemon.",
    "# `docker compose up` reads this file automatically; production: docker compose -f compose.yml up -d",
    "services:",
    "  # kept out of development runs (they start only with --profile production)",
    ...["user-code", "webserver", "daemon", ...(app ? [app.name] : [])].flatMap((s) => [`  ${s}:`, '    profiles: ["production"]']),
    "",
    "  dagster-dev:",
    "    build:",
    "      context: .",
    "      dockerfile: docker/dagster.dev.Dockerfile",
    "    environment:",
    `      DAGSTER_HOME: ${home}`,
    "      DAGSTER_PG_HOST: postgres",
    "      DAGSTER_PG_DB: ${DAGSTER_PG_DB:-dagster}",
    "      DAGSTER_PG_USER: ${DAGSTER_PG_USER:-dagster}",
    `      DAGSTER_PG_PASSWORD: ${PASSWORD_REQUIRED}`,
    "    volumes:",
    ...sourceMounts(facts).map((m) => `      - ${m}`),
    `      - ./dagster/dagster.yaml:${home}/dagster.yaml:ro`,
    "    # host port 3001, so it never collides with the production webserver's 3000",
    "    ports:",
    `      - "${port + 1}:${port}"`,
    "    depends_on:",
    "      postgres:",
    "        condition: service_healthy",
    ...developWatch(facts),
    ...(app ? devApp(app.facts, app.name) : []),
  );
  return [
    { path: "docker/dagster.dev.Dockerfile", contents: dockerfile },
    { path: "compose.override.yml", contents: override },
  ];
}

/** The web app in development: the dev image (project and dependencies installed), the source mounted, reload on. */
function devApp(facts: ProjectFacts, name: string): string[] {
  const probe = probeFor(facts);
  return [
    "",
    `  # the web app with reload; host port ${facts.port + 1}, so it never collides with the production ${name}'s ${facts.port}`,
    `  ${name}-dev:`,
    "    build:",
    "      context: .",
    "      dockerfile: docker/dagster.dev.Dockerfile",
    `    command: ${execForm(devCommand(facts))}`,
    "    volumes:",
    ...sourceMounts(facts).map((m) => `      - ${m}`),
    "    ports:",
    `      - "${facts.port + 1}:${facts.port}"`,
    "    healthcheck:",
    `      test: ${execForm(["CMD", ...probe.test])}`,
    "      interval: 10s",
    "      timeout: 5s",
    "      retries: 5",
    `      start_period: ${probe.startPeriod}`,
  ];
}

function sourceCopies(facts: ProjectFacts): string[] {
  return facts.sourcePaths.map((p) => (p === "." ? "COPY . ." : /\.[A-Za-z0-9]+$/.test(p) ? `COPY ${p} ./` : `COPY ${p}/ ${p}/`));
}
