/**
 * The answers the generator and refine commands ask for, with the words shown for them. Small and free of
 * imports on purpose: the editor client shows these choices and bundles this file, and nothing else of the engine.
 */
import type { Category } from "./types";

export type BaseFlavour = "slim" | "hardened" | "distroless";
export const BASE_FLAVOURS: readonly BaseFlavour[] = ["slim", "hardened", "distroless"];

export const DEFAULT_REGISTRY = "dhi.io";

/** A registry host: DNS labels or an IPv4 address, an optional port, then optional lowercase repository path parts. */
const REGISTRY_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/i;

/**
 * Why `value` cannot be the registry of the hardened images (`<registry>/python:3.12-debian13`), or undefined when it
 * can. Docker takes the first part of an image name as a registry only when it has a dot or a port or is
 * `localhost`; anything else names a Docker Hub account, which is not what a registry answer means.
 */
export function registryProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === "") return "give a registry host, such as dhi.io";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return "the host alone, without the scheme: dhi.io, not https://dhi.io";
  if (/\s/.test(v)) return "a registry host has no spaces";
  if (v.endsWith("/")) return "no trailing slash: the image name follows it";
  const slash = v.indexOf("/");
  if (slash >= 0 && /[:@]/.test(v.slice(slash))) return "a registry and optional path only: no image name, tag or digest";
  if (!REGISTRY_PATTERN.test(v)) return "not a registry host (letters, digits, dots and dashes, an optional :port and /path)";
  const host = v.split("/")[0] as string;
  if (!host.includes(".") && !host.includes(":") && host.toLowerCase() !== "localhost")
    return `Docker would read "${host}" as a Docker Hub account: a registry host has a dot or a port (registry.example.com, localhost:5000)`;
  if (/[A-Z]/.test(v.slice(host.length))) return "the path after the host must be lowercase";
  return undefined;
}

export type RecipeName = "db" | "cache" | "api" | "front" | "proxy" | "nginx" | "observability";
export const RECIPE_NAMES: readonly RecipeName[] = ["db", "cache", "api", "front", "proxy", "nginx", "observability"];

export const RECIPE_TITLES: Record<RecipeName, string> = {
  db: "Database + admin (PostgreSQL, pgAdmin)",
  cache: "Cache (Redis)",
  api: "API service (this project)",
  front: "Front end (Node/Vite)",
  proxy: "Reverse proxy (Traefik)",
  nginx: "Static files (nginx)",
  observability: "Observability (Prometheus, Grafana)",
};

/** Other names people use for the same recipes (`--recipes database,static`). */
const RECIPE_ALIASES: Record<string, RecipeName> = {
  database: "db",
  postgres: "db",
  redis: "cache",
  frontend: "front",
  traefik: "proxy",
  static: "nginx",
  metrics: "observability",
  monitoring: "observability",
};

export function parseRecipeName(s: string): RecipeName | undefined {
  const k = s.trim().toLowerCase();
  return (RECIPE_NAMES as readonly string[]).includes(k) ? (k as RecipeName) : RECIPE_ALIASES[k];
}

export type RefineGoal = "smaller-image" | "faster-builds" | "security" | "production";
export const REFINE_GOALS: readonly RefineGoal[] = ["smaller-image", "faster-builds", "security", "production"];

export const GOAL_TITLES: Record<RefineGoal, string> = {
  "smaller-image": "Smaller image",
  "faster-builds": "Faster builds",
  security: "Security",
  production: "Production readiness",
};

/** Which rule categories serve a goal. */
export const GOAL_CATEGORIES: Record<RefineGoal, readonly Category[]> = {
  "smaller-image": ["image-size"],
  "faster-builds": ["build-speed"],
  security: ["security"],
  production: ["reliability"],
};

export function parseGoal(s: string): RefineGoal | undefined {
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  const aliases: Record<string, RefineGoal> = {
    smaller: "smaller-image",
    size: "smaller-image",
    "image-size": "smaller-image",
    faster: "faster-builds",
    "build-speed": "faster-builds",
    speed: "faster-builds",
    secure: "security",
    prod: "production",
    "production-readiness": "production",
    reliability: "production",
  };
  return (REFINE_GOALS as readonly string[]).includes(k) ? (k as RefineGoal) : aliases[k];
}
