/**
 * What we know about well-known service images in compose files: the healthcheck that fits, which tools they
 * carry, which secrets they can read from `*_FILE` variables, and which are development helpers.
 */
import { imageFacts } from "./images";
import { parseImageRef, type ImageRef } from "../model/imageRef";

export interface HealthcheckRecipe {
  /** The `test` list, starting with `CMD` or `CMD-SHELL`. */
  test: string[];
  interval: string;
  timeout: string;
  retries: number;
  startPeriod: string;
}

export type ServiceRole = "database" | "cache" | "broker" | "search" | "dagster-code" | "dagster-webserver" | "helper" | "other";

export interface ServiceImageInfo {
  /** Short label shown in hovers. */
  label: string;
  role: ServiceRole;
  healthcheck?: HealthcheckRecipe;
  /** Variables this image also reads from `<NAME>_FILE` (the Docker secrets convention). */
  fileSecrets?: string[];
  hasCurl?: boolean;
  hasWget?: boolean;
  /** Ports a database or cache listens on (published on all interfaces is risky). */
  ports?: number[];
}

const hc = (test: string[], startPeriod: string, interval = "10s", timeout = "5s", retries = 5): HealthcheckRecipe => ({
  test,
  interval,
  timeout,
  retries,
  startPeriod,
});

interface Entry extends ServiceImageInfo {
  names: RegExp;
}

// `$$` keeps the variables for the container's shell: the values come from the service's own environment,
// whether it is set through `environment`, `env_file` or `.env`.
const ENTRIES: Entry[] = [
  {
    names: /^(postgres|postgis|timescaledb(-ha)?|pgvector)$/,
    label: "PostgreSQL",
    role: "database",
    healthcheck: hc(["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres} -d $${POSTGRES_DB:-postgres}"], "10s"),
    fileSecrets: ["POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "POSTGRES_INITDB_ARGS"],
    hasCurl: false,
    hasWget: false,
    ports: [5432],
  },
  {
    names: /^(mysql|mariadb|percona)$/,
    label: "MySQL / MariaDB",
    role: "database",
    healthcheck: hc(["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"], "30s"),
    fileSecrets: ["MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER", "MYSQL_DATABASE", "MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD"],
    hasCurl: false,
    hasWget: false,
    ports: [3306],
  },
  {
    names: /^(mongo|mongodb-community-server)$/,
    label: "MongoDB",
    role: "database",
    healthcheck: hc(["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"], "20s"),
    fileSecrets: ["MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"],
    hasCurl: false,
    hasWget: false,
    ports: [27017],
  },
  {
    names: /^(redis|redis-stack-server|valkey|keydb)$/,
    label: "Redis",
    role: "cache",
    healthcheck: hc(["CMD", "redis-cli", "ping"], "5s"),
    hasCurl: false,
    hasWget: false,
    ports: [6379],
  },
  {
    names: /^memcached$/,
    label: "Memcached",
    role: "cache",
    hasCurl: false,
    hasWget: false,
    ports: [11211],
  },
  {
    names: /^rabbitmq$/,
    label: "RabbitMQ",
    role: "broker",
    healthcheck: hc(["CMD", "rabbitmq-diagnostics", "-q", "ping"], "30s", "10s", "10s"),
    fileSecrets: [],
    hasCurl: false,
    hasWget: false,
    ports: [5672],
  },
  {
    names: /^opensearch$/,
    label: "OpenSearch",
    role: "search",
    healthcheck: hc(["CMD-SHELL", "curl -s localhost:9200/_cluster/health | grep -qE '(green|yellow)'"], "30s", "10s", "10s"),
    hasCurl: true,
    ports: [9200],
  },
  {
    names: /^elasticsearch$/,
    label: "Elasticsearch",
    role: "search",
    healthcheck: hc(["CMD-SHELL", "curl -s localhost:9200/_cluster/health | grep -qE '(green|yellow)'"], "30s", "10s", "10s"),
    hasCurl: true,
    ports: [9200],
  },
  {
    names: /^opensearch-dashboards$/,
    label: "OpenSearch Dashboards",
    role: "other",
    healthcheck: hc(["CMD-SHELL", "curl -s localhost:5601/api/status | grep -q 'available'"], "45s", "10s", "10s"),
    hasCurl: true,
  },
  { names: /^(prometheus)$/, label: "Prometheus", role: "other", hasCurl: false, hasWget: true },
  { names: /^(grafana|grafana-oss|grafana-enterprise)$/, label: "Grafana", role: "other", fileSecrets: ["GF_SECURITY_ADMIN_PASSWORD"] },
  { names: /^(pgadmin4|pgadmin)$/, label: "pgAdmin", role: "helper" },
  { names: /^(mailhog|mailpit|maildev|smtp4dev)$/, label: "mail catcher", role: "helper" },
  {
    names: /^(adminer|phpmyadmin|mongo-express|redis-commander|redisinsight|kafka-ui|dozzle|portainer-ce)$/,
    label: "admin UI",
    role: "helper",
  },
];

/**
 * Answers per image text, kept for the process (bounded): several compose rules ask for every service, and parsing
 * the reference and trying every entry's pattern showed in profiles of large files. Answers are frozen: they are shared.
 */
const MAX_MEMO = 1024;
const infoMemo = new Map<string, Readonly<ServiceImageInfo> | undefined>();

export function composeImageInfo(image: string | undefined): Readonly<ServiceImageInfo> | undefined {
  if (!image) return undefined;
  if (infoMemo.has(image)) return infoMemo.get(image);
  const ref = parseImageRef(image);
  const e = ENTRIES.find((x) => x.names.test(ref.name.toLowerCase()));
  let info: Readonly<ServiceImageInfo> | undefined;
  if (e) {
    const { names: _names, ...rest } = e;
    info = Object.freeze(rest);
  }
  if (infoMemo.size >= MAX_MEMO) infoMemo.clear();
  infoMemo.set(image, info);
  return info;
}

/** True when a tag is a floating one: missing, `latest`, or a channel name that moves. */
export const FLOATING_TAGS = [
  "latest",
  "stable",
  "edge",
  "nightly",
  "dev",
  "beta",
  "canary",
  "lts",
  "current",
  "test",
  "main",
  "master",
  "rolling",
];

export function isFloatingTag(ref: ImageRef): boolean {
  if (ref.digest) return false;
  if (!ref.tag) return true;
  return FLOATING_TAGS.includes(ref.tag.toLowerCase());
}

/**
 * Whether curl / wget are in the image; undefined when we do not know. The base-image knowledge table answers
 * first (it knows tags: `nginx:alpine` has curl, `postgres:*-alpine` has BusyBox wget); then this file's service list,
 * except that every Alpine-based tag has BusyBox wget.
 */
export function imageHasTool(image: string, tool: "curl" | "wget"): boolean | undefined {
  // a pure function of its arguments: kept per image and tool (bounded), as composeImageInfo
  const key = `${tool} ${image}`;
  if (toolMemo.has(key)) return toolMemo.get(key);
  const answer = imageHasToolUncached(image, tool);
  if (toolMemo.size >= MAX_MEMO) toolMemo.clear();
  toolMemo.set(key, answer);
  return answer;
}

const toolMemo = new Map<string, boolean | undefined>();

function imageHasToolUncached(image: string, tool: "curl" | "wget"): boolean | undefined {
  const ref = parseImageRef(image);
  if (ref.hasVariables) return undefined;
  const facts = imageFacts(ref);
  const known = tool === "curl" ? facts.known.curl : facts.known.wget === undefined ? undefined : facts.known.wget !== "none";
  if (known !== undefined) return known;
  if (tool === "wget" && /(^|-)alpine/.test((ref.tag ?? "").toLowerCase())) return true;
  const info = composeImageInfo(image);
  return tool === "curl" ? info?.hasCurl : info?.hasWget;
}

/** The healthcheck for a Dagster code server on `port`. */
export function dagsterGrpcHealthcheck(port: string): HealthcheckRecipe {
  return hc(["CMD", "dagster", "api", "grpc-health-check", "-p", port], "30s");
}

/** YAML lines (without indentation of the `healthcheck:` key itself) for a recipe. */
export function healthcheckYaml(recipe: HealthcheckRecipe, indent: string, step = "  "): string[] {
  return [
    `${indent}healthcheck:`,
    `${indent}${step}test: [${recipe.test.map((t) => JSON.stringify(t)).join(", ")}]`,
    `${indent}${step}interval: ${recipe.interval}`,
    `${indent}${step}timeout: ${recipe.timeout}`,
    `${indent}${step}retries: ${recipe.retries}`,
    `${indent}${step}start_period: ${recipe.startPeriod}`,
  ];
}
