/** Messages between the Shipshape client and server beyond LSP (the client bundles this file too). */

/** Client -> server notification: which installed extensions already give base features, per kind of file. */
export const OTHER_PROVIDERS_NOTIFICATION = "shipshape/otherProvidersChanged";

export interface OtherProvidersParams {
  dockerfile: string[];
  compose: string[];
}

/** What the client sends in `initializationOptions`. */
export interface ShipshapeInitializationOptions {
  otherProviders?: OtherProvidersParams;
  /** Settings for clients that do not answer `workspace/configuration` (same shape as `shipshape.*`). */
  settings?: unknown;
  /** Client-side commands the server may put in code actions (only a client that has them lists them). */
  clientCommands?: string[];
}

/**
 * Client command (VS Code): re-save a document as UTF-8. LSP cannot change a file's encoding, so the code
 * action for a UTF-16 file runs this; it opens VS Code's own encoding picker on that document, where Save with
 * Encoding -> UTF-8 writes it (Escape writes nothing). Argument: the document URI.
 */
export const SAVE_AS_UTF8_COMMAND = "shipshape.saveAsUtf8";

/** Extensions whose Dockerfile features would double ours. */
export const DOCKERFILE_PROVIDERS = ["docker.docker", "ms-azuretools.vscode-containers", "ms-azuretools.vscode-docker"];
/** Extensions whose compose (YAML) features would double ours. */
export const COMPOSE_PROVIDERS = [...DOCKERFILE_PROVIDERS, "redhat.vscode-yaml"];

export const FIX_ALL_KIND = "source.fixAll.shipshape";

/** Source action of compose files: reorder the keys of every service (the order of `compose/service-keys-order`). */
export const SORT_SERVICE_KEYS_KIND = "source.sortServiceKeys.shipshape";

/**
 * Files whose changes on disk matter to open documents: config files, neighbours rules read (compose
 * projects, Dockerfiles named by `build`, .dockerignore, .env files, dependency manifests).
 */
export const WATCHED_FILES_GLOB =
  "**/{.shipshape.json,shipshape.config.json,.shipshape-baseline.json,.hadolint.y*ml,.dclintrc*,Dockerfile*,Containerfile*,*.dockerfile,*compose*.y*ml,.dockerignore,.env*,pyproject.toml,uv.lock,poetry.lock,requirements*.txt,package.json}";
