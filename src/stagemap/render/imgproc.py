"""Docsy's ``imgproc`` shortcode: an image of the page's bundle, processed, with its caption.

``{{< imgproc sunset Fit "600x400" >}}Caption.{{< /imgproc >}}`` shows the first of the page's
resources whose name holds ``sunset`` (Docsy asks ``.Resources.GetMatch "**sunset*"``), scaled,
with what the shortcode holds as its caption below. Here the image is shown as it is.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection

from ..lazyre import lazy
from .blocks import escape

BUNDLE = "\0bundle"
"""The key under which a page's front matter, handed to `stagemap.render.shortcodes`, holds the
images of its bundle (`bundle_images`; no front matter key can be this one)."""
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp")
"""The endings of the files Hugo processes as images."""


def bundle_images(source: str, attachments: Collection[str]) -> tuple[str, ...]:
    """Return the images of the bundle of the page whose file is ``source`` (a key of
    `stagemap.analyse.site.LinkPlan`), relative to its folder, sorted: of a leaf bundle
    (``index.md``), every image under its folder; of a branch bundle (``_index.md``), those
    beside it. None for any other page."""
    folder, _, name = source.rpartition("/")
    stem = name.rpartition(".")[0].lower()
    if stem not in ("index", "_index"):
        return ()
    start = folder + "/" if folder else ""
    inside = (
        key[len(start) :] for key in attachments if key.startswith(start) and key.lower().endswith(IMAGES)
    )
    return tuple(sorted(path for path in inside if stem == "index" or "/" not in path))


def imgproc(positional: list[str], inner: str, images: object) -> str | None:
    """Return Docsy's ``imgproc`` as Markdown: the first of ``images`` (`bundle_images`) whose
    name holds its first argument, in any case (its name its alt text: Docsy gives none), then
    what it holds as the caption, in italics, as written (Docsy prints it so: its HTML is HTML,
    a link in Tekton's captions; its Markdown text); None when no image is found."""
    wanted = positional[0].lower() if positional else ""
    found = (
        next((p for p in images if isinstance(p, str) and wanted in posixpath.basename(p).lower()), None)
        if wanted and isinstance(images, tuple)
        else None
    )
    if found is None:
        return None
    caption = " ".join(inner.split())
    shown = "".join(part if _TAG.fullmatch(part) else escape(part) for part in _TAG.split(caption))
    image = f"![{escape(posixpath.basename(found))}](<{found}>)"
    return f"\n{image}\n\n*{shown}*\n\n" if caption else f"\n{image}\n\n"


_TAG = lazy(r"(</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
"""An HTML tag in a caption: Docsy prints the caption as written, so a tag is HTML, the rest text."""
