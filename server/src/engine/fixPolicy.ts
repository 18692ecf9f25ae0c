/**
 * The fix policy in one place. A fix is `safe` only when it cannot change what the image or the stack does on any
 * base image the image model allows (the rule declares `safe` in `meta.fixKinds` and decides per finding, e.g.
 * `wget-progress` only where the model knows GNU wget runs). Everything else is a suggestion: offered as a quick
 * fix, never applied by `--fix` or "Fix all".
 */
import type { Fix } from "./types";

/** True for a fix that `--fix`, "Fix all" and other bulk appliers may apply without asking. */
export function isSafeFix(fix: Fix): boolean {
  return fix.safe === true;
}
