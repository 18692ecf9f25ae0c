import { rule } from "../../../../server/src/engine/rules/compose/pin-image";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "services:\n  db:\n    image: postgres:16.4-alpine\n",
    {
      name: "digest",
      code: "services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    },
    { name: "registry with port, tagged", code: "services:\n  api:\n    image: localhost:5000/acme/api:1.4.2\n" },
    { name: "variable tag with a version as its default", code: "services:\n  api:\n    image: myapp:${VERSION:-1.4.2}\n" },
    { name: "variable tag without a default is a deliberate choice", code: "services:\n  api:\n    image: myapp:${VERSION}\n" },
    { name: "a variant with a version", code: "services:\n  web:\n    image: nginx:1.27-alpine\n  n:\n    image: node:22-bookworm-slim\n" },
    { name: "image names what build produces", code: "services:\n  api:\n    build: .\n    image: myapp-api:latest\n" },
    { name: "allowed tag option", code: "services:\n  n:\n    image: node:lts\n", options: { allowedTags: ["lts"] } },
  ],
  invalid: [
    {
      name: "${VERSION:-latest} falls back to latest",
      code: "services:\n  api:\n    image: «myapp:${VERSION:-latest}»\n",
      errors: [{ messageId: "latestDefault" }],
    },
    {
      name: "bare distribution or variant tags move with every release",
      code: "services:\n  web:\n    image: «nginx:alpine»\n  n:\n    image: node:lts-slim\n  r:\n    image: redis:bookworm\n",
      errors: [{ messageId: "variantOnly" }, { messageId: "variantOnly" }, { messageId: "variantOnly" }],
    },
    {
      name: "current and stable",
      code: "services:\n  n:\n    image: node:current\n  d:\n    image: «docker:stable»\n".replace("«docker:stable»", "docker:stable"),
      errors: [{ messageId: "floating" }, { messageId: "floating" }],
    },
    { code: "services:\n  cache:\n    image: «redis»\n", errors: [{ messageId: "untagged" }] },
    { code: "services:\n  metrics:\n    image: «prom/prometheus:latest» # consider pinning\n", errors: [{ messageId: "floating" }] },
    {
      name: "quoted, range inside quotes",
      code: 'services:\n  ui:\n    image: "«grafana/grafana-oss:latest»"\n',
      errors: [{ messageId: "floating" }],
    },
    {
      name: "other moving tags",
      code: "services:\n  a:\n    image: traefik:stable\n  b:\n    image: node:nightly\n",
      errors: [
        { messageId: "floating", line: 3 },
        { messageId: "floating", line: 5 },
      ],
    },
    {
      name: "in an anchor used twice: reported once",
      code: "x-app: &app\n  image: «acme/app:latest»\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n",
      errors: [{ messageId: "floating" }],
    },
  ],
});
