#!/usr/bin/env python3
"""Writes xport(1), gzipped, from the command table itself: `xport --help` lists the commands and
`xport <command> --help` gives each one's usage and options, so the manual page and --help cannot
differ. Run by the build (src/CMakeLists.txt) with the freshly built front binary:
    manpage.py XPORT OUTPUT.1.gz
"""
import gzip
import re
import subprocess
import sys


def run(*args):
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manpage.py: '{' '.join(args)}' exited with {done.returncode}:\n{done.stderr}")
    return done.stdout


def roff(text):
    """Plain text as roff: backslashes and hyphens escaped, no line taken for a request."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        line = line.replace("\\", "\\e").replace("-", "\\-")
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: manpage.py XPORT OUTPUT.1.gz")
    xport, output = sys.argv[1], sys.argv[2]
    top = run(xport, "--help")
    version = run(xport, "--version").split()[-1]
    first = top.split("\n", 1)[0]
    tagline = first.split(": ", 1)[1] if ": " in first else first
    commands = []
    listing = False
    for line in top.split("\n"):
        if line == "commands:":
            listing = True
            continue
        if listing and not line.strip():
            break
        if listing:
            m = re.match(r"^  (\S+)\s+(.*)$", line)
            if not m:
                sys.exit(f"manpage.py: cannot read the command line '{line}' of 'xport --help'")
            commands.append((m.group(1), m.group(2)))
    if not commands:
        sys.exit("manpage.py: 'xport --help' lists no commands")

    page = [
        f'.TH XPORT 1 "" "xport {version}" "User Commands"',
        ".SH NAME",
        f"xport \\- {roff(tagline)}",
        ".SH SYNOPSIS",
        ".B xport",
        ".I command",
        "[\\fIoptions\\fR] [\\fIarguments\\fR]",
        ".br",
        ".B xport",
        "\\fIcommand\\fR \\-\\-help",
        ".br",
        ".IB target \\-cc",
        "[\\fIclang arguments\\fR] (and \\-c++, \\-ar ... links made by \\fBxport toolchain\\fR)",
        ".SH DESCRIPTION",
        "xport makes porting software to an operating system that the upstream toolchains do not",
        "fully support a repeatable, checked process: target profiles as data, sysroots taken out",
        "of OS media, \\fBxport cc\\fR as a drop\\-in cross compiler (clang and lld), Rust for",
        "custom targets, and checks of binaries before they run.",
        ".SH COMMANDS",
    ]
    for name, summary in commands:
        page += [f".SS {roff('xport ' + name)}", roff(summary) + ".", ".PP", ".nf",
                 roff(run(xport, name, "--help")), ".fi"]
    page += [
        ".SH ENVIRONMENT",
        ".TP", ".B XPORT_HOME", "The sysroot store (default \\fI$XDG_DATA_HOME/xport\\fR, else",
        "\\fI~/.local/share/xport\\fR).",
        ".TP", ".B XPORT_CLANG", "The clang to use, as a version (\\fB19\\fR) or a path; as",
        "\\fB\\-\\-clang\\fR. Default: the newest clang\\-N in PATH with its own lld.",
        ".TP", ".B XPORT_VERBOSE", "Print the tools chosen and the exact commands before running them.",
        ".TP", ".B XPORT_LAUNCHER", "Words put in front of clang (ccache, distcc, sccache ...).",
        ".TP", ".B XDG_CONFIG_HOME", "User target profiles are read from \\fIxport/targets\\fR in it.",
        ".TP", ".B XDG_CACHE_HOME", "Derived files (Rust specs and standard libraries, runtimes,",
        "the clang choice) are kept in \\fIxport\\fR in it.",
        ".SH FILES",
        ".TP", ".I /usr/share/doc/xport/", "The documentation: profiles, sysroots, the driver,",
        "checks, ABI facts, Rust, Genode.",
        ".TP", ".I /usr/share/xport/targets/", "The built\\-in target profiles (compiled into xport;",
        "these copies are for reading and for inheriting from).",
        ".SH EXIT STATUS",
        "0 on success, 1 when an operation failed or a check found problems, 2 on a usage error.",
        ".SH SEE ALSO",
        "\\fBclang\\fR(1), \\fBld.lld\\fR(1), \\fBqemu\\-user\\fR(1)",
    ]
    with open(output, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as z:
            z.write(("\n".join(page) + "\n").encode())


main()
