import * as vscode from "vscode";
import { COMPOSE_PROVIDERS, DOCKERFILE_PROVIDERS, type OtherProvidersParams } from "../../server/src/services/protocol";

/** The name of the output channel with the server's log (and the LSP trace when `shipshape.trace.server` is on). */
export const OUTPUT_CHANNEL_NAME = "Shipshape";

/**
 * Installed extensions that already give hover, completion and formatting; with `shipshape.languageFeatures`
 * on `auto`, the server leaves those features to them so nobody sees a hover twice.
 */
export function otherProviders(): OtherProvidersParams {
  const installed = (ids: string[]) => ids.filter((id) => vscode.extensions.getExtension(id) !== undefined);
  return { dockerfile: installed(DOCKERFILE_PROVIDERS), compose: installed(COMPOSE_PROVIDERS) };
}
