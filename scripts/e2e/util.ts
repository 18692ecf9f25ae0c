// Small helpers shared by the e2e scripts: timestamps, commands, bounded polling.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";

const T0 = Date.now();

/** `[12.3s] message`, seconds since the harness started. */
export function log(message: string): void {
  console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s] ${message}`);
}

/** Runs a command to completion with inherited output; throws with the command line when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const r = spawnSync(command, args, { stdio: "inherit", ...options });
  if (r.status !== 0) {
    throw new Error(`\`${[command, ...args].join(" ")}\` failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  }
}

/** Runs a command and returns its stdout; throws with its stderr when it fails. */
export function capture(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, { encoding: "utf8", ...options });
  if (r.status !== 0) {
    throw new Error(`\`${[command, ...args].join(" ")}\` failed: ${String(r.stderr ?? r.error?.message ?? "").trim()}`);
  }
  return String(r.stdout);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than undefined/false, at most `timeoutMs`.
 * The error names what did not appear, so a failed wait explains itself.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(100);
  }
}
