"""Material's code annotations and pymdownx.emoji's shortcodes on an MkDocs site whose ``mkdocs.yml``
turns them on (read/mkdocsalerts.py, render/mkdocsmarks.py)."""

from __future__ import annotations

import yaml

from stagemap.read.mkdocsalerts import alert_syntaxes
from tests.test_mkdocs_alerts import made

CODE = """Set it up:

```python
agent = Agent(name="Helper")  # (1)!
runner.run(agent)  # (2)
# (3)!
```

1. The agent's name.
"""


def test_code_annotations_lose_their_comment_where_material_strips_it() -> None:
    """The OpenAI Agents SDK's docs (6 pages, content.code.annotate): '# (1)!' was shown at the
    end of lines of code, where Material strips the comment and shows the marker alone. Without
    the '!', the comment stays as written; without the feature, all stay."""
    assert made(CODE, "content.code.annotate") == CODE.replace("  # (1)!", "  (1)").replace("# (3)!", "(3)")
    assert made(
        "```js\nrun(); // (1)!\n```\n\n```html\n<b>x</b> <!-- (2)! -->\n```\n", "content.code.annotate"
    ) == ("```js\nrun(); (1)\n```\n\n```html\n<b>x</b> (2)\n```\n")
    assert made(CODE) == CODE


def test_emoji_shortcodes_are_their_emoji_outside_code() -> None:
    """pymdownx.emoji: ':tada:' and ':smile:' were shown as written, where the live page shows
    the emoji; in code, an unknown name and on a site without the extension they stay."""
    text = "Done :tada: and :smile:, not :no_such_name: nor `:tada:`.\n"
    assert (
        made(text, "pymdownx.emoji") == "Done \U0001f389 and \U0001f604, not :no_such_name: nor `:tada:`.\n"
    )
    assert made(text) == text


def test_marks_are_read_from_mkdocs_yml() -> None:
    config = (
        "theme:\n  name: material\n  features: [content.code.copy, content.code.annotate]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: x\nplugins: [include-markdown]\n"
    )
    assert alert_syntaxes(yaml.safe_load(config)) == (
        "content.code.annotate",
        "include-markdown",
        "pymdownx.emoji",
    )
