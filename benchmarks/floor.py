"""The floor: the least a Python build of a library does with stagemap's own dependencies.

    python benchmarks/floor.py LIBRARY/content OUT [--workers N]

For each Markdown file under the content folder it reads the bytes, parses the front matter
with PyYAML (its C loader when installed), renders the body with cmark-gfm (tables and
strikethrough, as stagemap's compiled path; markdown-it-py where cmark-gfm is missing), fills
a small Jinja template (title, summary, the front matter's fields, the body) and writes the
page to ``OUT/assets/<path>.html``; then one index of every page, as the other generators'
home page lists theirs (by path: the titles are in the workers). The files are shared among ``--workers`` processes (default: every
core), forked as stagemap forks its workers.

No checks, no links rewritten, no listing by stage, no search index, no page record: it is
what `benchmarks/run.py` compares stagemap's build with (``--tools floor``), to show how much
of a build is stagemap's own work and how much any Python pipeline of these libraries pays
(starting the interpreter, importing them, parsing, rendering, writing files).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
import yaml

try:
    import cmarkgfm
except ImportError:  # the default install has it
    cmarkgfm = None
if cmarkgfm is None:  # (imported only here: importing what a build does not use is no part of a floor)
    from markdown_it import MarkdownIt

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>{{ summary }}</p>
<dl>{% for key, value in fields.items() %}<dt>{{ key }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
{{ body | safe }}</main></body></html>
"""

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Every page</title></head>
<body><ul>{% for href, title in pages %}<li><a href="{{ href }}">{{ title }}</a></li>{% endfor %}</ul></body></html>
"""


def markdown_files(content: Path) -> list[Path]:
    """Every ``.md`` file under ``content``, in a fixed order."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(content):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(names) if name.endswith(".md")]
    return found


def split(text: str) -> tuple[dict[str, Any], str]:
    """Return a file's front matter (empty when it has none) and its body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    data = yaml.load(text[4 : end + 1], Loader=LOADER)
    return (data if isinstance(data, dict) else {}), text[end + 5 :]


def to_html(body: str) -> str:
    """Render a body as stagemap's compiled path does, without its checks."""
    if cmarkgfm is not None:
        return str(cmarkgfm.markdown_to_html_with_extensions(body, 0, ["table", "strikethrough"]))
    return str(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(body))


def build_page(page: jinja2.Template, content: Path, out: Path, path: Path) -> None:
    """Write one file's page."""
    fields, body = split(path.read_bytes().decode("utf-8"))
    rel = path.relative_to(content).with_suffix(".html").as_posix()
    title = str(fields.get("title") or rel)
    html = page.render(title=title, summary=fields.get("summary", ""), fields=fields, body=to_html(body))
    target = out / "assets" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html.encode("utf-8"))


def build(content: Path, out: Path, workers: int) -> int:
    """Build the floor's site of ``content`` into ``out`` with ``workers`` processes; return the page count."""
    env = jinja2.Environment(autoescape=True)
    page, index = env.from_string(PAGE), env.from_string(INDEX)
    files = markdown_files(content)
    share = -(-len(files) // max(1, workers))
    children = []
    for number in range(1, workers):  # each worker builds its share; this process the first one
        mine = files[number * share : (number + 1) * share]
        if not mine:
            break
        pid = os.fork()
        if pid == 0:
            for path in mine:
                build_page(page, content, out, path)
            os._exit(0)
        children.append(pid)
    for path in files[:share]:
        build_page(page, content, out, path)
    failed = 0
    for pid in children:
        failed |= os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if failed:
        raise SystemExit("a worker failed")
    links = [path.relative_to(content).with_suffix(".html").as_posix() for path in files]
    (out / "index.html").write_bytes(index.render(pages=[(f"assets/{r}", r) for r in links]).encode("utf-8"))
    return len(files) + 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    count = build(args.content, args.out, args.workers)
    print(f"{count} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
