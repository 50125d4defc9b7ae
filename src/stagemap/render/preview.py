"""What the preview server adds to pages as it serves them: the problem banner and the reload script.

The files on disk stay exactly what ``stagemap build`` writes; these are added on the way out.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from ..lazyre import lazy

VERSION_PATH = "/__stagemap/version"
"""Where an open page asks for the preview's version."""
POLL_MS = 250
"""How often an open page asks for the version, in milliseconds: a change built in 0.1 s
shows a quarter of a second later at most. Short requests rather than long polls: a browser
allows only a few connections per host, and many open tabs would otherwise hold them all;
a local request this small costs the server well under a millisecond."""
BANNER_PROBLEMS = 20
"""The banner lists this many problems, then says how many more there are."""

_RELOAD = """<script>
(function () {
  "use strict";
  var version = %d;
  function check() {
    fetch("%s", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.version !== version) { window.location.reload(); } else { window.setTimeout(check, %d); }
      })
      .catch(function () { window.setTimeout(check, 2000); });
  }
  window.setTimeout(check, %d);
}());
</script>
"""


def problem_banner(error: str, problems: tuple[str, ...]) -> str:
    """Return the HTML of the problem banner (a failed build, else the library's problems), or empty."""
    if error:
        text = (
            "<p><strong>The latest change could not be built.</strong> "
            "You are looking at the last good build.</p>"
            f"<pre>{html.escape(error)}</pre>"
        )
    elif problems:
        items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems[:BANNER_PROBLEMS])
        more = len(problems) - BANNER_PROBLEMS
        if more > 0:
            items += f"<li>and {more} more</li>"
        text = (
            f"<p><strong>{len(problems)} problem{'s' if len(problems) != 1 else ''} "
            "in the library.</strong> Files with errors are left out of the site.</p>"
            f"<ul>{items}</ul>"
        )
    else:
        return ""
    return (
        '<aside class="stagemap-preview" aria-label="Preview problems" style="background:#fff4e5;'
        "color:#1b2430;border-bottom:3px solid #b42318;padding:.5rem 1.25rem;font:15px/1.5 system-ui,"
        'sans-serif;max-height:40vh;overflow:auto">'
        f"{text}</aside>"
    )


_POLICY_SCRIPTS = lazy(r"(<meta[^>]*Content-Security-Policy[^>]*script-src)", re.IGNORECASE)


def _allow(text: str, script: str) -> str:
    """Let the page's content security policy run the reload script (by its hash), and no other inline one."""
    body = script.removeprefix("<script>").removesuffix("</script>\n")
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return _POLICY_SCRIPTS.sub(lambda m: f"{m.group(1)} 'sha256-{digest}'", text, count=1)


def inject(page: bytes, banner: str, version: int) -> bytes:
    """Add the banner after ``<body>`` and the reload script before ``</body>``."""
    text = page.decode("utf-8", "replace")
    lower = text.lower()
    if banner:
        start = lower.find("<body")
        end = lower.find(">", start) + 1 if start >= 0 else 0
        text = text[:end] + banner + text[end:]
        lower = text.lower()
    script = _RELOAD % (version, VERSION_PATH, POLL_MS, POLL_MS)
    text = _allow(text, script)
    lower = text.lower()
    close = lower.rfind("</body>")
    text = text + script if close < 0 else text[:close] + script + text[close:]
    return text.encode("utf-8")
