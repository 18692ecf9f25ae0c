/**
 * The answers the generator and refine commands ask for, with the words shown for them. Small and free of
 * imports on purpose: the editor client shows these choices and bundles this file, and nothing else of the engine.
 */
import type { Category } from "./types";

export type BaseFlavour = "slim" | "hardened" | "distroless";
export const BASE_FLAVOURS: readonly BaseFlavour[] = ["slim", "hardened", "distroless"];

export const DEFAULT_REGISTRY = "dhi.io";

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
