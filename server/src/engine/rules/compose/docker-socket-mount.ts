import { serviceVolumes } from "../../analysis/compose";
import { composeRule } from "../../rule";

const SOCKETS = new Set(["/var/run/docker.sock", "/run/docker.sock", "//var/run/docker.sock", "/run/podman/podman.sock"]);

export const rule = composeRule({
  meta: {
    id: "compose/docker-socket-mount",
    category: "security",
    defaultSeverity: "warning",
    fixable: false,
    summary: "Do not mount the Docker socket into a container.",
    rationale:
      "Whoever can talk to `/var/run/docker.sock` can start a privileged container that mounts the host's root file system: the socket is root on the host. `:ro` does not help much, because the API is still reachable through a read-only bind of the socket file. Give tools such as Traefik a socket proxy with only the endpoints they need, or use their file provider.",
    examples: [
      {
        fileName: "compose.yml",
        bad: 'services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - "/var/run/docker.sock:/var/run/docker.sock:ro"\n',
        good: 'services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - "./traefik.yml:/etc/traefik/traefik.yml:ro"\n',
      },
    ],
    equivalents: [],
    messages: {
      readOnly: "The Docker socket is mounted (read-only does not limit the API): the container controls the host's Docker daemon.",
      writable: "The Docker socket is mounted read-write: the container controls the host's Docker daemon, which is root on the host.",
    },
    practice: "003 §8.3.5 (Traefik with the Docker socket)",
  },
  check({ compose, report }) {
    for (const svc of compose.services) {
      for (const v of serviceVolumes(compose, svc)) {
        if (!v.source || !SOCKETS.has(v.source) || !compose.owns(v.node)) continue;
        report({ messageId: v.readOnly ? "readOnly" : "writable", range: v.range });
      }
    }
  },
});
