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

_SPACE = re.compile(r"\s+")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")  # emoji presentation selectors: Mn, not Cf

# Discord's inline syntax, each with what is kept of it when it is removed.
_DISCORD_TOKEN = re.compile(r"</[^<>\n]{1,100}:\d+>|<[@#][!&]?\d+>|<a?:\w+:\d+>|<t:-?\d+(?::\w)?>")
_MASKED_LINK = re.compile(r"\[([^\]\n]{0,200})\]\(\s*<?[^)\s]*>?\s*\)")
_ANGLE_LINK = re.compile(r"<(https?://[^\s>]+)>", re.IGNORECASE)
_ID_MARK = re.compile(r"`?\[[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\]`?")  # a citation mark, real or not
_LINE_MARK = re.compile(r"(?:^|(?<=\s))(?:-#|#{1,6}|>{1,3})(?=\s)")  # headings, subtext, block quotes
_EMPHASIS = re.compile(r"\*\*|__|~~|\|\||[*_`]")
_MASS_PING = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Discord mention or command", _DISCORD_TOKEN),
    ("a mass ping", _MASS_PING),
    ("a masked link", _MASKED_LINK),
    ("an entry id written into the text", _ID_MARK),
    ("a heading, quote or subtext mark", _LINE_MARK),
    ("emphasis, spoiler or code markup", _EMPHASIS),
)


def normalise(text: str) -> str:
    """The text as the checks read it and as it is posted: NFKC, no format characters, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _SPACE.sub(" ", _VARIATION.sub("", text)).strip()


def _symbol(c: str) -> bool:
    # Emoji and pictographs (⚠ ✅ ❌ 💬 ✏ ...) are "other symbols"; ¶, °, % and currency signs are not.
    return unicodedata.category(c) == "So"


def found(text: str) -> list[str]:
    """The kinds of markup in ``text`` (raw, before normalising: a line break is how a block quote starts)."""
    kinds = [name for name, pattern in KINDS if pattern.search(text) or pattern.search(normalise(text))]
    if any(_symbol(c) for c in text):
        kinds.append("an emoji or symbol (Parley's flags and marks are its own)")
    return kinds


def plain(text: str) -> str:
    """``text`` normalised, with every mark above removed: what the renderer posts of a model's text."""
    text = normalise(text)
    text = _DISCORD_TOKEN.sub("", text)
    text = _MASKED_LINK.sub(r"\1", text)
    text = _ANGLE_LINK.sub(r"\1", text)
    text = _ID_MARK.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = "".join(c for c in text if not _symbol(c))
    return _SPACE.sub(" ", text).strip()


def scripts(word: str) -> set[str]:
    """The scripts of a word's letters ("LATIN", "CYRILLIC", ...): more than one is a homoglyph trick."""
    return {unicodedata.name(c, "?").split(" ")[0] for c in word if c.isalpha()}


_LETTERS = re.compile(r"[^\W\d_]+")


def mixed_script_words(text: str) -> list[str]:
    return [w for w in _LETTERS.findall(normalise(text)) if len(scripts(w)) > 1]
