import { isSeverity, type RuleSetting, type ShipshapeConfig } from "../engine/config";
import type { FileKind } from "../engine/types";

export type LanguageFeaturesSetting = "auto" | "on" | "off";

/** The `shipshape.*` settings a client sends (VS Code's `workspace/configuration`, or any LSP client). */
export interface ClientSettings {
  rules: Record<string, RuleSetting>;
  languageFeatures: LanguageFeaturesSetting;
  /** Inlay hints in compose files for values another file of the project replaces (`shipshape.inlayHints`). */
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: ClientSettings = { rules: {}, languageFeatures: "auto", inlayHints: true };

/** Reads whatever the client sent; anything malformed falls back to the default for that key. */
export function readClientSettings(raw: unknown): ClientSettings {
  if (typeof raw !== "object" || raw === null) return DEFAULT_SETTINGS;
  const r = raw as { rules?: unknown; languageFeatures?: unknown; inlayHints?: unknown };
  const rules: Record<string, RuleSetting> = {};
  if (typeof r.rules === "object" && r.rules !== null && !Array.isArray(r.rules)) {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (isSeverity(v)) rules[id] = v;
      else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const o = v as { severity?: unknown; options?: unknown };
        rules[id] = {
          severity: isSeverity(o.severity) ? o.severity : undefined,
          options: typeof o.options === "object" && o.options !== null ? (o.options as Record<string, unknown>) : undefined,
        };
      }
    }
  }
  const lf = r.languageFeatures;
  return { rules, languageFeatures: lf === "on" || lf === "off" || lf === "auto" ? lf : "auto", inlayHints: r.inlayHints !== false };
}

/** VS Code settings win over the config file, rule by rule. */
export function mergeConfig(file: ShipshapeConfig | undefined, settings: ClientSettings): ShipshapeConfig {
  const merged: ShipshapeConfig = { rules: { ...(file?.rules ?? {}), ...settings.rules } };
  if (file?.images) merged.images = file.images;
  return merged;
}

/** Extensions that already give hover/completion/formatting for a kind of file (sent by our client). */
export type OtherProviders = Partial<Record<FileKind, string[]>>;

/** Whether the base language features (library hover, completion, formatting, symbols) are ours to give. */
export function baseFeaturesEnabled(kind: FileKind, settings: ClientSettings, others: OtherProviders): boolean {
  if (settings.languageFeatures === "on") return true;
  if (settings.languageFeatures === "off") return false;
  return (others[kind] ?? []).length === 0;
}

/** The compose editing requests Shipshape answers from its own project model. */
export type ComposeEditingFeature =
  "definition" | "aliasDefinition" | "references" | "highlight" | "rename" | "symbols" | "formatting" | "links" | "inlayHints";

/**
 * Which extensions already answer each compose request, from their own documentation: Docker DX (definition,
 * highlight, rename, outline, formatting, image links, inlay hints), Red Hat YAML (outline, formatting, alias
 * to anchor definition), Container Tools / the older Docker extension (formatting, image links). With
 * `languageFeatures: auto` Shipshape answers only what none of the installed ones does; find references
 * across the project is nobody else's, so it stays on.
 */
export const COMPOSE_FEATURE_PROVIDERS: Record<ComposeEditingFeature, readonly string[]> = {
  definition: ["docker.docker"],
  aliasDefinition: ["docker.docker", "redhat.vscode-yaml"],
  references: [],
  highlight: ["docker.docker"],
  rename: ["docker.docker"],
  symbols: ["docker.docker", "redhat.vscode-yaml"],
  formatting: ["docker.docker", "redhat.vscode-yaml", "ms-azuretools.vscode-containers", "ms-azuretools.vscode-docker"],
  links: ["docker.docker", "ms-azuretools.vscode-containers", "ms-azuretools.vscode-docker"],
  inlayHints: ["docker.docker"],
};

export function composeFeatureEnabled(feature: ComposeEditingFeature, settings: ClientSettings, others: OtherProviders): boolean {
  if (settings.languageFeatures === "on") return true;
  if (settings.languageFeatures === "off") return false;
  const installed = others.compose ?? [];
  return !COMPOSE_FEATURE_PROVIDERS[feature].some((id) => installed.includes(id));
}
