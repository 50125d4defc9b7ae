"""Write a realistic stagemap library of N assets, the same bytes for the same seed.

    python benchmarks/generate.py 1000 /tmp/lib1000 [--seed 7]

The project uses the sample's stagemap.yml (buyer-journey model, its questions and personas);
each asset has the real front matter schema and a Markdown body of 400 to 1,500 words with
headings, lists, links, emphasis, a table now and then and a code span, like a team's blog
posts, guides and sales notes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OLD_MTIME = 1_767_225_600_000_000_000  # 2026-01-01

STAGES = [
    "awareness",
    "exploration",
    "commitment",
    "evaluation",
    "purchase",
    "onboarding",
    "adoption",
    "advocacy",
]
QUESTIONS = ["who-we-are", "problems", "who-for", "risk"]
PERSONAS = ["owner-operator", "office-manager", "ops-director"]
FORMATS = ["article", "guide", "case-study", "email", "webinar", "one-pager", "faq", "checklist", "video"]
STATUSES = ["published"] * 8 + ["draft", "review", "idea", "retired"]
FOLDERS = ["blog", "guides", "sales", "customers", "email", "case-studies"]
_VOCABULARY = (
    "schedule engineer van job call office customer invoice quote boiler repair visit route "
    "diary whiteboard spreadsheet team owner week morning emergency callback plan parts "
    "address phone message winter summer margin cost hour minute trip depot region manager "
    "contract price trial data export support habit review season firm trade apprentice "
    "the a of to and in for on with that this it is was we they our your their from by at as"
)
WORDS = _VOCABULARY.split()


def plain(rng: random.Random, low: int, high: int) -> str:
    """A sentence of plain words, safe as an unquoted YAML value."""
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://example.com/{words[i]})"
    if rng.random() < 0.1:
        i = rng.randrange(len(words))
        words[i] = f"`{words[i]}`"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, title: str, target_words: int) -> str:
    parts = [f"# {title}", ""]
    count = 0
    while count < target_words:
        kind = rng.random()
        if kind < 0.15:
            heading = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
            parts += [f"## {heading}", ""]
            count += 4
        elif kind < 0.3:
            items = [sentence(rng, 4, 12) for _ in range(rng.randint(3, 6))]
            marker = "1." if rng.random() < 0.4 else "-"
            parts += [f"{marker} {item}" for item in items] + [""]
            count += sum(len(i.split()) for i in items)
        elif kind < 0.35:
            rows = rng.randint(2, 5)
            parts += ["| Item | Before | After |", "|---|---:|---:|"]
            parts += [
                f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {rng.randint(1, 99)} |" for _ in range(rows)
            ]
            parts.append("")
            count += rows * 3
        elif kind < 0.38:
            parts += ["> " + sentence(rng), ""]
            count += 15
        else:
            para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
            parts += [para, ""]
            count += len(para.split())
    return "\n".join(parts)


def front_matter(rng: random.Random, i: int, ids: list[str]) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize() + f" {i}"
    first = rng.randrange(len(STAGES))
    stages = STAGES[first : first + rng.choice([1, 1, 1, 2])]
    questions = rng.sample(QUESTIONS, rng.choice([1, 1, 2, 3]))
    lines = [
        "---",
        f'title: "{title}"',
        f"stages: [{', '.join(stages)}]",
        f"questions: [{', '.join(questions)}]",
    ]
    if rng.random() < 0.7:
        lines.append(f"personas: [{', '.join(rng.sample(PERSONAS, rng.randint(1, 2)))}]")
    lines.append(f"format: {rng.choice(FORMATS)}")
    lines.append(f"status: {rng.choice(STATUSES)}")
    lines.append(f"owner: {rng.choice(['Priya Nair', 'Tom Ashby', 'Lena Fischer', 'Sam Okafor'])}")
    lines.append(f"updated: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}")
    if rng.random() < 0.8:
        lines.append(
            f"review_by: {rng.choice([2026, 2027, 2027])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
    lines.append(f"message: {plain(rng, 8, 16)}")
    lines.append(f"summary: {plain(rng, 12, 24)}")
    if ids and rng.random() < 0.7:
        target = rng.choice(ids) if rng.random() < 0.6 else rng.choice(STAGES)
        lines.append(f"next: {target}")
        lines.append(f"cta: {plain(rng, 3, 6)}")
    lines.append("---")
    return "\n".join(lines)


def generate(count: int, dest: Path, seed: int = 7) -> None:
    """Write the project: stagemap.yml and ``count`` assets under content/."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content").mkdir(parents=True)
    shutil.copy2(ROOT / "stagemap.yml", dest / "stagemap.yml")
    ids: list[str] = []
    for i in range(count):
        folder = rng.choice(FOLDERS)
        asset_id = f"{folder}/asset-{i:05d}"
        head = front_matter(rng, i, ids)
        text = head + "\n\n" + body(rng, f"Asset {i}", rng.randint(400, 1500)) + "\n"
        path = dest / "content" / f"{asset_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        # Files in a real library were written long ago (and the parse cache skips files
        # written in the last seconds, whose mtime cannot yet be trusted).
        os.utime(path, ns=(OLD_MTIME, OLD_MTIME))
        ids.append(asset_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.dest, args.seed)


if __name__ == "__main__":
    main()
