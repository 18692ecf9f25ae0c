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
  if (languageId === "dockerignore") return "dockerignore";
  const name = basename(path);
  if (DOCKERIGNORE.test(name)) return "dockerignore";
  if (COMPOSE.test(name)) return "compose";
  if (DOCKERFILE.test(name) && !NOT_A_DOCKERFILE.test(name)) return "dockerfile";
  return undefined;
}

/** `Dockerfile.template`, `Dockerfile-linux.template`, `compose.yml.tmpl`: inputs of a generator, not files Docker reads. */
const TEMPLATE_NAME = /\.(template|tmpl|tpl|j2|jinja2?)$/i;

export function isTemplateName(name: string): boolean {
  return TEMPLATE_NAME.test(name);
}

/**
 * Jinja/cookiecutter statements (`{% if … %}`, `{%- for … -%}`, `{# … #}`) or expressions over a plain name
 * (`{{ cookiecutter.project_slug }}`, `{{ env.FOO | default('x') }}`). Go-template expressions that Docker and
 * Compose users write on purpose (`{{.Name}}`, `{{ json .Config }}`) start with a dot or take a dotted argument,
 * so they do not count.
 */
const JINJA_STATEMENT =
  /\{%-?\s*(?:if|elif|else|endif|for|endfor|set|raw|endraw|include|import|from|macro|endmacro|block|endblock|extends|with|endwith|filter|endfilter|call|endcall)\b[^\n]*?-?%\}|\{#\s[^\n]*?\s#\}/;
const JINJA_EXPRESSION = /\{\{-?\s*[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[[^\]\n]*\])*\s*(?:\|[^}\n]*)?-?\}\}/;

/** Whether text carries template markup that a renderer replaces before Docker or Compose read it. */
export function hasTemplateMarkup(text: string): boolean {
  return JINJA_STATEMENT.test(text) || JINJA_EXPRESSION.test(text);
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

/**
 * Size limits per kind of file, well above real files (the largest compose files and Dockerfiles in public
 * repositories are a few hundred KB; .dockerignore files a few KB). The YAML parser spends ~20 µs per syntax
 * error, so an error-dense compose file is what these bound: 512 KB of errors parse in about 2 s.
 */
export const MAX_CHARS_BY_KIND: Record<FileKind, number> = {
  dockerfile: 1024 * 1024,
  compose: 512 * 1024,
  dockerignore: 256 * 1024,
};
