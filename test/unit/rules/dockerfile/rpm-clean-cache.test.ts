import { rule } from "../../../../server/src/engine/rules/dockerfile/rpm-clean-cache";
import { testRule } from "../../helpers/ruleTester";

testRule(
  rule,
  {
    valid: [
      {
        name: "a builder stage only copied from: its cache is thrown away",
        notOnbuild: "an ONBUILD trigger runs in the child image, which ships",
        code: "FROM rockylinux:9 AS build\nRUN dnf install -y gcc-11.4.1 && gcc -o /hello /src/hello.c\nFROM rockylinux:9\nCOPY --from=build /hello /hello\n",
      },
      {
        name: "microdnf keeps its cache in /var/cache/yum",
        code: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils && rm -rf /var/cache/yum\n",
      },
      {
        name: "microdnf with a cache mount on /var/cache/yum",
        code: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN --mount=type=cache,target=/var/cache/yum microdnf install -y tar\n",
      },
      "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
      "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum/*\n",
      "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
      "FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n",
      "FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/libdnf5*\n",
      "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd\n",
      "FROM fedora:40\nRUN --mount=type=tmpfs,target=/root/.cache/libdnf5 dnf install -y httpd\n",
      "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper cc\n",
      "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl\n",
      "FROM centos:7\nRUN yum update -y\n",
    ],
    invalid: [
      {
        name: "microdnf without a clean",
        code: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN «microdnf install -y tar»\n",
        errors: [{ messageId: "missingClean" }],
        output: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\n",
      },
      {
        code: "FROM centos:7\nRUN «yum install -y httpd»\n",
        errors: [{ messageId: "missingClean" }],
        output: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
      },
      {
        name: "clean before install does not count",
        code: "FROM centos:7\nRUN yum clean all && yum install -y httpd\n",
        errors: [{ messageId: "missingClean", line: 2, column: 22 }],
        output: "FROM centos:7\nRUN yum clean all && yum install -y httpd && yum clean all\n",
      },
      {
        name: "dnf upgrade and microdnf",
        code: "FROM fedora:40\nRUN dnf upgrade -y\nRUN microdnf install -y nginx \\\n    && echo done\n",
        errors: [
          { messageId: "missingClean", line: 2 },
          { messageId: "missingClean", line: 3 },
        ],
        output:
          "FROM fedora:40\nRUN dnf upgrade -y && dnf clean all\nRUN microdnf install -y nginx \\\n    && echo done && microdnf clean all\n",
      },
      {
        name: "ONBUILD RUN is reported without a fix",
        code: "FROM centos:7\nONBUILD RUN «yum install -y httpd»\n",
        errors: [{ messageId: "missingClean" }],
      },
      {
        name: "zypper, with a cache mount for another manager",
        code: "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/yum zypper in -y curl\n",
        errors: [{ messageId: "missingClean" }],
        output: "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/yum zypper in -y curl && zypper clean\n",
      },
    ],
  },
  { onbuild: { noFix: "the fix appends to a plain RUN only" } },
);
