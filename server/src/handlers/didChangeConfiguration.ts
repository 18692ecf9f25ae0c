import type { ServerContext } from "../services/context";
import { guard } from "./guard";
import { readClientSettings } from "../services/settings";

/** New settings apply at once: every open document is linted again (no reload). */
export function registerDidChangeConfiguration(ctx: ServerContext): void {
  ctx.connection.onDidChangeConfiguration(
    guard("didChangeConfiguration", ctx.log, undefined, (params) => {
      const pushed = (params.settings as { shipshape?: unknown } | null | undefined)?.shipshape;
      if (pushed !== undefined) ctx.settings.pushed = readClientSettings(pushed);
      ctx.settings.clear();
      ctx.linting.scheduleAll();
      // languageFeatures may have switched tokens on or off: ask the client to fetch them again
      if (ctx.capabilities.workspace?.semanticTokens?.refreshSupport)
        void ctx.connection.languages.semanticTokens.refresh().catch(() => undefined);
    }),
  );
}
