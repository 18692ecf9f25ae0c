import { rule } from "../../../../server/src/engine/rules/dockerfile/rpm-pin-versions";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    { name: "unbraced $VAR defined above", code: "FROM fedora:40\nARG V=2.4.57\nRUN dnf install -y httpd-$V && dnf clean all\n" },
    "FROM centos:7\nRUN yum install -y httpd-2.24.2 && yum clean all\n",
    "FROM centos:7\nRUN yum install -y tzdata-2021a-1.el8\n",
    "FROM centos:7\nRUN yum install -y /tmp/package.rpm\n",
    "FROM centos:7\nRUN yum module install -y nodejs:14\n",
    "FROM centos:7\nARG V=1.0\nRUN yum install -y app-${V}\n",
    "FROM centos:7 AS base\nENV V=1.0\nFROM base\nRUN yum install -y app-${V}\n",
    "FROM fedora:40\nRUN dnf install -y httpd-2.4.57\n",
    "FROM fedora:40\nRUN dnf group install -y 'Development Tools'\n",
    "FROM fedora:40\nRUN microdnf install -y nginx-1.24.0\n",
    "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 'git>=2.43'\n",
    "FROM opensuse/leap:15.6\nRUN zypper in -y ./pkg.rpm\n",
  ],
  invalid: [
    { name: "unbraced $VAR never defined", code: "FROM fedora:40\nRUN dnf install -y «httpd-$V»\n", errors: [{ messageId: "unpinned" }] },
    {
      code: "FROM centos:7\nRUN yum install -y «httpd» && yum clean all\n",
      errors: [{ messageId: "unpinned" }],
    },
    {
      name: "a suffix that is not a version",
      code: "FROM centos:7\nRUN yum install -y python3-devel-3.6 «python3-devel»\n",
      errors: [{ messageId: "unpinned", line: 2, column: 38 }],
    },
    {
      name: "module without a stream",
      code: "FROM fedora:40\nRUN dnf module install -y «nodejs»\n",
      errors: [{ messageId: "unpinnedModule" }],
    },
    {
      name: "undefined variable",
      code: "FROM centos:7\nRUN yum install -y «app-${V}»\n",
      errors: [{ messageId: "unpinned" }],
    },
    {
      name: "zypper and microdnf",
      code: "FROM opensuse/leap:15.6\nRUN zypper install -y «curl» git=2.43\nFROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y nginx\n",
      errors: [
        { messageId: "unpinned", line: 2 },
        { messageId: "unpinned", line: 4, column: 25 },
      ],
    },
  ],
});
