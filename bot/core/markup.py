"""The model's text is plain text: normalising it, and finding (or removing) the markup it must not carry.

Parley's marks are Parley's: the ⚠️ of a flag, "> **The record:**", the `-#` footer, the `[id]` of a
citation, headings, bold side names. A model that writes them could forge a flag, a correction or a
verification, so a draft with markup is refused by the guard (``found``) and, should any reach the
renderer anyway, the renderer removes it (``plain``) before anything is posted.

Normalising comes first, so that what is checked is what is posted: NFKC (fullwidth and mathematical
letters become plain ones), format characters removed (zero-width spaces, soft hyphens, joiners, a BOM:
invisible, and used to split words a check would otherwise read), and every run of white space one
space (a line break or a double space cannot hide a sentence from the checks, nor start a Discord block).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Every format character (Unicode category Cf, as of Unicode 14/15): a class, so removing them is one pass
# (tests/test_guard_limits.py checks it against ``unicodedata``).
FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
                    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")  # emoji presentation selectors: Mn, not Cf

# Discord's inline syntax, each with what is kept of it when it is removed.
_DISCORD_TOKEN = re.compile(r"</[^<>\n]{1,100}:\d+>|<[@#][!&]?\d+>|<a?:\w+:\d+>|<t:-?\d+(?::\w)?>")
_MASKED_LINK = re.compile(r"\[([^\]\n]{0,200})\]\(\s*<?[^)\s]*>?\s*\)")
_ANGLE_LINK = re.compile(r"<(https?://[^\s>]+)>", re.IGNORECASE)
_ID_MARK = re.compile(r"`?\[[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\]`?")  # a citation mark, real or not
_LINE_MARK = re.compile(r"(?:^|(?<=\s))(?:-#|#{1,6}|>{1,3})(?=\s)")  # headings, subtext, block quotes
_EMPHASIS = re.compile(r"\*\*|__|~~|\|\||[*_`]")
_MASS_PING = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)

_MARKS = re.compile(r"[*_~|`#>\[<@]")  # a character every mark below needs: most texts have none
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Discord mention or command", _DISCORD_TOKEN),
    ("a mass ping", _MASS_PING),
    ("a masked link", _MASKED_LINK),
    ("an entry id written into the text", _ID_MARK),
    ("a heading, quote or subtext mark", _LINE_MARK),
    ("emphasis, spoiler or code markup", _EMPHASIS),
)


@lru_cache(maxsize=4096)  # a draft's texts are read by several checks
def normalise(text: str) -> str:
    """The text as the checks read it and as it is posted: NFKC, no format characters, single spaces."""
    if not text.isascii():  # ASCII is its own NFKC form and has no format characters
        text = _VARIATION.sub("", FORMAT.sub("", unicodedata.normalize("NFKC", text)))
    return _SPACE.sub(" ", text).strip()


def _symbol(c: str) -> bool:
    # Emoji and pictographs (⚠ ✅ ❌ 💬 ✏ ...) are "other symbols"; ¶, °, % and currency signs are not.
    return unicodedata.category(c) == "So"


def found(text: str) -> list[str]:
    """The kinds of markup in ``text`` (raw, before normalising: a line break is how a block quote starts)."""
    normal = normalise(text)
    kinds = [name for name, pattern in KINDS if pattern.search(text) or pattern.search(normal)] \
        if _MARKS.search(text) or _MARKS.search(normal) else []
    if not text.isascii() and any(_symbol(c) for c in set(text) if not c.isascii()):
        kinds.append("an emoji or symbol (Parley's flags and marks are its own)")
    return kinds


def plain(text: str) -> str:
    """``text`` normalised, with every mark above removed: what the renderer posts of a model's text."""
    text = normalise(text)
    if not _MARKS.search(text) and (text.isascii() or not any(_symbol(c) for c in set(text) if not c.isascii())):
        return text
    text = _DISCORD_TOKEN.sub("", text)
    text = _MASS_PING.sub(lambda m: m.group(0)[1:], text)
    text = _MASKED_LINK.sub(r"\1", text)
    text = _ANGLE_LINK.sub(r"\1", text)
    text = _ID_MARK.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    if not text.isascii() and any(_symbol(c) for c in set(text) if not c.isascii()):
        text = "".join(c for c in text if not _symbol(c))
    return _SPACE.sub(" ", text).strip()


def scripts(word: str) -> set[str]:
    """The scripts of a word's letters ("LATIN", "CYRILLIC", ...): more than one is a homoglyph trick."""
    return {"LATIN" if c.isascii() else unicodedata.name(c, "?").split(" ")[0] for c in word if c.isalpha()}


_LETTERS = re.compile(r"[^\W\d_]+")


def mixed_script_words(text: str) -> list[str]:
    normal = normalise(text)
    if normal.isascii():
        return []
    return [w for w in _LETTERS.findall(normal) if not w.isascii() and len(scripts(w)) > 1]
