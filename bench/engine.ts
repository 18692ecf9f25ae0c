/**
 * The engine as the bench times it: bench/run.ts bundles this file with the esbuild options of the shipped server and
 * CLI bundles (scripts/build.mjs --production) and loads the bundle, so the engine rows time the code users run.
 */
export { lint } from "../server/src/engine/linter";
export { clearDockerfileParses } from "../server/src/engine/model/dockerfileParse";
export { allRules } from "../server/src/engine/rules";
export { memoryFs } from "../server/src/engine/workspace";
