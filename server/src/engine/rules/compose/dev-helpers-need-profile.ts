import { appendToMap, childIndent, serviceProfiles } from "../../analysis/compose";
import { isHelperService, moveToOverrideFix } from "../../analysis/composeDev";
import { composeRule } from "../../rule";
import type { Fix } from "../../types";

export const rule = composeRule({
  meta: {
    id: "compose/dev-helpers-need-profile",
    category: "maintainability",
    defaultSeverity: "info",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "Put development helpers (pgAdmin, Mailhog, Adminer …) behind a `profiles:` entry.",
    rationale:
      "Helper tools are useful now and then, but without a profile they start with every `docker compose up`, take memory and publish admin ports. With `profiles: [tools]` they start only when asked for (`docker compose --profile tools up`).",
    examples: [
      {
        fileName: "compose.override.yml",
        bad: "services:\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n",
        good: "services:\n  pgadmin:\n    image: dpage/pgadmin4:8.10\n    profiles: [tools]\n",
      },
    ],
    equivalents: [],
    messages: {
      noProfile: "`{{service}}` is a development helper and starts with every `up`; give it a profile.",
      noProfileInBase:
        "`{{service}}` is a development helper and starts with every `up` of the production stack; give it a profile or move it to an override file.",
    },
    options: { profile: { description: "The profile name the fix uses.", type: "string", default: "tools" } },
    practice: "004 Profiles for selective startup; 003 §8.2.2 (helper services)",
  },
  check({ compose, project, report, options }) {
    const profile = typeof options.profile === "string" ? options.profile : "tools";
    for (const svc of compose.services) {
      if (!isHelperService(project, svc.name) || serviceProfiles(project, svc.name).length > 0) continue;
      if (project.definitions(svc.name)[0]?.file !== compose) continue;
      const indent = " ".repeat(childIndent(compose, svc.node, svc.key));
      const edit = appendToMap(compose, svc.node, [`${indent}profiles: [${profile}]`]);
      const fixes: Fix[] = edit ? [{ title: `Add \`profiles: [${profile}]\``, safe: false, edits: [edit] }] : [];
      // one problem, one finding: in the production base file this is also where compose/dev-settings-in-base-file
      // would say "move it to an override file"; that advice comes here as the second fix, and that rule stays quiet
      const inBase = project.isProductionBase(compose);
      const move = inBase ? moveToOverrideFix(project, compose, svc, [], true) : undefined;
      if (move) fixes.push(move);
      report({ messageId: inBase ? "noProfileInBase" : "noProfile", range: svc.keyRange, data: { service: svc.name }, fixes });
    }
  },
});
