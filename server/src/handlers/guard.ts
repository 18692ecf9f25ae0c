/**
 * Runs a handler so that bad input can never take the server down: an exception is logged and the
 * request gets the fallback answer instead.
 */
export function guard<P extends unknown[], R>(
  name: string,
  log: (message: string) => void,
  fallback: R,
  fn: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await fn(...args);
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}
