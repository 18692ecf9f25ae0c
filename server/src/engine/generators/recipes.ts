/**
 * The modular compose recipe library from the practices (003 §8.3): a base `compose.yml` plus one
 * `compose.<recipe>.yml` per pick, layered with `docker compose -f … -f … up`. The recipes follow our own
 * rules where the practice's examples do not: pinned images, no literal secrets (Compose secrets fed from
 * `.env`, read by the images through their `_FILE` variables), healthchecks with tools the images have,
 * helpers behind a profile, databases bound to localhost, and no insecure proxy dashboard or Docker socket.
 */
import { envGitignore, execForm, lines, type GeneratedFile } from "./files";
import { developWatch, imagesFor, registryPrefix, sourceMounts } from "./hardenedDockerfile";
import { devCommand, probeFor } from "./probes";
import { appServiceName, moduleNameOf, type ProjectFacts } from "./projectFacts";

import { RECIPE_NAMES, type BaseFlavour, type RecipeName } from "../choices";

export { parseRecipeName, RECIPE_NAMES, RECIPE_TITLES, type RecipeName } from "../choices";

export const RECIPE_IMAGES = {
  postgres: "postgres:17.6-alpine",
  pgadmin: "dpage/pgadmin4:9.8",
  redis: "redis:7.4-alpine",
  traefik: "traefik:v3.5",
  nginx: "nginx:1.29-alpine",
  prometheus: "prom/prometheus:v3.5.0",
  grafana: "grafana/grafana-oss:12.1.1",
};

export interface RecipeOptions {
  recipes: RecipeName[];
  /** Also write the stack's targets: a Makefile, or `compose.just` when the project uses just. */
  makefile?: boolean;
  /** Also write `compose-dev.yml` for the app service (source mount, reload, debug logs, host UID/GID). */
  dev?: boolean;
  /** The flavour of the Dockerfile the app service builds (distroless: the ENTRYPOINT names the program). */
  flavour?: BaseFlavour;
  /** Registry of the hardened images (default `dhi.io`): with the hardened flavour, Postgres comes from there. */
  registry?: string;
}

/** The development override of the app service (practice 003 §8.4.1). */
export const DEV_OVERRIDE = "compose-dev.yml";

/** Files in the order `-f` takes them (the development override last, when asked for). */
export function recipeFileNames(recipes: readonly RecipeName[], dev = false): string[] {
  return [
    "compose.yml",
    ...RECIPE_NAMES.filter((r) => recipes.includes(r)).map((r) => `compose.${r}.yml`),
    ...(dev && recipes.includes("api") ? [DEV_OVERRIDE] : []),
  ];
}

/** The command that starts the assembled stack. */
export function recipeCommand(recipes: readonly RecipeName[], args = "up --build -d", dev = false): string {
  return `docker compose ${recipeFileNames(recipes, dev)
    .map((f) => `-f ${f}`)
    .join(" ")} ${args}`;
}

const hc = (test: string[], startPeriod: string, interval = "10s") => [
  "    healthcheck:",
  `      test: ${execForm(test)}`,
  `      interval: ${interval}`,
  "      timeout: 5s",
  "      retries: 5",
  `      start_period: ${startPeriod}`,
];
const limits = (memory: string) => ["    deploy:", "      resources:", "        limits:", `          memory: ${memory}`];
const healthy = (names: string[]) =>
  names.length === 0 ? [] : ["    depends_on:", ...names.flatMap((n) => [`      ${n}:`, "        condition: service_healthy"])];

export function generateRecipes(facts: ProjectFacts, options: RecipeOptions): GeneratedFile[] {
  const picked = new Set(options.recipes);
  const app = appServiceName(facts);
  const has = (r: RecipeName) => picked.has(r);
  const dbName = moduleNameOf(facts.name);
  const version = facts.version ?? "0.1.0";
  const files: GeneratedFile[] = [];
  const env: string[] = ["# Copy to .env and fill in; .env stays out of version control."];
  const hardened = options.flavour === "hardened";
  const postgresImage = hardened
    ? imagesFor("hardened", registryPrefix(options.registry), facts.pythonVersion).postgres
    : RECIPE_IMAGES.postgres;
  // the hardened Postgres may have no shell: pg_isready runs itself, with the values Compose fills in from .env
  const postgresProbe = hardened
    ? ["CMD", "pg_isready", "-U", "${POSTGRES_USER:-app}", "-d", `\${POSTGRES_DB:-${dbName}}`]
    : ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d $${POSTGRES_DB}"];

  files.push({
    path: "compose.yml",
    contents: lines(
      `# Base of the ${facts.name} stack: the project name and shared volumes. Each compose.<recipe>.yml adds services.`,
      `# Start: ${recipeCommand(options.recipes)}`,
      `name: ${facts.slug}`,
      "",
      "services: {}",
    ),
  });

  if (has("db")) {
    env.push(
      "",
      "# compose.db.yml",
      "POSTGRES_USER=app",
      `POSTGRES_DB=${dbName}`,
      "POSTGRES_PASSWORD=",
      "PGADMIN_EMAIL=admin@example.com",
      "PGADMIN_PASSWORD=",
    );
    files.push({
      path: "compose.db.yml",
      contents: lines(
        "# PostgreSQL, and pgAdmin behind the `tools` profile (docker compose --profile tools …).",
        "# Passwords come from .env as Compose secrets; the images read them through their _FILE variables.",
        "services:",
        "  postgres:",
        `    image: ${postgresImage}`,
        "    environment:",
        "      POSTGRES_USER: ${POSTGRES_USER:-app}",
        `      POSTGRES_DB: \${POSTGRES_DB:-${dbName}}`,
        "      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password",
        "    secrets:",
        "      - postgres_password",
        "    volumes:",
        "      - postgres_data:/var/lib/postgresql/data",
        "    ports:",
        '      - "127.0.0.1:5432:5432"',
        ...hc(postgresProbe, "10s"),
        "    restart: unless-stopped",
        ...limits("1G"),
        "",
        "  pgadmin:",
        `    image: ${RECIPE_IMAGES.pgadmin}`,
        '    profiles: ["tools"]',
        "    environment:",
        "      PGADMIN_DEFAULT_EMAIL: ${PGADMIN_EMAIL:-admin@example.com}",
        "      PGADMIN_DEFAULT_PASSWORD_FILE: /run/secrets/pgadmin_password",
        "    secrets:",
        "      - pgadmin_password",
        "    ports:",
        '      - "127.0.0.1:5050:80"',
        ...hc(["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:80/misc/ping"], "30s"),
        ...healthy(["postgres"]),
        "    restart: unless-stopped",
        ...limits("512M"),
        "",
        "volumes:",
        "  postgres_data: {}",
        "",
        "secrets:",
        "  postgres_password:",
        "    environment: POSTGRES_PASSWORD",
        "  pgadmin_password:",
        "    environment: PGADMIN_PASSWORD",
      ),
    });
  }

  if (has("cache")) {
    files.push({
      path: "compose.cache.yml",
      contents: lines(
        "# Redis, reachable from the host on localhost only.",
        "services:",
        "  redis:",
        `    image: ${RECIPE_IMAGES.redis}`,
        "    ports:",
        '      - "127.0.0.1:6379:6379"',
        ...hc(["CMD", "redis-cli", "ping"], "5s"),
        "    restart: unless-stopped",
        ...limits("256M"),
      ),
    });
  }

  if (has("api")) {
    // the probe runs in the image the service builds: distroless has python3 and /nodejs/bin/node, not python or node
    const probe = probeFor(
      facts.platform === "node" ? facts : { ...facts, framework: facts.framework === "dagster" ? "fastapi" : facts.framework },
      options.flavour === "distroless" ? { python: "python3", node: "/nodejs/bin/node" } : undefined,
    );
    const environment: string[] = ["      LOG_LEVEL: info"];
    if (has("db")) {
      environment.push(
        "      DATABASE_HOST: postgres",
        "      DATABASE_USER: ${POSTGRES_USER:-app}",
        `      DATABASE_NAME: \${POSTGRES_DB:-${dbName}}`,
        "      DATABASE_PASSWORD_FILE: /run/secrets/postgres_password",
      );
    }
    if (has("cache")) environment.push("      REDIS_URL: redis://redis:6379/0");
    // alembic: a one-shot service runs the migrations before the app starts (practice 004's init service)
    const migrate = has("db") && facts.alembic !== undefined && facts.platform === "python";
    const distroless = options.flavour === "distroless";
    const migrateLines = migrate
      ? [
          "",
          "  migrate:",
          "    build:",
          "      context: .",
          "      target: runtime",
          // distroless: the ENTRYPOINT runs the server; the migration names its own program
          ...(distroless
            ? [`    entrypoint: ${execForm(["python3", "-m", "alembic"])}`, `    command: ${execForm(["upgrade", "head"])}`]
            : [`    command: ${execForm(["alembic", "upgrade", "head"])}`]),
          "    environment:",
          ...environment,
          "    secrets:",
          "      - postgres_password",
          ...healthy(["postgres"]),
          '    restart: "no"',
          ...limits("256M"),
        ]
      : [];
    files.push({
      path: "compose.api.yml",
      contents: lines(
        `# The ${facts.name} service, built from this folder's Dockerfile (Shipshape: Generate hardened Dockerfile).`,
        "services:",
        `  ${app}:`,
        "    build:",
        "      context: .",
        "      target: runtime",
        "    environment:",
        ...environment,
        ...(has("db") ? ["    secrets:", "      - postgres_password"] : []),
        ...(has("proxy") ? [] : ["    ports:", `      - "${facts.port}:${facts.port}"`]),
        ...hc(["CMD", ...probe.test], probe.startPeriod, "30s"),
        ...dependsOn([
          ...(has("db") ? [["postgres", "service_healthy"]] : []),
          ...(has("cache") ? [["redis", "service_healthy"]] : []),
          ...(migrate ? [["migrate", "service_completed_successfully"]] : []),
        ]),
        "    restart: unless-stopped",
        ...limits("512M"),
        ...migrateLines,
      ),
    });
    if (options.dev) files.push(devOverride(facts, app, options.flavour ?? "slim", options.recipes));
  }

  if (has("front")) {
    const apiUrl = has("proxy") ? "http://api.localhost" : `http://localhost:${facts.port}`;
    files.push({
      path: "compose.front.yml",
      contents: lines(
        "# The front end: a Node image serving on port 3000 (tag it when you build ./frontend, or add `build: ./frontend`).",
        "services:",
        "  frontend:",
        `    image: ${facts.slug}-frontend:${version}`,
        "    environment:",
        `      VITE_API_URL: ${apiUrl}`,
        ...(has("proxy") ? [] : ["    ports:", '      - "3000:3000"']),
        ...hc(
          [
            "CMD",
            "node",
            "-e",
            "require('http').get('http://127.0.0.1:3000/', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))",
          ],
          "20s",
          "30s",
        ),
        ...healthy(has("api") ? [app] : []),
        "    restart: unless-stopped",
        ...limits("256M"),
      ),
    });
  }

  if (has("proxy")) {
    const routes: string[] = [];
    const services: string[] = [];
    if (has("api")) {
      routes.push("    api:", "      rule: Host(`api.localhost`)", "      service: api", "      entryPoints: [web]");
      services.push("    api:", "      loadBalancer:", "        servers:", `          - url: http://${app}:${facts.port}`);
    }
    if (has("front")) {
      routes.push("    frontend:", "      rule: Host(`app.localhost`)", "      service: frontend", "      entryPoints: [web]");
      services.push("    frontend:", "      loadBalancer:", "        servers:", "          - url: http://frontend:3000");
    }
    files.push({
      path: "compose.proxy.yml",
      contents: lines(
        "# Traefik as the entry point. Routes live in traefik/dynamic.yml (file provider), so Traefik needs no",
        "# access to the Docker socket, and its dashboard stays off (no --api.insecure).",
        "services:",
        "  traefik:",
        `    image: ${RECIPE_IMAGES.traefik}`,
        "    command:",
        '      - "--entrypoints.web.address=:80"',
        '      - "--providers.file.filename=/etc/traefik/dynamic.yml"',
        '      - "--ping=true"',
        "    ports:",
        '      - "80:80"',
        "    volumes:",
        "      - ./traefik/dynamic.yml:/etc/traefik/dynamic.yml:ro",
        ...hc(["CMD", "traefik", "healthcheck", "--ping"], "10s"),
        "    restart: unless-stopped",
        ...limits("256M"),
      ),
    });
    files.push({
      path: "traefik/dynamic.yml",
      contents: lines(
        "# Traefik routes for the compose stack (file provider).",
        "http:",
        routes.length ? "  routers:" : "  routers: {}",
        ...routes,
        services.length ? "  services:" : "  services: {}",
        ...services,
      ),
    });
  }

  if (has("nginx")) {
    files.push({
      path: "compose.nginx.yml",
      contents: lines(
        "# nginx serving ./static read-only, with its configuration from ./nginx.",
        "services:",
        "  nginx:",
        `    image: ${RECIPE_IMAGES.nginx}`,
        "    volumes:",
        "      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro",
        "      - ./static:/usr/share/nginx/html:ro",
        "    ports:",
        '      - "8081:80"',
        ...hc(["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1/healthz"], "5s"),
        "    restart: unless-stopped",
        ...limits("128M"),
      ),
    });
    files.push({
      path: "nginx/default.conf",
      contents: lines(
        "server {",
        "    listen 80;",
        "    server_name _;",
        "    root /usr/share/nginx/html;",
        "",
        "    location = /healthz {",
        "        access_log off;",
        "        return 200 'ok';",
        "    }",
        "",
        "    location / {",
        "        try_files $uri $uri/ =404;",
        "    }",
        "}",
      ),
    });
    files.push({ path: "static/index.html", contents: lines("<!doctype html>", `<title>${facts.name}</title>`, `<h1>${facts.name}</h1>`) });
  }

  if (has("observability")) {
    env.push("", "# compose.observability.yml", "GRAFANA_ADMIN_PASSWORD=");
    files.push({
      path: "compose.observability.yml",
      contents: lines(
        "# Prometheus and Grafana. Grafana's admin password comes from .env as a Compose secret.",
        "services:",
        "  prometheus:",
        `    image: ${RECIPE_IMAGES.prometheus}`,
        "    command:",
        '      - "--config.file=/etc/prometheus/prometheus.yml"',
        '      - "--storage.tsdb.path=/prometheus"',
        "    volumes:",
        "      - ./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
        "      - prometheus_data:/prometheus",
        "    ports:",
        '      - "127.0.0.1:9090:9090"',
        ...hc(["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:9090/-/healthy"], "10s"),
        "    restart: unless-stopped",
        ...limits("1G"),
        "",
        "  grafana:",
        `    image: ${RECIPE_IMAGES.grafana}`,
        "    environment:",
        "      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin_password",
        "    secrets:",
        "      - grafana_admin_password",
        "    volumes:",
        "      - grafana_data:/var/lib/grafana",
        "    ports:",
        '      - "127.0.0.1:3001:3000"',
        ...hc(["CMD", "wget", "--quiet", "--spider", "http://127.0.0.1:3000/api/health"], "30s"),
        ...healthy(["prometheus"]),
        "    restart: unless-stopped",
        ...limits("512M"),
        "",
        "volumes:",
        "  prometheus_data: {}",
        "  grafana_data: {}",
        "",
        "secrets:",
        "  grafana_admin_password:",
        "    environment: GRAFANA_ADMIN_PASSWORD",
      ),
    });
    files.push({
      path: "prometheus/prometheus.yml",
      contents: lines(
        "global:",
        "  scrape_interval: 15s",
        "",
        "scrape_configs:",
        "  - job_name: prometheus",
        "    static_configs:",
        "      - targets: ['localhost:9090']",
        ...(has("api") ? ["  - job_name: api", "    static_configs:", `      - targets: ['${app}:${facts.port}']`] : []),
      ),
    });
  }

  if (env.length > 1) files.push({ path: ".env.example", contents: lines(...env) }, envGitignore());
  if (options.makefile) {
    const dev = options.dev === true && has("api");
    // a project that uses just gets its recipes as a module to import, never a replaced justfile
    if (facts.justfile) files.push({ path: "compose.just", contents: justModule(options.recipes, dev) });
    else files.push({ path: "Makefile", contents: makefile(options.recipes, dev) });
  }
  return files;
}

const dependsOn = (entries: string[][]) =>
  entries.length === 0 ? [] : ["    depends_on:", ...entries.flatMap(([n, c]) => [`      ${n}:`, `        condition: ${c}`])];

/**
 * `compose-dev.yml`: the app service with the source mounted over the image's copy, the reloading dev server,
 * debug logs, and the host's UID/GID (`APP_UID`/`APP_GID`, 1000 by default) so files written into the mount
 * belong to the developer. The image's own environment stays (an anonymous volume over it).
 */
function devOverride(facts: ProjectFacts, app: string, flavour: BaseFlavour, recipes: readonly RecipeName[]): GeneratedFile {
  const distroless = flavour === "distroless";
  const dev = devCommand(facts);
  let command: string[] | undefined;
  if (facts.framework !== "dagster") {
    if (!distroless) command = dev;
    else if (facts.platform === "node") command = ["--watch", facts.entry];
    else command = dev.slice(1);
  }
  const keep = facts.platform === "node" ? "/app/node_modules" : distroless ? "/app/site-packages" : "/app/.venv";
  return {
    path: DEV_OVERRIDE,
    contents: lines(
      `# Development overrides for ${app}: source mounted, reloading server, debug logs, your UID/GID.`,
      `# Start: ${recipeCommand(recipes, "up --build", true)}`,
      "# Set APP_UID and APP_GID in .env when your user is not 1000:1000 (id -u, id -g).",
      "services:",
      `  ${app}:`,
      ...(command ? [`    command: ${execForm(command)}`] : []),
      '    user: "${APP_UID:-1000}:${APP_GID:-1000}"',
      "    volumes:",
      ...sourceMounts(facts, keep).map((m) => `      - ${m}`),
      "    environment:",
      facts.platform === "node" ? "      NODE_ENV: development" : "      LOG_LEVEL: debug",
      ...developWatch(facts),
    ),
  };
}

/** The stack's recipes for just, as a module the project's justfile imports (`import 'compose.just'`). */
export function justModule(recipes: readonly RecipeName[], dev = false): string {
  const files = recipeFileNames(recipes)
    .map((f) => `-f ${f}`)
    .join(" ");
  return lines(
    "# Compose workflow for the recipe stack. Generated by Shipshape: add `import 'compose.just'` to your justfile.",
    `compose := "docker compose ${files}"`,
    "",
    "# start the stack in the background",
    "up:",
    "    {{compose}} up --build -d",
    ...(dev
      ? ["", "# start with the development override (source mount, reload)", "dev:", `    {{compose}} -f ${DEV_OVERRIDE} up --build`]
      : []),
    "",
    "down:",
    "    {{compose}} down",
    "",
    "build:",
    "    {{compose}} build",
    "",
    "logs:",
    "    {{compose}} logs -f --tail=50",
    "",
    "ps:",
    "    {{compose}} ps",
    "",
    "config:",
    "    {{compose}} config",
    "",
    "reset:",
    "    {{compose}} down -v --remove-orphans",
  );
}

/** Makefile targets for the assembled stack (tabs, as make requires). */
export function makefile(recipes: readonly RecipeName[], dev = false): string {
  const files = recipeFileNames(recipes)
    .map((f) => `-f ${f}`)
    .join(" ");
  return lines(
    "# Compose workflow for the recipe stack. Generated by Shipshape.",
    `COMPOSE := docker compose ${files}`,
    "",
    `.PHONY: up ${dev ? "dev " : ""}down build logs ps config reset`,
    "",
    "up:",
    "\t$(COMPOSE) up --build -d",
    "",
    ...(dev ? ["dev:", `\t$(COMPOSE) -f ${DEV_OVERRIDE} up --build`, ""] : []),
    "down:",
    "\t$(COMPOSE) down",
    "",
    "build:",
    "\t$(COMPOSE) build",
    "",
    "logs:",
    "\t$(COMPOSE) logs -f --tail=50",
    "",
    "ps:",
    "\t$(COMPOSE) ps",
    "",
    "config:",
    "\t$(COMPOSE) config",
    "",
    "reset:",
    "\t$(COMPOSE) down -v --remove-orphans",
  );
}
