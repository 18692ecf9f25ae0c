import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

/**
 * Restricted Mode: Shipshape runs nothing from the workspace, so it declares full support for untrusted folders.
 * That stays true only while no setting can make it read or run something outside the workspace (a path to a
 * config file, an executable, a URL). A new setting must be judged here: listed as harmless, or the declaration
 * becomes `limited` with the setting in `restrictedConfigurations`.
 */
const ROOT = join(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  capabilities?: { untrustedWorkspaces?: { supported: boolean | "limited"; restrictedConfigurations?: string[]; description?: string } };
  contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
};

/** Settings that only choose among Shipshape's own behaviours (severities, which features, tracing). */
const HARMLESS_IN_UNTRUSTED_FOLDERS = new Set([
  "shipshape.rules",
  "shipshape.languageFeatures",
  "shipshape.inlayHints",
  "shipshape.trace.server",
]);

describe("Restricted Mode (untrusted workspaces)", () => {
  const configuration = pkg.contributes.configuration;
  const settings = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((c) => Object.keys(c.properties));

  it("package.json declares it; every setting that could reach outside the workspace is restricted", () => {
    const declared = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(declared, "capabilities.untrustedWorkspaces is missing: VS Code would disable Shipshape in Restricted Mode");
    const restricted = new Set(declared.restrictedConfigurations ?? []);
    const unjudged = settings.filter((s) => !HARMLESS_IN_UNTRUSTED_FOLDERS.has(s) && !restricted.has(s));
    assert.deepEqual(unjudged, [], "judge each new setting: harmless, or restricted (supported: 'limited')");
    if (declared.supported === "limited") assert.ok(declared.description, "a limited declaration needs a description");
    else assert.equal(declared.supported, true);
    assert.ok(settings.length >= HARMLESS_IN_UNTRUSTED_FOLDERS.size, "the settings were read");
  });

  it("the README says what changes in an untrusted folder", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    assert.match(readme, /\*\*Restricted Mode\.\*\*[^\n]*\n[^]*?untrustedWorkspaces/);
  });
});
