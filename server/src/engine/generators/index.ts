/** One entry point for every generator, so the CLI and the editor call them the same way. */
import { dagsterWebApp, generateDagster } from "./dagster";
import { dockerignore } from "./dockerignore";
import type { GeneratedFile } from "./files";
import { generateHardenedDockerfile, type BaseFlavour } from "./hardenedDockerfile";
import type { ProjectFacts } from "./projectFacts";
import { generateRecipes, recipeCommand, type RecipeName } from "./recipes";

export type GeneratorName = "dockerfile" | "dagster" | "recipes" | "dockerignore";
export const GENERATOR_NAMES: readonly GeneratorName[] = ["dockerfile", "dagster", "recipes", "dockerignore"];

export interface GenerateOptions {
  flavour?: BaseFlavour;
  registry?: string;
  devStage?: boolean;
  compose?: boolean;
  recipes?: RecipeName[];
  makefile?: boolean;
  /** recipes: also write compose-dev.yml for the app service. */
  dev?: boolean;
  /** dagster: also run the project's web app (default: when the project has one). */
  app?: boolean;
}

export function generate(name: GeneratorName, facts: ProjectFacts, options: GenerateOptions = {}): GeneratedFile[] {
  switch (name) {
    case "dockerfile":
      return generateHardenedDockerfile(facts, options);
    case "dagster":
      return generateDagster(facts, options);
    case "recipes":
      return generateRecipes(facts, {
        recipes: options.recipes ?? [],
        makefile: options.makefile,
        dev: options.dev,
        flavour: options.flavour,
        registry: options.registry,
      });
    case "dockerignore":
      return dockerignore(facts);
  }
}

/**
 * Why a generator cannot serve this project (the CLI exits 2 with it, the editor shows it), or undefined.
 * `init dagster` needs Dagster definitions to serve; the image generators need a manifest to install from.
 */
export function generatorRefusal(name: GeneratorName, facts: ProjectFacts): string | undefined {
  if (!facts.hasManifest && (name === "dockerfile" || name === "dagster"))
    return "no pyproject.toml, requirements*.txt or package.json: nothing to install from";
  if (name === "dagster" && facts.dagsterModule === undefined)
    return facts.platform === "node"
      ? "this is a Node project: a Dagster code location is Python code with Dagster definitions"
      : "no Dagster definitions found (no module calls Definitions(...) and pyproject.toml has no [tool.dagster] module_name): add them first, then generate the Dagster stack";
  return undefined;
}

/** How to create the lockfile a project lacks. */
export function lockfileAdvice(facts: ProjectFacts): string | undefined {
  if (facts.lockfile !== undefined || facts.packageManager === "pip") return undefined;
  const how: Record<string, string> = {
    uv: "uv lock",
    poetry: "poetry lock",
    npm: "npm install",
    pnpm: "pnpm install",
    yarn: "yarn install",
  };
  const file: Record<string, string> = {
    uv: "uv.lock",
    poetry: "poetry.lock",
    npm: "package-lock.json",
    pnpm: "pnpm-lock.yaml",
    yarn: "yarn.lock",
  };
  return `No lockfile: run \`${how[facts.packageManager]}\` and commit ${file[facts.packageManager]}, then generate again so the image installs exactly the locked versions.`;
}

/** What to tell the user after the files are written. */
export function nextSteps(name: GeneratorName, facts: ProjectFacts, options: GenerateOptions = {}): string[] {
  const steps: string[] = [];
  const lock = name === "dockerfile" || name === "dagster" ? lockfileAdvice(facts) : undefined;
  if (lock) steps.push(lock);
  if (!facts.healthPathFound && facts.framework !== "dagster" && name !== "dockerignore" && name !== "recipes") {
    steps.push(`The health probe calls ${facts.healthPath}: add that route to the app.`);
  }
  switch (name) {
    case "dockerfile":
      steps.push(`Build: docker build -t ${facts.slug}:${facts.version ?? "dev"} .`);
      if (options.compose) steps.push("Develop: docker compose up --build   Production-like: docker compose -f compose.yml up -d");
      break;
    case "dagster":
      steps.push("cp .env.example .env and set DAGSTER_PG_PASSWORD");
      steps.push("Develop (one dagster dev container): docker compose up --build");
      steps.push("Production layout: docker compose -f compose.yml up --build -d");
      if (options.app !== false && facts.dagsterModule !== undefined && dagsterWebApp(facts) !== undefined)
        steps.push(`The web app: http://localhost:${facts.port + 1} in development, port ${facts.port} in the production layout`);
      break;
    case "recipes": {
      const recipes = options.recipes ?? [];
      if (recipes.includes("db") || recipes.includes("observability")) steps.push("cp .env.example .env and set the passwords");
      if (recipes.includes("api") && !facts.hasDockerfile)
        steps.push("compose.api.yml builds ./Dockerfile: generate it first (shipshape init dockerfile).");
      steps.push(`Start: ${recipeCommand(recipes)}`);
      const dev = options.dev === true && recipes.includes("api");
      if (dev) steps.push(`Develop: ${recipeCommand(recipes, "up --build", true)}`);
      if (recipes.includes("api") && recipes.includes("db") && facts.alembic)
        steps.push("The migrate service runs `alembic upgrade head` before the app starts.");
      if (options.makefile && facts.justfile)
        steps.push(`Add \`import 'compose.just'\` to ${facts.justfile}, then: just up${dev ? " / just dev" : ""} / just down`);
      else if (options.makefile) steps.push(`Or: make up${dev ? " / make dev" : ""} / make down / make logs`);
      break;
    }
    default:
      break;
  }
  return steps;
}
