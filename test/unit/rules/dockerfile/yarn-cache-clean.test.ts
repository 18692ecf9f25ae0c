import { rule } from "../../../../server/src/engine/rules/dockerfile/yarn-cache-clean";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      "FROM node:22-slim\nRUN yarn install && yarn cache clean\n",
      "FROM node:22-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
      "FROM node:22-slim\nRUN npm ci\n",
      {
        name: "a builder stage that is only copied from",
        notOnbuild: "an ONBUILD trigger runs in the child image, which ships",
        code: "FROM node:22 AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
      },
    ],
    invalid: [
      {
        name: "a fragment without FROM",
        code: "RUN «yarn install»\n",
        errors: [{ messageId: "missingClean" }],
        output: "RUN yarn install && yarn cache clean\n",
      },
      {
        code: "FROM node:22-slim\nRUN «yarn install»\n",
        errors: [{ messageId: "missingClean" }],
        output: "FROM node:22-slim\nRUN yarn install && yarn cache clean\n",
      },
      {
        name: "clean before install does not count",
        code: "FROM node:22-slim\nRUN yarn cache clean && yarn install --frozen-lockfile\n",
        errors: [{ messageId: "missingClean", line: 2, column: 25 }],
        output: "FROM node:22-slim\nRUN yarn cache clean && yarn install --frozen-lockfile && yarn cache clean\n",
      },
      {
        name: "a stage another stage builds on",
        code: 'FROM node:22-slim AS deps\nRUN yarn install\nFROM deps\nCMD ["node", "index.js"]\n',
        errors: [{ messageId: "missingClean", line: 2 }],
        output: 'FROM node:22-slim AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nCMD ["node", "index.js"]\n',
      },
    ],
  },
  { onbuild: { noFix: "the fix appends to a plain RUN only" } },
);
