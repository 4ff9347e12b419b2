"""The moderators' replies about knowledge edits: previews, rejections, applied changes, the history.

Plain functions of the edit and the store's records, so the cog stays a thin layer over them. Every text
quoting what moderators wrote (ids, file names, member names) is escaped and defused; a preview is kept
within one Discord message, since its Apply and Cancel buttons can only sit under one.
"""

from __future__ import annotations

from collections.abc import Sequence

from discord.utils import escape_markdown, format_dt

from bot.core.mentions import defuse
from bot.knowledge.edits import Edit, Rejected
from bot.knowledge.live import TRIGGER_LABELS, Reload
from bot.render import DISCORD_LIMIT, FLAG_ICONS, clip
from bot.store import ReloadRecord

IDS_SHOWN = 15  # ids per list in a preview before "and N more"
WARNINGS_SHOWN = 6
PREVIEW_MINUTES = 10


def what_edit(kind: str, label: str) -> str:
    return f"import of `{label}`" if kind == "import" else f"rollback to version `{label}`"


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:IDS_SHOWN])
    return shown + (f" and {len(ids) - IDS_SHOWN} more" if len(ids) > IDS_SHOWN else "")


def _files(edit: Edit) -> str:
    parts = []
    for label, names in (("replaces", edit.replaced), ("adds", edit.added), ("removes", edit.removed)):
        if names:
            parts.append(f"{label} {', '.join(f'`{n}`' for n in names[:IDS_SHOWN])}"
                         + (f" and {len(names) - IDS_SHOWN} more" if len(names) > IDS_SHOWN else ""))
    return "; ".join(parts) or "changes no file (the folder holds it already, not yet reloaded)"


def preview_text(edit: Edit, *, note: str = "") -> str:
    """What an edit would change, for the moderator to apply or cancel."""
    change = edit.change
    lines = [note] if note else []
    lines.append(f"📝 **Preview: {what_edit(edit.kind, edit.label)}** — valid. Version `{edit.live}` → "
                 f"`{edit.version}`; it {_files(edit)}.")
    if change.empty:
        lines.append("No entry changes (comments or formatting only).")
    if change.added:
        lines.append(f"• Added ({len(change.added)}): {_ids(change.added)}")
    if change.changed:
        shown = ", ".join(f"`{i}` ({', '.join(change.fields_of(i))})" for i in change.changed[:IDS_SHOWN])
        more = f" and {len(change.changed) - IDS_SHOWN} more" if len(change.changed) > IDS_SHOWN else ""
        lines.append(f"• Changed ({len(change.changed)}): {shown}{more}")
    if change.removed:
        lines.append(f"• Removed ({len(change.removed)}): {_ids(change.removed)}")
    for move in change.statuses[:IDS_SHOWN]:
        lines.append(f"• Status: `{move.id}` {move.old} → {move.new}")
    if change.new_flags:
        flags = ", ".join(f"{FLAG_ICONS.get(status, '')} `{i}` ({status})"
                          for i, status in change.new_flags[:IDS_SHOWN])
        lines.append(f"• New flags: {flags}")
    for other in change.other:
        lines.append(f"• Also: {other}")
    if change.warnings:
        lines.append("**Balance warnings**")
        lines += [f"⚖️ {w}" for w in change.warnings[:WARNINGS_SHOWN]]
        if len(change.warnings) > WARNINGS_SHOWN:
            lines.append(f"⚖️ and {len(change.warnings) - WARNINGS_SHOWN} more")
    lines.append(f"After it: {edit.knowledge.summary()}.")
    lines.append(f"**Apply** writes it into the knowledge folder and makes it live; **Cancel** drops it. Only you "
                 f"can press them, within {PREVIEW_MINUTES} minutes.")
    return defuse(clip("\n".join(lines), DISCORD_LIMIT))


def rejected_text(rejected: Rejected) -> str:
    problems = "\n".join(f"• {escape_markdown(str(p))}" for p in rejected.problems)
    return defuse(f"❌ **The {what_edit(rejected.kind, rejected.label)} was not applied**: "
                  f"{len(rejected.problems)} problem(s), as `file:line: field: message`. Nothing changed; "
                  f"version `{rejected.live}` stays live.\n{problems}")


def noop_text(edit: Edit) -> str:
    return defuse(f"The {what_edit(edit.kind, edit.label)} is the same as the knowledge folder: version "
                  f"`{edit.version}` stays live, nothing to apply.")


def applied_text(edit: Edit, result: Reload) -> str:
    if not result.ok:  # written, but the folder did not load: someone else wrote to it at the same moment
        return defuse(f"⚠️ The {what_edit(edit.kind, edit.label)} was written, but the folder then failed to load "
                      f"({len(result.problems)} problem(s)); version `{result.version}` stays live. `/kb check` "
                      "lists the problems.")
    text = (f"✅ **Applied** the {what_edit(edit.kind, edit.label)}: version `{result.version}` is live "
            f"(was `{result.previous}`).\n{result.summary}\nUndo it with `/kb rollback version:{result.previous}`.")
    if result.version != edit.version:
        text += (f"\n⚠️ The folder changed again as it was written: `{result.version}` is live rather than the "
                 f"`{edit.version}` previewed. `/kb history` shows what happened.")
    return defuse(text)


def who_label(record_who: str | None, trigger: str) -> str:
    if record_who:
        return f" by {escape_markdown(record_who)}"
    return " (picked up by the watcher)" if trigger == "watch" else ""


def history_text(records: Sequence[ReloadRecord], live: str) -> str:
    if not records:
        return "No knowledge history yet (the store holds none, or is failing)."
    lines = [f"**Knowledge history** (newest first; live: `{live}`)"]
    for record in records:
        when = format_dt(record.at, "f")
        label = TRIGGER_LABELS.get(record.trigger, record.trigger)
        who = who_label(record.who, record.trigger)
        what = f" — {escape_markdown(clip(record.what, 300))}" if record.what else ""
        if not record.ok:
            lines.append(f"• {when} ❌ **{label}** rejected{who}: {len(record.problems)} problem(s); "
                         f"`{record.version}` stayed live")
        elif record.previous and record.previous != record.version:
            lines.append(f"• {when} **{label}**{who}: `{record.previous}` → `{record.version}`{what}")
        else:
            same = " (unchanged)" if record.previous else ""  # a first start has nothing to compare with
            lines.append(f"• {when} **{label}**{who}: `{record.version}`{what or same}")
    lines.append("Roll back with `/kb rollback version:` (it suggests the stored versions).")
    return defuse("\n".join(lines))


def change_post(result: Reload) -> str:
    """The moderators' log line for a change that went live (or an edit on disk that was rejected)."""
    if not result.ok:
        problems = "\n".join(f"• {escape_markdown(line)}" for line in result.lines())
        head = ("❌ An edit on disk was rejected" if result.trigger == "watch"
                else f"❌ A {TRIGGER_LABELS.get(result.trigger, result.trigger)} failed to load")
        return defuse(f"{head}, so version `{result.version}` stays live. {len(result.problems)} problem(s), as "
                      f"`file:line: field: message`:\n{problems}")
    label = TRIGGER_LABELS.get(result.trigger, result.trigger)
    who = who_label(result.who, result.trigger)
    what = f" — {escape_markdown(result.what)}" if result.what else ""
    return defuse(f"📝 Knowledge changed: **{label}**{who}, version `{result.previous}` → `{result.version}`{what}.")
