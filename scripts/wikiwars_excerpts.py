"""Cut the `wikipedia` genre's excerpts from the WikiWars TimeML files.

Each excerpt is plain text (TIMEX3 tags stripped, the DCT and the collection header dropped),
cut at paragraph boundaries, headings kept, at least 500 words. The starting paragraph is the
first heading at or after a fixed fraction of the article, so excerpts are not all openings.

    python scripts/wikiwars_excerpts.py ../shared/data/wikiwars corpus/wikipedia
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

# article stem -> (doc_id, fraction of the article where the excerpt may start)
CHOICES = {
    "01_WW2": ("world-war-ii-excerpt", 0.35),
    "02_WW1": ("world-war-i-excerpt", 0.0),
    "04_AmRevWar": ("american-revolutionary-war-excerpt", 0.5),
    "05_VietnamWar": ("vietnam-war-excerpt", 0.25),
    "07_IraqWar": ("iraq-war-excerpt", 0.6),
    "08_FrenchRev": ("french-revolutionary-wars-excerpt", 0.3),
    "11_ChineseCivWar": ("chinese-civil-war-excerpt", 0.4),
    "12_IranIraq": ("iran-iraq-war-excerpt", 0.2),
    "15_MexicanRev": ("mexican-revolution-excerpt", 0.45),
    "18_SovietsInAfghanistan": ("soviet-war-in-afghanistan-excerpt", 0.3),
    "20_PolishSoviet": ("polish-soviet-war-excerpt", 0.5),
}
MIN_WORDS, MAX_WORDS = 500, 900


def is_heading(line: str) -> bool:
    """A short line without final punctuation is a section heading in these files."""
    return len(line.split()) <= 8 and not line.rstrip().endswith((".", ":", ";", ",", '"', ")"))


def prose(tml: str) -> list[str]:
    body = tml.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # The first three lines are the collection's header (id, "HISTORY ARTICLE", a time stamp).
    return lines[3:]


def excerpt(lines: list[str], fraction: float) -> str:
    i = int(len(lines) * fraction)
    while i < len(lines) and not is_heading(lines[i]):
        i += 1
    if i >= len(lines) - 3:
        i = 0
    out: list[str] = []
    words = 0
    for line in lines[i:]:
        n = len(line.split())
        if words >= MIN_WORDS and (is_heading(line) or words + n > MAX_WORDS):
            break
        out.append(line)
        words += n
    while out and is_heading(out[-1]):
        out.pop()
    return "\n\n".join(out) + "\n"


def main(src: str, dst: str) -> None:
    dst_dir = Path(dst)
    dst_dir.mkdir(parents=True, exist_ok=True)
    for stem, (doc_id, fraction) in CHOICES.items():
        text = excerpt(prose(Path(src, stem + ".tml").read_text(encoding="utf-8")), fraction)
        (dst_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        print(doc_id, len(text.split()), "words")


if __name__ == "__main__":
    main(*sys.argv[1:3])
