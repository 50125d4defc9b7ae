"""The site's global data files an Eleventy pagination pages, read without running the site.

`SiteData` reads each file of the data folder once, as `stagemap.read.eleventypaged` names it:
JSON; YAML where the configuration registers its ending with ``addDataExtension`` (in code, not
in a comment); a JavaScript file exporting a plain literal (`stagemap.read.jsliteral`); of two
files of one name, the one Eleventy reads last. Nothing outside the project is read (a link
out of it, or a data folder ``dir.data`` puts above it), nor a file too large, nor more data in
all than `MAX_DATA` (`MAX_CODE` of JavaScript, which is slower to read): such a file's value
is `Unread`, saying why.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..paths import real
from . import yamlsafe
from .bounded import TooLarge, Unreadable, read_bounded
from .eleventy import CONFIG_FILES, eleventy_folders
from .eleventydata import CODE
from .jsdata import blanked
from .jsliteral import MAX_TEXT, NOT_LITERAL, exported_literal

MAX_DATA_FILE = 4 * 1024 * 1024
"""The largest JSON or YAML data file read."""
MAX_CODE_FILE = MAX_TEXT
"""The largest JavaScript data file read (reading one without running it is slower)."""
MAX_DATA = 16 * 1024 * 1024
"""The most bytes of JSON and YAML data files read for one site (more: the rest not read)."""
MAX_CODE = 1024 * 1024
"""The most bytes of JavaScript data files read for one site."""
MAX_CONFIG = 1024 * 1024
"""The largest configuration file read (`config_text`)."""
_DATA_EXTENSION = lazy(r"""\.addDataExtension\(\s*(["'`])([^"'`\n]{1,100})\1""")
_READ_ENDINGS = ("yaml", "yml")
"""The endings a site may register for its data that are read here (as YAML)."""


class SiteData:
    """The site's global data folder, each file read once: by its name, its value (or `CODE`)."""

    def __init__(self, site: Path, folder: str, code: str, root: Path) -> None:
        self.folder, self.name, self.inside = site / folder, folder, real(root)
        own = [
            e.strip().lstrip(".").lower()
            for m in _DATA_EXTENSION.finditer(blanked(code))
            for e in m.group(2).split(",")
        ]
        self.left, self.code_left = MAX_DATA, MAX_CODE
        # From the least to the most read last: the site's own endings, then Eleventy's.
        self.endings = [e for e in own if e in _READ_ENDINGS] + ["json", "mjs", "cjs", "js"]
        self.read: dict[str, tuple[Any, str]] = {}

    def value(self, parts: list[str]) -> tuple[Any, str]:
        """Return the value of the data file at ``parts`` (its folders and name) and its path
        in the site ("": no such file). A file not read (out of the project, too large, not
        JSON...) has an `Unread` value; one that only running it would tell, `CODE`."""
        key = "/".join(parts)
        if key not in self.read:
            self.read[key] = (None, "")
            for ending in reversed(self.endings):
                path = self.folder.joinpath(*parts[:-1], f"{parts[-1]}.{ending}")
                if path.is_file():
                    self.read[key] = (self._file_value(path, ending), f"{self.name}/{key}.{ending}")
                    break
        return self.read[key]

    def _file_value(self, path: Path, ending: str) -> Any:
        """Return a data file's value, `CODE` or why it is not read (`Unread`)."""
        if not real(path).is_relative_to(self.inside):
            return Unread("it is outside the project")  # (a link, or a data folder above it)
        code = ending not in ("json", *_READ_ENDINGS)
        cap = min(MAX_CODE_FILE, self.code_left) if code else min(MAX_DATA_FILE, self.left)
        try:
            data = read_bounded(path, cap)
            self.left -= 0 if code else len(data)
            self.code_left -= len(data) if code else 0
            text = data.decode("utf-8-sig")
            if ending == "json":
                return json.loads(text)
            if ending in _READ_ENDINGS:
                return yamlsafe.load(text, aliases=True).data
        except TooLarge:
            return Unread(
                f"it is larger than {cap // 1024} KiB" if cap else "the data read before it fills the budget"
            )
        except Unreadable as exc:
            return Unread(f"it cannot be read ({exc.reason})")
        except UnicodeDecodeError:
            return Unread("it is not UTF-8 text")
        except (ValueError, yamlsafe.YamlProblem, RecursionError):
            return Unread(f"it is not valid {'JSON' if ending == 'json' else 'YAML'}")
        value = exported_literal(text)
        return CODE if value is NOT_LITERAL else value


@dataclass(frozen=True, slots=True)
class Unread:
    """The value of a data file not read, and why."""

    why: str


def config_text(path: Path, root: Path) -> str | None:
    """Return the text of a configuration file, or None: none there, a link out of the project,
    a device or pipe, too large (as `stagemap.read.docusauruspages` reads its own)."""
    try:
        if not path.is_file() or not real(path).is_relative_to(real(root)):
            return None
        return read_bounded(path, MAX_CONFIG).decode("utf-8-sig")
    except (Unreadable, UnicodeDecodeError):
        return None


def eleventy_config(root: Path, site_root: str) -> str:
    """Return the text of the Eleventy site's configuration file (`config_text`), or ""."""
    site = root / site_root if site_root else root
    return next((t for name in CONFIG_FILES if (t := config_text(site / name, root)) is not None), "")


def eleventy_data_folders(generator: str, root: Path, site_root: str) -> tuple[str, ...]:
    """Return the folder, relative to the project, whose files an Eleventy site pages over
    (wherever ``dir.data`` puts it: ``../_data`` beside the input folder too), for the warm
    build's fingerprint and the preview to watch; none on another site or outside the project."""
    if generator != "eleventy":
        return ()
    folders = eleventy_folders(eleventy_config(root, site_root))
    rel = posixpath.normpath(posixpath.join(site_root or ".", folders.input, folders.data))
    return () if rel in (".", "..") or rel.startswith(("../", "/")) else (rel,)
