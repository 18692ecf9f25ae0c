import { rule } from "../../../../server/src/engine/rules/dockerfile/healthcheck-status-ignored";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM python:3.13-slim\nHEALTHCHECK CMD python -c \"import requests; requests.get('http://localhost:8000/health').raise_for_status()\"\n",
    "FROM python:3.13-slim\nHEALTHCHECK CMD python -c \"import requests,sys; sys.exit(requests.get('http://x/').status_code != 200)\"\n",
    'FROM python:3.13-slim\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')"]\n',
    "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n",
    "FROM nginx:1.27\nHEALTHCHECK CMD curl --fail-with-body http://localhost/\n",
    {
      name: "body checked with grep",
      code: "FROM opensearchproject/opensearch:2.17.1\nHEALTHCHECK CMD curl -s localhost:9200/_cluster/health | grep -qE '(green|yellow)'\n",
    },
    { name: "curl outside HEALTHCHECK is another rule's business", code: "FROM nginx:1.27\nRUN curl http://example.com/ -o /x\n" },
  ],
  invalid: [
    {
      name: "practice 002: requests.get without a status check",
      code: "FROM python:3.11-slim\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\\n    CMD python -c \"import requests; «requests.get('http://localhost:8000/health')»\"\n",
      errors: [{ messageId: "requests" }],
      output:
        "FROM python:3.11-slim\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \\\n    CMD python -c \"import requests; requests.get('http://localhost:8000/health').raise_for_status()\"\n",
    },
    {
      name: "httpx in exec form",
      code: 'FROM python:3.13-slim\nHEALTHCHECK CMD ["python", "-c", "import httpx; «httpx.get(\'http://localhost:8000/\', timeout=2)»"]\n',
      errors: [{ messageId: "requests" }],
      output:
        'FROM python:3.13-slim\nHEALTHCHECK CMD ["python", "-c", "import httpx; httpx.get(\'http://localhost:8000/\', timeout=2).raise_for_status()"]\n',
    },
    {
      name: "curl without --fail, shell form",
      code: "FROM nginx:1.27\nHEALTHCHECK CMD «curl» -s http://localhost/ || exit 1\n",
      errors: [{ messageId: "curl" }],
      output: "FROM nginx:1.27\nHEALTHCHECK CMD curl --fail -s http://localhost/ || exit 1\n",
    },
    {
      name: "curl without --fail, exec form",
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["«curl»", "http://localhost/"]\n',
      errors: [{ messageId: "curl" }],
      output: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "--fail", "http://localhost/"]\n',
    },
  ],
});
