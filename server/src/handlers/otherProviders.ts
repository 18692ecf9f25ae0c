import type { ServerContext } from "../services/context";
import { OTHER_PROVIDERS_NOTIFICATION, type OtherProvidersParams } from "../services/protocol";
import { guard } from "./guard";

/** The client saw extensions installed or removed: base features (and dockerfile-utils squiggles) follow. */
export function registerOtherProviders(ctx: ServerContext): void {
  ctx.connection.onNotification(
    OTHER_PROVIDERS_NOTIFICATION,
    guard("otherProviders", ctx.log, undefined, (params: OtherProvidersParams) => {
      ctx.settings.otherProviders = { dockerfile: params.dockerfile ?? [], compose: params.compose ?? [] };
      ctx.linting.scheduleAll();
      // languageFeatures may have switched tokens on or off: ask the client to fetch them again
      if (ctx.capabilities.workspace?.semanticTokens?.refreshSupport)
        void ctx.connection.languages.semanticTokens.refresh().catch(() => undefined);
    }),
  );
}
