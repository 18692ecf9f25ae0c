import { isMap, isScalar } from "yaml";
import { dependsOn, referencedNames, serviceVolumes } from "../../analysis/compose";
import { scalarText } from "../../model/compose";
import { composeRule } from "../../rule";
import type { Range } from "../../text";

export const rule = composeRule({
  meta: {
    id: "compose/undefined-reference",
    category: "reliability",
    defaultSeverity: "error",
    failure: "`docker compose` refuses to start a project that names an undefined service, network, volume, secret or config.",
    fixable: false,
    summary: "Every service, network, volume, secret and config a service names must be defined in the project.",
    rationale:
      "`depends_on`, `networks`, named `volumes`, `secrets`, `configs`, `extends`, `volumes_from` and `network_mode: service:…` must name something the project defines, or Compose stops with an error before starting anything. References are resolved across the base file, its overrides, the other `compose.*.yml` files of the folder and `include:`d files, so a name defined in the base file is fine in an override.",
    examples: [
      {
        fileName: "compose.yml",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - database\n  db:\n    image: postgres:16.4\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    depends_on:\n      - db\n  db:\n    image: postgres:16.4\n",
      },
    ],
    equivalents: [],
    messages: {
      service: "Service `{{name}}` is not defined in this project.",
      extendsFile: "`extends` names the file `{{path}}`, which does not exist (or cannot be read).",
      extendsService: "`extends` names service `{{name}}`, which `{{path}}` does not define.",
      network: "Network `{{name}}` is not defined under the top-level `networks:`.",
      volume: "Volume `{{name}}` is not defined under the top-level `volumes:`.",
      secret: "Secret `{{name}}` is not defined under the top-level `secrets:`.",
      config: "Config `{{name}}` is not defined under the top-level `configs:`.",
    },
    practice: "Compose file reference",
  },
  check({ compose, project, report }) {
    const services = new Set(project.serviceNames());
    const networks = project.topLevelNames("networks");
    networks.add("default");
    const volumes = project.topLevelNames("volumes");
    const secrets = project.topLevelNames("secrets");
    const configs = project.topLevelNames("configs");
    const seen = new Set<string>();
    const flag = (messageId: "service" | "network" | "volume" | "secret" | "config", name: string, range: Range) => {
      const id = `${messageId}:${range.start.line}:${range.start.character}`;
      if (seen.has(id) || name.includes("$")) return;
      seen.add(id);
      report({ messageId, range, data: { name } });
    };
    for (const svc of compose.services) {
      for (const d of dependsOn(compose, svc)) if (!services.has(d.name)) flag("service", d.name, d.nameRange);
      for (const n of referencedNames(compose, compose.get(svc.node, "networks")))
        if (!networks.has(n.name)) flag("network", n.name, n.range);
      for (const n of referencedNames(compose, compose.get(svc.node, "secrets"))) if (!secrets.has(n.name)) flag("secret", n.name, n.range);
      for (const n of referencedNames(compose, compose.get(svc.node, "configs"))) if (!configs.has(n.name)) flag("config", n.name, n.range);
      for (const v of serviceVolumes(compose, svc)) {
        if (v.type !== "volume" || !v.source || v.source === "") continue;
        if (!volumes.has(v.source)) flag("volume", v.source, v.range);
      }
      const ext = compose.get(svc.node, "extends");
      if (isScalar(ext)) {
        const n = scalarText(ext);
        if (n && !services.has(n)) flag("service", n, compose.rangeOf(ext));
      } else if (isMap(ext) && compose.get(ext, "file") === undefined) {
        const node = compose.get(ext, "service");
        const n = scalarText(node);
        if (n && !services.has(n)) flag("service", n, compose.rangeOf(node));
      } else if (isMap(ext)) {
        // extends with file: the file must exist and define the service
        const target = project.extendsTarget(compose, svc);
        const fileNode = compose.get(ext, "file");
        const serviceNode = compose.get(ext, "service");
        if (target?.missing === "file" && fileNode)
          report({ messageId: "extendsFile", range: compose.rangeOf(fileNode), data: { path: scalarText(fileNode) ?? "" } });
        else if (target?.missing === "service" && serviceNode)
          report({
            messageId: "extendsService",
            range: compose.rangeOf(serviceNode),
            data: { name: target.name, path: scalarText(fileNode) ?? "" },
          });
      }
      const nm = compose.get(svc.node, "network_mode");
      const nmText = scalarText(nm);
      if (nmText?.startsWith("service:") && !services.has(nmText.slice(8))) flag("service", nmText.slice(8), compose.rangeOf(nm));
      for (const item of compose.items(compose.get(svc.node, "volumes_from"))) {
        const t = scalarText(item);
        if (!t || t.startsWith("container:")) continue;
        const name = t.replace(/^service:/, "").split(":")[0] as string;
        if (!services.has(name)) flag("service", name, compose.rangeOf(item));
      }
      for (const item of compose.items(compose.get(svc.node, "links"))) {
        const name = (scalarText(item) ?? "").split(":")[0] as string;
        if (name && !services.has(name)) flag("service", name, compose.rangeOf(item));
      }
    }
  },
});
