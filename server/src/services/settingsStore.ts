import type { Connection } from "vscode-languageserver";
import { checkRulesSetting } from "../engine/configCheck";
import { DEFAULT_SETTINGS, readClientSettings, type ClientSettings, type OtherProviders } from "./settings";

const SETTINGS_TIMEOUT_MS = 3000;

/** The client's `shipshape.*` settings per document, fetched once and dropped on `didChangeConfiguration`. */
export class SettingsStore {
  /** Whether the client answers `workspace/configuration` (VS Code does; many generic clients do not). */
  pullSupported = false;
  /** Settings pushed with `didChangeConfiguration` or `initializationOptions` (clients without pull). */
  pushed: ClientSettings = DEFAULT_SETTINGS;
  otherProviders: OtherProviders = {};
  /** Workspace folder paths, for finding `.shipshape.json`. */
  roots: string[] = [];
  /** The workspace folders' URIs as the client sent them at start, whatever their scheme. */
  folderUris: string[] = [];
  private readonly cache = new Map<string, Promise<ClientSettings>>();
  /** The last settings summary written to the log: said once per change, not per document. */
  private lastLogged = "";

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  get(uri: string): Promise<ClientSettings> {
    if (!this.pullSupported) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // a client that claims the capability but never answers must not stop linting
      const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SETTINGS_TIMEOUT_MS)));
      p = Promise.race([this.connection.workspace.getConfiguration({ scopeUri: uri, section: "shipshape" }), timeout]).then(
        (raw: unknown) => {
          clearTimeout(timer);
          if (raw === null || raw === undefined) return this.pushed;
          const settings = readClientSettings(raw);
          this.logSettings(settings, (raw as { rules?: unknown }).rules);
          return settings;
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.log(`could not read settings for ${uri}: ${String(error)}`);
          return this.pushed;
        },
      );
      this.cache.set(uri, p);
    }
    return p;
  }

  /** What the configuration is, and what in it cannot be used (an unknown rule id, an invalid severity). */
  logSettings(settings: ClientSettings, rawRules: unknown): void {
    const ids = Object.keys(settings.rules);
    const summary =
      `settings: ${ids.length} rule setting${ids.length === 1 ? "" : "s"} in shipshape.rules` +
      `${ids.length ? ` (${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ", …" : ""})` : ""}, ` +
      `languageFeatures ${settings.languageFeatures}, inlayHints ${settings.inlayHints ? "on" : "off"}`;
    const problems = checkRulesSetting(rawRules);
    const text = [summary, ...problems].join("\n");
    if (text === this.lastLogged) return;
    this.lastLogged = text;
    this.log(text);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
