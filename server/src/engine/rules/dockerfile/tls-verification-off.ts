import { propertiesOf } from "../../analysis/dockerfileFacts";
import { runSteps } from "../../analysis/instructions";
import { argsOf, programOf, type ShellCommand, type ShellWord } from "../../model/shell";
import { dockerfileRule } from "../../rule";

/** Environment variables that switch certificate checks off, with the values that do it. */
const ENV_OFF: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  PYTHONHTTPSVERIFY: /^0$/,
  GIT_SSL_NO_VERIFY: /^(1|true|yes)$/i,
  CURL_INSECURE: /^(1|true|yes)$/i,
  NPM_CONFIG_STRICT_SSL: /^(false|0)$/i,
  YARN_STRICT_SSL: /^(false|0)$/i,
  PIP_TRUSTED_HOST: /./,
};

/** The word of `cmd` that turns verification off, and what it is, or undefined. */
function insecureWord(cmd: ShellCommand): { word: ShellWord; what: string } | undefined {
  const p = programOf(cmd);
  for (const a of cmd.assignments) {
    const eq = a.value.indexOf("=");
    const name = a.value.slice(0, eq);
    if (ENV_OFF[name]?.test(a.value.slice(eq + 1))) return { word: a, what: a.value };
  }
  if (!p) return undefined;
  const args = argsOf(cmd);
  const find = (test: (v: string, i: number) => boolean) => {
    const i = args.findIndex((w, k) => test(w.value, k));
    return i >= 0 ? (args[i] as ShellWord) : undefined;
  };
  let w: ShellWord | undefined;
  switch (p.name) {
    case "curl":
      w = find((v) => v === "--insecure" || v === "-k" || /^-[A-Za-z]*k[A-Za-z]*$/.test(v));
      return w && { word: w, what: `curl ${w.value}` };
    case "wget":
      w = find((v) => v === "--no-check-certificate");
      return w && { word: w, what: "wget --no-check-certificate" };
    case "pip":
    case "pip3":
    case "uv":
      w = find(
        (v) =>
          v === "--trusted-host" ||
          v.startsWith("--trusted-host=") ||
          v === "--allow-insecure-host" ||
          v.startsWith("--allow-insecure-host="),
      );
      return w && { word: w, what: `${p.name} ${w.value.split("=")[0]}` };
    case "git": {
      // git -c http.sslVerify=false …, git config [--global] http.sslVerify false
      w = find((v, i) => /^http\.sslverify=(false|0|no)$/i.test(v) && args[i - 1]?.value === "-c");
      if (w) return { word: w, what: `git -c ${w.value}` };
      w = find((v, i) => /^http\.sslverify$/i.test(v) && /^(false|0|no)$/i.test(args[i + 1]?.value ?? ""));
      return w && { word: w, what: "git config http.sslVerify false" };
    }
    case "npm":
    case "yarn":
    case "pnpm": {
      w = find((v, i) => /^strict-ssl$/i.test(v) && /^false$/i.test(args[i + 1]?.value ?? "") && args.some((x) => x.value === "set"));
      if (w) return { word: w, what: `${p.name} config set strict-ssl false` };
      w = find((v) => /^--strict-ssl=false$/i.test(v));
      return w && { word: w, what: `${p.name} ${w.value}` };
    }
    case "apk": {
      w = find((v) => v === "--allow-untrusted");
      // unsigned packages built earlier in the build and installed from local files: nothing is downloaded
      const names = args.filter((x) => !x.value.startsWith("-")).slice(1);
      if (names.length > 0 && names.every((x) => /^\.{0,2}\/|\.apk$/.test(x.value))) return undefined;
      return w && { word: w, what: "apk --allow-untrusted" };
    }
    default:
      return undefined;
  }
}

export const rule = dockerfileRule({
  meta: {
    id: "dockerfile/tls-verification-off",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not switch off TLS certificate checks in a build (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host` …).",
    rationale:
      "A download whose certificate is not checked can be replaced by anyone on the path between the builder and the server, and whatever it fetches runs in the image. " +
      "Turning verification off is usually a workaround for a proxy that intercepts TLS: give the build the proxy's CA certificate instead (copy it into the trust store, or point `SSL_CERT_FILE`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `GIT_SSL_CAINFO` at it). " +
      "An ENV such as `NODE_TLS_REJECT_UNAUTHORIZED=0` or `PYTHONHTTPSVERIFY=0` is worse still: it stays in the image and turns the checks off for the application at run time too. " +
      "There is no automatic fix: removing the switch can break a build that only works because of it.",
    examples: [
      {
        bad: "FROM debian:bookworm-slim\nRUN curl -k -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n",
        good: "FROM debian:bookworm-slim\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n",
      },
      {
        bad: "FROM node:22-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
        good: "FROM node:22-slim\nCOPY corp-ca.crt /etc/ssl/corp-ca.crt\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp-ca.crt\n",
      },
    ],
    equivalents: [],
    messages: {
      command: "`{{what}}` turns TLS certificate checks off for this download; trust the needed CA certificate instead.",
      env: "{{keyword}} `{{name}}={{value}}` turns TLS certificate checks off (and ENV keeps it at run time); trust the needed CA certificate instead.",
    },
    practice: "003 (Security: verify what the build downloads)",
  },
  check({ dockerfile, report }) {
    for (const step of runSteps(dockerfile)) {
      for (const cmd of step.commands) {
        const found = insecureWord(cmd);
        if (found)
          report({ messageId: "command", range: dockerfile.lines.rangeOf(found.word.start, found.word.end), data: { what: found.what } });
      }
    }
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
      for (const p of propertiesOf(ins)) {
        if (!p.hasValue || !ENV_OFF[p.name]?.test(p.value.replace(/^["']|["']$/g, ""))) continue;
        report({ messageId: "env", range: ins.argsRange ?? ins.range, data: { keyword: ins.keyword, name: p.name, value: p.value } });
      }
    }
  },
});
