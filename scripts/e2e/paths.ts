// Where the e2e harness keeps things. Everything it writes lives under the project: the code-server install and
// the per-run folders in the git-ignored `.e2e-cache/`, the artefacts CI keeps (screenshots, logs) in `results/e2e/`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** `.e2e-cache` (or $SHIPSHAPE_E2E_CACHE): keep it short, VS Code puts unix sockets (≤ 107 bytes) in run folders. */
export const CACHE = resolve(process.env.SHIPSHAPE_E2E_CACHE ?? join(ROOT, ".e2e-cache"));
export const CODE_SERVER_VERSION = "4.96.4";
export const CS_DIR = join(CACHE, "cs");
export const CS_BIN = join(CS_DIR, "node_modules", ".bin", "code-server");
export const RUNS = join(CACHE, "runs");
export const RESULTS = join(ROOT, "results", "e2e");
export const VSIX = join(ROOT, "shipshape.vsix");
export const FIXTURE_WORKSPACE = join(ROOT, "test", "e2e", "workspace");
export const USER_SETTINGS = join(ROOT, "test", "e2e", "user-settings.json");
export const NVIM_PROBE = join(ROOT, "test", "e2e", "nvim", "probe.lua");
