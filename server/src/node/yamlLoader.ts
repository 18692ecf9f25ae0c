import type { DocumentStates } from "../services/documentState";
import type { YamlService } from "../services/yamlService";

/**
 * Loads dist/server/yamlService.js on first call. It is a separate bundle so that yaml-language-server is not
 * even parsed while the server starts.
 */
export function lazyYamlService(log: (message: string) => void, docStates: DocumentStates): () => YamlService | undefined {
  let service: YamlService | undefined;
  let failed = false;
  docStates.onForget("compose schema service", (uri) => service?.forget(uri));
  return () => {
    if (service || failed) return service;
    try {
      const started = Date.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, kept out of the main bundle on purpose
      const mod = require(`${__dirname}/yamlService.js`) as typeof import("../services/yamlService");
      service = mod.createYamlService();
      log(`compose schema service loaded in ${Date.now() - started} ms`);
    } catch (error) {
      failed = true;
      log(`compose schema service unavailable: ${String(error)}`);
    }
    return service;
  };
}
