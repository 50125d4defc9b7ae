"""Where Hugo writes the files of a page bundle: under the page's address, which it lower-cases.

Hugo makes a page's address of its folders lower-cased (unless ``disablePathToLower``) and
writes the other files of its bundle under that address, keeping their own names as they are.
A leaf bundle is a folder holding an ``index`` page, its files those in it and in its folders
(``content/docs/Setup/index.md``: ``Setup/img/A.png`` at ``docs/setup/img/A.png``); a branch
bundle one holding an ``_index`` page, its files those beside it (``content/docs/Guide/flow.png``
at ``docs/guide/flow.png``, as Tekton's pages link it). A file in no bundle is written at its
path as it is (Hugo 0.111 so writes them all).
"""

from __future__ import annotations

from collections.abc import Iterable


def bundle_addresses(pages: Iterable[str], files: Iterable[str]) -> dict[str, str]:
    """Return the ``files`` (paths relative to the content folder) that Hugo writes at another
    path than their own, by that path; ``pages``: the content files there (their paths too).
    Paths starting with ``/`` (another source's files) are passed over."""
    leaves: set[str] = set()
    branches: set[str] = set()
    for page in pages:
        folder, _, name = page.rpartition("/")
        stem = name.rpartition(".")[0].lower()
        if stem == "index":
            leaves.add(folder)
        elif stem == "_index":
            branches.add(folder)
    found: dict[str, str] = {}
    for path in files:
        if path.startswith("/"):
            continue
        folder = path.rpartition("/")[0]
        bundle = next((f for f in _folders(folder) if f in leaves), None)
        if bundle is None and folder in branches:
            bundle = folder
        if bundle is not None and bundle != bundle.lower():
            found[bundle.lower() + path[len(bundle) :]] = path
    return found


def _folders(folder: str) -> Iterable[str]:
    """Yield ``folder`` and each folder it is in, the nearest first (the content folder's, "", last)."""
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
    yield ""
