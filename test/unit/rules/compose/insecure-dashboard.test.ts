import { rule } from "../../../../server/src/engine/rules/compose/insecure-dashboard";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    'services:\n  proxy:\n    image: traefik:v3.1\n    command:\n      - "--api.dashboard=true"\n      - "--api.insecure=false"\n',
    {
      name: "grafana viewer role is fine",
      code: "services:\n  g:\n    image: grafana/grafana-oss:11.1.0\n    environment:\n      GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer\n",
    },
  ],
  invalid: [
    {
      code: 'services:\n  traefik:\n    image: traefik:v2.11\n    command:\n      - "«--api.insecure=true»" # Enable dashboard (unsafe for production)\n      - "--providers.docker=true"\n',
      errors: [{ messageId: "insecure" }],
      output: 'services:\n  traefik:\n    image: traefik:v2.11\n    command:\n      - "--providers.docker=true"\n',
    },
    {
      name: "string command",
      code: "services:\n  t:\n    image: traefik:v3.1\n    command: «traefik --api.insecure --providers.docker»\n",
      errors: [{ messageId: "insecure" }],
    },
    {
      name: "environment",
      code: "services:\n  t:\n    image: traefik:v3.1\n    environment:\n      - «TRAEFIK_API_INSECURE=true»\n",
      errors: [{ messageId: "insecure" }],
    },
  ],
});
