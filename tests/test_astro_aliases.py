"""An Astro site's import aliases (``compilerOptions.paths`` of its tsconfig.json): Markdown
images, images an MDX page imports and the partials it shows are found where the alias says,
as Astro (through Vite) resolves them; a path no alias matches, a link, is read as before."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.astroimports import imported_code
from stagemap.read.tsconfigpaths import aliased, path_aliases
from stagemap.render.esm import with_imported_images
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
PNG = b"\x89PNG\r\n"
# JSON with comments and a trailing comma, as TypeScript reads it; the paths come from a file
# it extends (in another folder: its targets are read from there, as it sets no baseUrl).
TSCONFIG = """{
  // Lumen Tours' settings
  "extends": ["astro/tsconfigs/strict", "./config/aliases"],
  "compilerOptions": { "strict": true, /* the aliases are shared */ },
}
"""
ALIASES = """{
  "compilerOptions": {
    "paths": {
      "@pics/*": ["../src/pictures/*"],
      "@shared/*": ["../src/content/shared/*"],
      "@lib/*": ["../src/lib/*"],
    },
  },
}
"""
SITE: dict[str, str | bytes] = {
    "astro.config.mjs": "export default defineConfig({\n  site: 'https://lumen.example',\n});\n",
    "tsconfig.json": TSCONFIG,
    "config/aliases.json": ALIASES,
    "src/pictures/map.png": PNG,
    "src/pictures/tours/hero.png": PNG,
    "src/content/shared/booking.mdx": "Book a tour by calling the **front desk**.\n",
    "src/content/blog/routes.md": "---\ntitle: Night routes\n---\n"
    "![The map](@pics/map.png)\n\n![Gone](@pics/none.png)\n\n![Elsewhere](@nowhere/map.png)\n\n"
    "Get [the hero file](@pics/tours/hero.png).\n",
    "src/content/blog/tours.mdx": "---\ntitle: Tours\n---\n"
    "import hero from '@pics/tours/hero.png';\nimport Booking from '@shared/booking.mdx';\n\n"
    '<img src={hero.src} alt="A lantern tour" />\n\n<Booking />\n',
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_markdown_images_and_imports_written_with_an_alias_are_found_where_it_says(tmp_path: Path) -> None:
    """Tauri's docs name their images '@assets/...' (tsconfig.json: "@assets/*": ["src/assets/*"]):
    16 images were 'missing'. An image whose alias names no file, or that no alias matches, is
    still missing; a link is no import (its address stays as written, as on the live page; a
    page that writes one address both ways has both read as its image's)."""
    root = write(tmp_path / "site", SITE)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    assert [line for line in run(root, "check", "--links")[2].splitlines() if "src/content" in line] == [
        f"src/content/blog/routes.md:6:9: warning: link to '@pics/none.png' leads nowhere {HINT}",
        f"src/content/blog/routes.md:8:14: warning: link to '@nowhere/map.png' leads nowhere {HINT}",
        f"src/content/blog/routes.md:10:21: warning: link to '@pics/tours/hero.png' leads nowhere {HINT}",
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/blog/routes.html").read_text()
    assert '<img src="../../files/~/src/pictures/map.png" alt="The map">' in page
    assert (root / "site/files/~/src/pictures/map.png").read_bytes() == PNG
    tours = (root / "site/assets/blog/tours.html").read_text()
    assert '<img src="../../files/~/src/pictures/tours/hero.png" alt="A lantern tour">' in tours
    assert "Book a tour by calling the <strong>front desk</strong>." in tours


def test_aliases_are_tried_as_astro_tries_them(tmp_path: Path) -> None:
    """As the file writes them (Astro's own alias plugin, Astro 6 and earlier; TypeScript's checker
    would try the longest prefix alone), each target in order; baseUrl (from the file that
    sets it) is where targets are read from; none leads out of the project."""
    files = {
        "tsconfig.json": '{"compilerOptions": {"baseUrl": "src", "paths": {"@/*": ["*"],'
        ' "@/pics/*": ["pictures/*", "assets/*"], "@/brand": ["brand/logo.svg"], "@up/*": ["../../*"]}}}',
        "package.json": '{"dependencies": {"astro": "^5.12.0"}}',
    }
    root = write(tmp_path, files)
    aliases = path_aliases(root, root)
    assert aliased(aliases, "@/pics/map.png") == [
        "src/pics/map.png",
        "src/pictures/map.png",
        "src/assets/map.png",
    ]
    assert aliased(aliases, "@/brand") == ["src/brand", "src/brand/logo.svg"]
    assert aliased(aliases, "./map.png") == aliased(aliases, "other/map.png") == []
    assert aliased(aliases, "@up/etc/passwd") == []  # (its target is outside the project: no alias)
    # jsconfig.json where there is no tsconfig.json; a file that cannot be read sets none.
    assert path_aliases(
        write(
            tmp_path / "js",
            {
                "jsconfig.json": '{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}',
                "package.json": '{"dependencies": {"astro": "^5.12.0"}}',
            },
        ),
        tmp_path / "js",
    ) == (("~/*", ("src/*",)),)
    assert (
        path_aliases(write(tmp_path / "bad", {"tsconfig.json": '{"compilerOptions": '}), tmp_path / "bad")
        == ()
    )


def test_an_imported_image_is_shown_only_where_its_path_is_relative_or_aliased() -> None:
    aliases = (("@pics/*", ("src/pictures/*",)),)
    text = "import a from '@pics/a.png';\nimport b from 'tour-kit/b.png';\n\n<Image src={a} />\n<Image src={b} />\n"
    assert with_imported_images(text, aliases).endswith('<Image src="@pics/a.png" />\n<Image src={b} />\n')
    assert with_imported_images(text).endswith("<Image src={a} />\n<Image src={b} />\n")


def test_a_routing_page_reads_a_module_its_alias_names(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["src/lib/*"]}}}',
            "src/lib/tours.ts": "export const all = () => getCollection('tours');\n",
        },
    )
    code = "import { all } from '@lib/tours';\nimport x from 'astro:content';\n"
    read = lambda path: path.read_text()  # noqa: E731
    assert (
        imported_code(root, root / "src/pages", code, read)
        == "\nexport const all = () => getCollection('tours');\n"
    )
