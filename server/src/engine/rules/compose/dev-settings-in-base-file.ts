import { devSettings, isHelperService, moveToOverrideFix, type DevSettingKind } from "../../analysis/composeDev";
import { serviceProfiles } from "../../analysis/compose";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

const MESSAGE: Record<DevSettingKind, "sourceMount" | "reload" | "debugger" | "devDockerfile" | "devTarget" | "debugEnv"> = {
  sourceMount: "sourceMount",
  reload: "reload",
  debugger: "debugger",
  devDockerfile: "devDockerfile",
  devTarget: "devTarget",
  debugEnv: "debugEnv",
};

export const rule = composeRule({
  meta: {
    id: "compose/dev-settings-in-base-file",
    category: "maintainability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Keep development settings (source mounts, reloaders, debuggers, dev Dockerfiles, helper tools) out of the base compose file.",
    rationale:
      "The base `compose.yml` should describe the production-like stack, running the code baked into the image. Mounting the source tree, `--reload`, debuggers, a `Dockerfile.dev` or a `dev` target, and helpers such as pgAdmin or Mailhog (unless they are all the file runs) belong in `compose.override.yml` (which `docker compose up` loads automatically on a developer machine) or a `compose-dev.yml` layered with `-f`. Otherwise production runs the development setup, or nobody can tell them apart. The fix moves the settings into the override file, creating it when needed, in one edit.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    command: uvicorn app.main:app --reload --host 0.0.0.0\n    restart: unless-stopped\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    command: uvicorn app.main:app --host 0.0.0.0\n    restart: unless-stopped\n",
      },
    ],
    equivalents: [],
    messages: {
      sourceMount: "The source tree is bind-mounted ({{detail}}); that is a development setting, move it to an override file.",
      reload: "`{{detail}}` is a development reloader; move it to an override file.",
      debugger: "`{{detail}}` starts a debugger; move it to an override file.",
      devDockerfile: "`{{detail}}` is a development Dockerfile; build it from an override file.",
      devTarget: "Build target `{{detail}}` is a development stage; select it from an override file.",
      debugEnv: "`{{detail}}` switches on development mode; move it to an override file.",
      helper: "`{{service}}` is a development helper ({{label}}); define it in an override file.",
    },
    practice: "003 §8.2.2 Mandatory rules (use override files, keep base clean)",
  },
  check({ compose, project, report, runs }) {
    if (!project.isProductionBase(compose)) return;
    const helpersRuleOn = runs("compose/dev-helpers-need-profile");
    // a stack made only of such tools (a compose file that runs pgAdmin or Portainer) is what it deploys, not a helper
    const onlyHelpers = compose.services.every((svc) => isHelperService(project, svc.name));
    for (const svc of compose.services) {
      if (isHelperService(project, svc.name)) {
        // a helper without a profile is compose/dev-helpers-need-profile's finding (with this rule's move as its
        // second fix): one problem, one finding. Reported here only when that rule is off.
        if (onlyHelpers || serviceProfiles(project, svc.name).length > 0 || helpersRuleOn) continue;
        const fix = moveToOverrideFix(project, compose, svc, [], true);
        report({
          messageId: "helper",
          range: svc.keyRange,
          data: { service: svc.name, label: project.image(svc.name) ?? "" },
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      const settings = devSettings(compose, svc);
      if (settings.length === 0) continue;
      const fix = moveToOverrideFix(project, compose, svc, settings, false);
      const fixes: Fix[] = fix ? [fix] : [];
      for (const s of settings) report({ messageId: MESSAGE[s.kind], range: s.range, data: { detail: s.detail }, fixes });
    }
  },
});
