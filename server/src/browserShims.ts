/**
 * The little of Node's globals that libraries in the browser server bundle use, injected by esbuild into the
 * web-worker build only (scripts/esbuildPlugins.mjs). dockerfile-ast tests a character for the UTF-8 byte order
 * mark with `Buffer.from(char, "UTF-8")`; without this every Dockerfile lint fails in a web worker.
 */
export const Buffer = {
  from(text: string): Uint8Array {
    return new TextEncoder().encode(text);
  },
};
