"""The page Material for MkDocs' blog plugin lists the posts on: a listing, not an asset.

The plugin takes the ``index.md`` of its ``blog_dir`` (``docs/blog/index.md``; the docs
folder's own with ``blog_dir: .``) as the blog's first page, and writes the excerpts of the
posts below what the file says, a page at a time. Most such files say "Blog" and no more; one
with a page of prose of its own is read as a page, as Hugo's section pages are
(`stagemap.read.sectionpages`). So is one tagged with stages or questions (someone meant it
for buyers), one whose front matter does not read (its problem is reported as any page's),
and any where the site names its own ``listing`` globs in ``non_assets``: those decide alone.
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..model.library import FileFate
from ..model.settings import ReadRules
from . import formats, frontmatter, yamlsafe
from .presets import preset_front_matter, preset_non_assets
from .sectionpages import PROSE_WORDS, Read, prose_words
from .sources import Scan

TAGS = ("stages", "questions")
"""The fields that say a page was meant for buyers, whatever its length."""


def without_blog_index(found: Scan, spec_text: str, read: Read, rules: ReadRules, name: str) -> Scan:
    """Return ``found`` with the blog's index page (see the module docstring) a listing, not a file
    to read, when it is one; ``spec_text``: `stagemap.read.mkdocsblog.blog_spec`'s second half,
    ``name``: the settings file that turns the plugin on."""
    listings = dict(rules.non_assets).get("listing") != dict(preset_non_assets(rules.generator)).get(
        "listing"
    )
    blog = json.loads(spec_text)["blog"]
    index = f"{blog}/index.md" if blog else "index.md"
    item = next((i for i in found.to_read if i.sub == index), None)
    if listings or item is None:
        return found
    syntaxes = preset_front_matter(rules.generator, bool(rules.old_hugo))
    data = read(item)
    if not _short_and_untagged(data, syntaxes, rules) or prose_words(data, syntaxes, item.sub) > PROSE_WORDS:
        return found
    why = f"the blog plugin lists the posts on it ({PROSE_WORDS} words of prose or fewer of its own)"
    fate = FileFate(item.rel, "non-asset", "listing", f"plugins: blog ({name})", why)
    return replace(
        found, to_read=tuple(i for i in found.to_read if i is not item), fates=(*found.fates, fate)
    )


def _short_and_untagged(data: object, syntaxes: tuple[str, ...], rules: ReadRules) -> bool:
    """Whether a page's bytes read cleanly and its front matter names no stages nor questions
    (nor the site's keys for them)."""
    if not isinstance(data, bytes):
        return False  # unreadable: read as a page, whose problem is then reported
    try:
        loaded = formats.load(frontmatter.split(data, syntaxes), aliases=True).data
    except frontmatter.SplitProblem as problem:
        return problem.code == frontmatter.NO_FRONT_MATTER
    except yamlsafe.YamlProblem:
        return False
    keys = {str(k).lower() for k in loaded} if isinstance(loaded, dict) else set()
    tags = {t.lower() for field in TAGS for t in (field, *rules.aliases.get(field, ()))}
    return keys.isdisjoint(tags)
