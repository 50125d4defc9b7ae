"""The page Material for MkDocs' blog plugin lists the posts on: a listing, not an asset.

The plugin takes the ``index.md`` of its ``blog_dir`` (``docs/blog/index.md``; the docs
folder's own with ``blog_dir: .``) as the blog's first page, and writes the excerpts of the
posts below what the file says, a page at a time. Most such files say "Blog" and no more; one
with a page of prose of its own is read as a page, as Hugo's section pages are
(`stagemap.read.sectionpages`).
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..model.library import FileFate
from .sectionpages import PROSE_WORDS, Read, prose_words
from .sources import Scan


def without_blog_index(found: Scan, spec_text: str, read: Read, syntaxes: tuple[str, ...], name: str) -> Scan:
    """Return ``found`` with the blog's index page (see the module docstring) a listing, not a file
    to read, when its body holds `PROSE_WORDS` words of prose or fewer (most say "Blog" and no
    more); ``spec_text``: `blog_spec`'s second half, ``name``: the settings file that turns the
    plugin on."""
    blog = json.loads(spec_text)["blog"]
    index = f"{blog}/index.md" if blog else "index.md"
    item = next((i for i in found.to_read if i.sub == index), None)
    if item is None or prose_words(read(item), syntaxes, item.sub) > PROSE_WORDS:
        return found
    why = f"the blog plugin lists the posts on it ({PROSE_WORDS} words of prose or fewer of its own)"
    fate = FileFate(item.rel, "non-asset", "listing", f"plugins: blog ({name})", why)
    return replace(
        found, to_read=tuple(i for i in found.to_read if i is not item), fates=(*found.fates, fate)
    )
