"""Docusaurus's npm2yarn remark plugin: a ``bash npm2yarn`` code block shown once per package manager.

The plugin turns each code block whose info string is a language then ``npm2yarn`` into tabs:
the block as written, labelled ``npm``, then the same commands for Yarn (``Yarn``) and, from
its version 3 on, pnpm (``pnpm``), converted as the npm-to-yarn package (3.0) converts them:
``npx`` becomes ``yarn dlx`` or ``pnpm dlx`` (and nothing else changes); else each ``npm ...``
up to an ``&`` or the line's end is read as arguments (quotes kept whole, the first ``--``
dropped) and renamed by the tables below; a command they do not know is kept, under a comment
saying it could not be converted. A tab is written as stagemap shows one (its label in bold
over its code): `npm_tabs` does so where the site's configuration names the plugin
(`stagemap.read.sitepackages.NPM2YARN`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lazyre import lazy

_FENCE = lazy(
    r"^([ \t]{0,3})(`{3,}|~{3,})([^\s`~]*)[ \t]+npm2yarn[ \t]*\n(.*?)^[ \t]*\2[`~]*[ \t]*$", re.M | re.S
)
"""A fenced code block whose info string is a language then ``npm2yarn`` (the plugin's ``meta``)."""
_NPM = lazy(r"npm(?: +([^&\n\r]*))?")
"""An npm command, as npm-to-yarn finds one: ``npm`` and the rest of its line up to an ``&``."""
_ARGUMENT = lazy(r"""(?:[^\s'"\\]|\\.?|'[^']*'?|"[^"]*"?)+""")
"""One argument of a command: a run without spaces, quoted parts kept whole."""

_DESTINATION = lazy(r"^--pack-destination[\s=]")
_YARN_INSTALL = {
    **dict.fromkeys(("--save-dev", "-D"), "--dev"),
    **dict.fromkeys(("--save-prod", "-P"), "--production"),
    "--no-package-lock": "--no-lockfile",
    **dict.fromkeys(("--save-optional", "-O"), "--optional"),
    **dict.fromkeys(("--save-exact", "-E"), "--exact"),
    **dict.fromkeys(("--save", "-S", "--global", "-g"), ""),
}
_PNPM_INSTALL = {"--save": "", "-S": "", "--no-package-lock": "--frozen-lockfile"}
_YARN_SAME = frozenset({"test", "login", "logout", "link", "unlink", "publish", "cache", "start", "stop"})
"""npm's commands that Yarn has as they are, arguments and all."""
_YARN_OWN = frozenset(
    {
        "init",
        "run",
        "add",
        "audit",
        "autoclean",
        "bin",
        "check",
        "config",
        "create",
        "dedupe",
        "generate-lock-entry",
        "global",
        "help",
        "import",
        "info",
        "install",
        "licenses",
        "list",
        "lockfile",
        "outdated",
        "owner",
        "pack",
        "policies",
        "prune",
        "remove",
        "self-update",
        "tag",
        "team",
        "unlink",
        "upgrade",
        "upgrade-interactive",
        "version",
        "versions",
        "why",
        "workspace",
        "workspaces",
    }
)
"""Yarn's commands: ``npm run NAME`` of one of these stays ``yarn run NAME``."""
_REMOVE = frozenset({"uninstall", "un", "remove", "r", "rm"})
_RENAMED = {
    "yarn": {"ln": "link", "t": "test", "tst": "test", "outdated": "outdated"},
    "pnpm": {
        **{name: name for name in ("run", "exec", "test", "start", "link", "outdated")},
        **{"ln": "link", "t": "test", "tst": "test"},
    },
}


_BLANK_END = lazy(r"\n[ \t]*\n[ \t]*\Z")
"""A blank line ending the text before a block: the block stands apart already."""


def npm_tabs(text: str, managers: Sequence[str]) -> str:
    """Return ``text`` with each ``npm2yarn`` code block as npm's, then one for each of
    ``managers`` (``yarn``, ``pnpm``), each labelled (see the module docstring)."""
    if not managers or "npm2yarn" not in text:
        return text

    def tabs(found: re.Match[str]) -> str:
        indent, fence, language, code = found.groups()
        parts = [("npm", code), *(("Yarn" if m == "yarn" else m, converted(code, m)) for m in managers)]
        before = found.string[: found.start()]
        apart = not before.strip() or _BLANK_END.search(before) is not None
        shown = "\n\n".join(
            f"{indent}**{label}**\n\n{indent}{fence}{language}\n{block}{indent}{fence}"
            for label, block in parts
        )
        return shown if apart else "\n" + shown  # (a fence ends the paragraph above; a label would not)

    return _FENCE.sub(tabs, text)


def converted(code: str, manager: str) -> str:
    """Return npm's ``code`` for ``manager`` (``yarn`` or ``pnpm``), as npm-to-yarn converts it."""
    if "npx" in code:
        return code.replace("npx", "yarn dlx" if manager == "yarn" else "pnpm dlx", 1)
    convert = _to_yarn if manager == "yarn" else _to_pnpm
    return _NPM.sub(lambda found: convert(found.group(1) or ""), code)


def _args(command: str) -> list[str]:
    """Return the arguments of ``command`` without its first ``--``."""
    args = _ARGUMENT.findall(command.strip()) or [""]
    if "--" in args:
        args.remove("--")
    return args


def _to_yarn(command: str) -> str:
    args = _args(command)
    first = args[0]
    if first in _YARN_SAME:
        pass
    elif first in ("install", "i") and len(args) == 1:
        args = ["install"]
    elif first in ("install", "i") or first in _REMOVE:
        front = ["global"] if "--global" in args or "-g" in args else []
        verb = "add" if first in ("install", "i") else "remove"
        args = [*front, verb, *(_YARN_INSTALL.get(a, a) for a in args[1:])]
    elif first == "version":
        args = [{"major": "--major", "minor": "--minor", "patch": "--patch"}.get(a, a) for a in args]
    elif first in ("rebuild", "rb"):
        args = ["add", *args[1:], "--force"]
    elif first in ("run", "exec"):
        args[0] = "run"
        if len(args) > 1 and args[1] not in _YARN_SAME and args[1] not in _YARN_OWN:
            args = args[1:]
    elif first in ("ls", "list"):
        names = list(_leading(args[1:]))
        args = [
            "list",
            *(["--pattern", '"' + "|".join(names) + '"'] if names else []),
            *args[1 + len(names) :],
        ]
    elif first in ("init", "create"):
        args = _created(args)
    elif first == "pack":
        args = [_DESTINATION.sub("--filename ", a) for a in args]
    elif first in _RENAMED["yarn"]:
        args[0] = _RENAMED["yarn"][first]
    else:
        return f"npm {command}\n# couldn't auto-convert command"
    return "yarn " + " ".join(a for a in args if a)


def _to_pnpm(command: str) -> str:
    args = _args(command)
    first = args[0]
    if first in ("install", "i"):
        if len([a for a in args if not a.startswith("-")]) > 1:
            args[0] = "add"
        args = [_PNPM_INSTALL.get(a, a) for a in args]
    elif first in _REMOVE:
        args = ["remove", *(_PNPM_INSTALL.get(a, a) for a in args[1:])]
    elif first in ("rebuild", "rb", "unlink"):
        names = [a for a in args[1:] if not a.startswith("-")]
        flags = [a for a in args[1:] if a.startswith("-")]
        args = [
            "rebuild" if first != "unlink" else "unlink",
            *flags,
            *(["--filter", " ".join(names)] if names else []),
        ]
    elif first in ("ls", "list"):
        kinds = {"--production": "--prod", "--development": "--dev"}
        args = [f"--depth {a[8:]}" if a.startswith("--depth=") else kinds.get(a, a) for a in args]
    elif first in ("init", "create"):
        args = _created(args)
    elif first == "pack":
        args = [_DESTINATION.sub("--pack-destination ", a) for a in args]
    elif first in _RENAMED["pnpm"]:
        args[0] = _RENAMED["pnpm"][first]
    else:
        return f"npm {command}\n# couldn't auto-convert command"
    return "pnpm " + " ".join(a for a in args if a)


def _leading(args: list[str]) -> list[str]:
    """Return the arguments before the first flag."""
    names = []
    for arg in args:
        if arg.startswith("-"):
            break
        names.append(arg)
    return names


def _created(args: list[str]) -> list[str]:
    """Return ``init NAME`` as ``create NAME`` (without a last ``@latest``), ``--scope`` left out."""
    if len(args) > 1 and not args[1].startswith("-"):
        args = [
            "create",
            args[1].removesuffix("@latest") if args[1].endswith("@latest") else args[1],
            *args[2:],
        ]
    return [a for a in args if a != "--scope"]
