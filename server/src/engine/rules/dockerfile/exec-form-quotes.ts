import { jsonStrings } from "../../analysis/dockerfileFacts";
import { dockerfileRule } from "../../rule";

const SHELLS = /(^|\/)(sh|bash|dash|ash|zsh|ksh|pwsh|powershell|cmd)(\.exe)?$/i;

type JsonString = ReturnType<typeof jsonStrings>[number];

/** The quote characters a shell would have removed from this argument, or undefined. */
function shellQuoted(arg: string): { inner: string } | undefined {
  const whole = /^(['"])([\s\S]*)\1$/.exec(arg);
  if (whole && arg.length >= 2) return { inner: whole[2] as string };
  // --opt='value' / KEY="value"
  const opt = /^([^'"\s=]+=)(['"])([^'"]*)\2$/.exec(arg);
  if (opt) return { inner: `${opt[1]}${opt[3]}` };
  return undefined;
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/exec-form-quotes",
    category: "reliability",
    defaultSeverity: "warning",
    fixable: true,
    fixKinds: ["suggestion"],
    summary: "In the JSON (exec) form, do not put shell quotes inside an argument: no shell is there to remove them.",
    rationale:
      '`CMD ["nginx", "-g", "\'daemon off;\'"]` passes the argument `\'daemon off;\'` with its single quotes to nginx, which then fails to read its configuration. ' +
      "In the exec form each JSON string is one argument exactly as written; the quotes a shell command line needs are already given by the JSON strings. " +
      'Arguments of a shell started explicitly (`["sh", "-c", "…"]`) are not checked: there a shell does read the quotes.',
    examples: [
      {
        bad: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "\'daemon off;\'"]\n',
        good: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n',
      },
    ],
    equivalents: [],
    messages: {
      quoted: "The quotes in `{{arg}}` reach the program as part of the argument; the exec form has no shell to remove them.",
    },
    practice: "003 (CMD and ENTRYPOINT in exec form)",
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (!["CMD", "ENTRYPOINT", "RUN", "HEALTHCHECK"].includes(ins.keyword) || !ins.isExecForm) continue;
      const args = jsonStrings(ins);
      // HEALTHCHECK CMD [...]: the JSON strings are the command's
      if (args.length === 0) continue;
      const shellAt = args.findIndex((a) => SHELLS.test(a.value));
      for (let i = 0; i < args.length; i++) {
        if (shellAt >= 0 && i > shellAt) break;
        const a = args[i] as JsonString;
        const q = shellQuoted(a.value);
        if (!q || q.inner.trim() === "") continue;
        const newText = JSON.stringify(q.inner);
        report({
          messageId: "quoted",
          range: a.range,
          data: { arg: a.value },
          fixes: [{ title: `Pass ${newText} without the shell quotes`, safe: false, edits: [{ range: a.range, newText }] }],
        });
      }
    }
  },
});
