import { basename } from "./paths";
import type { FileKind } from "./types";

const DOCKERFILE = /^(dockerfile|containerfile)([._-].*)?$|\.(dockerfile|containerfile)$/i;
const COMPOSE = /^(docker-)?compose([._-][^/]*)?\.ya?ml$/i;
/** `dockerfile.ts`, `Dockerfile.md`: source and documents about Dockerfiles, not Dockerfiles (`Dockerfile.dev` still is one). */
const NOT_A_DOCKERFILE =
  /\.(md|markdown|rst|txt|json|jsonc|ya?ml|toml|ini|sh|bash|ps1|bak|orig|rej|swp|tmp|log|ts|tsx|mts|cts|js|jsx|mjs|cjs|map|py|pyc|go|rs|java|kt|rb|php|cs|c|h|cc|cpp|hpp|lua|vim|el|html|css|snap|lock|tpl|j2|jinja|erb|gz|zip|tar|tgz)$/i;
const DOCKERIGNORE = /(^|\.)dockerignore$|^\.containerignore$/i;

/** What kind of file a path is, by its name; undefined when Shipshape does not lint it. */
export function detectKind(path: string, languageId?: string): FileKind | undefined {
  if (languageId === "dockerfile") return "dockerfile";
  if (languageId === "dockercompose") return "compose";
  const name = basename(path);
  if (DOCKERIGNORE.test(name)) return "dockerignore";
  if (COMPOSE.test(name)) return "compose";
  if (DOCKERFILE.test(name) && !NOT_A_DOCKERFILE.test(name)) return "dockerfile";
  return undefined;
}

/** Base compose file names, in the order Compose looks for them. */
export const COMPOSE_BASE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
/** Override files Compose loads by default next to the base file. */
export const COMPOSE_OVERRIDE_NAMES = [
  "compose.override.yaml",
  "compose.override.yml",
  "docker-compose.override.yaml",
  "docker-compose.override.yml",
];
