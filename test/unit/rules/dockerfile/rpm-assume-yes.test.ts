import { rule } from "../../../../server/src/engine/rules/dockerfile/rpm-assume-yes";
import { testRule } from "../../helpers/ruleTester";

testRule(rule, {
  valid: [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    "FROM centos:7\nRUN yum --assumeyes groupinstall 'Development Tools'\n",
    "FROM fedora:40\nRUN dnf -qy install httpd\n",
    "FROM fedora:40\nRUN microdnf install --assumeyes httpd\n",
    "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl\n",
    "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n",
    "FROM opensuse/leap:15.6\nRUN zypper rm --no-confirm curl\n",
    "FROM centos:7\nRUN yum update\n",
    "FROM ubuntu:24.04\nRUN apt-get install curl\n",
  ],
  invalid: [
    {
      code: "FROM centos:7\nRUN «yum install httpd-2.4.6» && yum clean all\n",
      errors: [{ messageId: "missingYes" }],
      output: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    },
    {
      name: "localinstall and groupinstall",
      code: "FROM centos:7\nRUN yum localinstall x.rpm && yum groupinstall Tools\n",
      errors: [
        { messageId: "missingYes", line: 2, column: 5 },
        { messageId: "missingYes", line: 2, column: 31 },
      ],
      output: "FROM centos:7\nRUN yum localinstall -y x.rpm && yum groupinstall -y Tools\n",
    },
    {
      name: "dnf and microdnf in a builder stage",
      code: "FROM fedora:40 AS build\nRUN dnf install gcc\nFROM ubi9/ubi-minimal:9.4\nRUN microdnf install nginx\n",
      errors: [
        { messageId: "missingYes", line: 2 },
        { messageId: "missingYes", line: 4 },
      ],
      output: "FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y nginx\n",
    },
    {
      name: "zypper remove and patch",
      code: "FROM opensuse/leap:15.6\nRUN zypper remove vim\nRUN zypper patch\n",
      errors: [
        { messageId: "missingYes", line: 2 },
        { messageId: "missingYes", line: 3 },
      ],
      output: "FROM opensuse/leap:15.6\nRUN zypper remove -y vim\nRUN zypper patch -y\n",
    },
  ],
});
