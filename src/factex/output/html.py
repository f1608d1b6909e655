"""A self-contained HTML page for one document's records (``factex view``): the text with every
actor mention, date, amount and event trigger highlighted, a timeline of the events, a money
table and an actor list. Inline CSS, JS and SVG; nothing is fetched.

Every record is exactly one element with ``data-kind`` = ``actor`` | ``date`` | ``money`` |
``event`` (a record whose span crosses another's is an empty marker at its start), so a page
can be checked against its records by counting.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from factex.evaluation.score import interval

COLOURS = {"diplomatic_relations": "#4e79a7", "visit": "#59a14f", "meeting": "#9c755f",
           "agreement": "#f28e2b", "aid": "#e15759", "trade": "#76b7b2", "conflict": "#b07aa1",
           "founding": "#edc948", "statement": "#ff9da7", "other": "#bab0ac"}

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 340px;
     grid-template-areas:"head head" "text side" "time time" "tables tables";gap:0 16px;color:#222}
header{grid-area:head;padding:10px 16px;background:#f4f4f4;border-bottom:1px solid #ddd}
#text{grid-area:text;padding:0 16px;white-space:pre-wrap}
#side{grid-area:side;position:sticky;top:0;align-self:start;padding:8px;border-left:1px solid #ddd;
      max-height:100vh;overflow:auto;font-size:13px}
#timeline{grid-area:time;padding:8px 16px} #tables{grid-area:tables;padding:8px 16px}
mark{background:none;border-bottom:2px solid;cursor:pointer;padding:0 1px}
mark[data-kind=actor]{border-color:#4e79a7;background:#4e79a714}
mark[data-kind=date]{border-color:#59a14f;background:#59a14f14}
mark[data-kind=money]{border-color:#e15759;background:#e1575914}
mark[data-kind=event]{border-bottom-width:3px;font-weight:600}
mark.crossing{display:inline-block;width:6px;height:1em;vertical-align:middle}
mark.hidden{opacity:.2} .selected{outline:2px solid #000}
table{border-collapse:collapse;margin:8px 0 16px} td,th{border:1px solid #ddd;padding:2px 6px;font-size:13px}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:6px}
.legend span{margin-right:10px;white-space:nowrap}
"""

_JS = """
const R = JSON.parse(document.getElementById('records').textContent);
function show(el) {
  document.querySelectorAll('.selected').forEach(e => e.classList.remove('selected'));
  el.classList.add('selected');
  const rec = R[el.dataset.kind][+el.dataset.idx];
  const box = document.getElementById('record');
  box.textContent = JSON.stringify(rec, null, 1);
}
document.querySelectorAll('[data-kind][data-idx]').forEach(el =>
  el.addEventListener('click', ev => { ev.stopPropagation(); show(el); }));
function filter() {
  const type = document.getElementById('ftype').value, actor = document.getElementById('factor').value;
  document.querySelectorAll('[data-kind=event],[data-kind=timeline-event]').forEach(el => {
    const rec = R.event[+el.dataset.idx];
    const ok = (!type || rec.type === type) && (!actor || rec.actors.includes(actor));
    el.classList.toggle('hidden', !ok);
    if (el.dataset.kind === 'timeline-event') el.style.display = ok ? '' : 'none';
  });
}
document.getElementById('ftype').addEventListener('change', filter);
document.getElementById('factor').addEventListener('change', filter);
"""


def _spans(rec: dict) -> list[tuple[int, int, str, int]]:
    """(start, end, kind, index) of every record that has a place in the text."""
    out = []
    actor_mentions = [(m["start"], m["end"]) for a in rec["actors"] for m in a["mentions"]]
    for i, (s, e) in enumerate(actor_mentions):
        out.append((s, e, "actor", i))
    for i, d in enumerate(rec["dates"]):
        out.append((d["start"], d["end"], "date", i))
    for i, m in enumerate(rec["money"]):
        out.append((m["start"], m["end"], "money", i))
    for i, ev in enumerate(rec["events"]):
        s = ev.get("trigger_start")
        s, e = (s, ev["trigger_end"]) if s is not None else (ev["start"], ev["start"])
        out.append((s, e, "event", i))
    return out


def _mark(kind: str, idx: int, rec: dict, crossing: bool = False) -> str:
    extra = ""
    if kind == "event":
        ev = rec["events"][idx]
        extra = (f' data-type="{ev["type"]}" style="border-color:{COLOURS.get(ev["type"], "#888")}"'
                 + (f' data-modality="{ev["modality"]}"' if ev.get("modality") else ""))
    cls = ' class="crossing"' if crossing else ""
    return f'<mark data-kind="{kind}" data-idx="{idx}"{extra}{cls}>'


def highlighted_text(text: str, rec: dict) -> str:
    """The text as HTML with one ``<mark>`` per record; nested where spans nest."""
    spans = sorted(_spans(rec), key=lambda s: (s[0], -s[1], s[2]))
    out: list[str] = []
    stack: list[int] = []  # ends of the open marks
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(html.escape(text[pos:end]))
            out.append("</mark>")
            pos = end

    for start, end, kind, idx in spans:
        close_until(start)
        out.append(html.escape(text[pos:start]))
        pos = start
        if stack and end > stack[-1] or end <= start:
            out.append(_mark(kind, idx, rec, crossing=True) + "</mark>")  # crosses an open one
            continue
        out.append(_mark(kind, idx, rec))
        stack.append(end)
    close_until(len(text))
    out.append(html.escape(text[pos:]))
    return "".join(out)


def timeline_svg(rec: dict, width: int = 1000) -> str:
    """One mark per dated event, placed by its date value (BC before AD), intervals as bars."""
    placed = []
    for i, ev in enumerate(rec["events"]):
        iv = interval(ev["date"]["value"])
        if iv is not None:
            placed.append((iv, i, ev))
    if not placed:
        return '<svg width="10" height="10"></svg>'
    lo = min(iv[0] for iv, _, _ in placed)
    hi = max(iv[1] for iv, _, _ in placed)
    span = max(hi - lo, 1)
    rows: list[int] = []
    parts = []
    for (a, b), i, ev in sorted(placed, key=lambda p: p[0]):
        x1 = 20 + (a - lo) / span * (width - 40)
        x2 = max(20 + (b - lo) / span * (width - 40), x1 + 6)
        row = next((r for r, end in enumerate(rows) if end < x1 - 2), None)
        if row is None:
            rows.append(x2)
            row = len(rows) - 1
        else:
            rows[row] = x2
        y = 10 + row * 14
        colour = COLOURS.get(ev["type"], "#888")
        title = html.escape(f'{ev["date"]["value"]} {ev["type"]}: {ev["trigger"]} ({", ".join(ev["actors"])})')
        parts.append(f'<rect data-kind="timeline-event" data-idx="{i}" x="{x1:.1f}" y="{y}" '
                     f'width="{x2 - x1:.1f}" height="10" rx="3" fill="{colour}"><title>{title}</title></rect>')
    height = 20 + len(rows) * 14
    axis = (f'<text x="20" y="{height}" font-size="11">{html.escape(_label(lo))}</text>'
            f'<text x="{width - 20}" y="{height}" font-size="11" text-anchor="end">{html.escape(_label(hi))}</text>')
    return f'<svg width="{width}" height="{height + 6}" role="img">{"".join(parts)}{axis}</svg>'


def _label(day: int) -> str:
    year = day // 400  # the scale of factex.evaluation.score.interval
    return f"{-year} BC" if year < 0 else str(year)


def render_page(rec: dict, text: str) -> str:
    """The whole page of one document."""
    actors = rec["actors"]
    flat_actors = [{"name": a["name"], "type": a["type"], "text": m["text"]}
                   for a in actors for m in a["mentions"]]
    data = {"actor": flat_actors, "date": rec["dates"], "money": rec["money"], "event": rec["events"]}
    types = sorted({e["type"] for e in rec["events"]})
    names = sorted({n for e in rec["events"] for n in e["actors"]})
    legend = "".join(f'<span><svg width="10" height="10"><rect width="10" height="10" fill="{COLOURS[t]}"/></svg> {t}</span>'
                     for t in types)
    money_rows = "".join(
        f"<tr><td>{html.escape(m['text'])}</td><td>{m['amount']:,.0f}</td><td>{m['currency']}</td>"
        f"<td>{html.escape(m.get('payer') or '')}</td><td>{html.escape(m.get('recipient') or '')}</td>"
        f"<td>{html.escape((m.get('date') or {}).get('value') or '')}</td></tr>" for m in rec["money"])
    actor_rows = "".join(
        f"<tr><td>{html.escape(a['name'])}</td><td>{a['type']}</td><td>{len(a['mentions'])}</td>"
        f"<td>{html.escape('; '.join(a.get('aliases', [])))}</td></tr>"
        for a in sorted(actors, key=lambda a: -len(a["mentions"])))
    options = lambda values: "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(rec['doc_id'])} · factex</title>
<style>{_CSS}</style></head><body>
<header><b>{html.escape(rec['doc_id'])}</b> — {len(actors)} actors, {len(rec['dates'])} dates,
{len(rec['money'])} amounts, {len(rec['events'])} events.
Filter events: <select id="ftype"><option value="">every type</option>{options(types)}</select>
<select id="factor"><option value="">every actor</option>{options(names)}</select>
<span class="legend">{legend}</span></header>
<main id="text">{highlighted_text(text, rec)}</main>
<aside id="side"><b>Record</b> (click a highlight)<pre id="record">–</pre></aside>
<section id="timeline"><b>Timeline</b><br>{timeline_svg(rec)}</section>
<section id="tables"><b>Money</b><table><tr><th>amount</th><th>value</th><th>currency</th>
<th>payer</th><th>recipient</th><th>date</th></tr>{money_rows}</table>
<b>Actors</b><table><tr><th>name</th><th>type</th><th>mentions</th><th>aliases</th></tr>{actor_rows}</table></section>
<script type="application/json" id="records">{blob}</script>
<script>{_JS}</script></body></html>
"""


def render_index(pages: list[tuple[str, str, dict]]) -> str:
    """An index of several documents' pages: (file name, doc_id, record)."""
    rows = "".join(f'<tr><td><a href="{html.escape(f)}">{html.escape(d)}</a></td><td>{len(r["actors"])}</td>'
                   f'<td>{len(r["money"])}</td><td>{len(r["events"])}</td></tr>' for f, d, r in pages)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>factex</title>'
            f'<style>{_CSS}</style></head><body><header><b>factex</b> — {len(pages)} documents</header>'
            f'<section id="tables"><table><tr><th>document</th><th>actors</th><th>amounts</th>'
            f'<th>events</th></tr>{rows}</table></section></body></html>\n')


def write_pages(items: list[tuple[dict, str]], out: Path) -> list[Path]:
    """One page per (record, text); with several, ``out`` is a folder with an ``index.html``."""
    from factex.output.files import open_output

    if len(items) == 1 and out.suffix in (".html", ".htm"):
        with open_output(out) as fh:
            fh.write(render_page(*items[0]))
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written, pages = [], []
    for rec, text in items:
        name = f"{Path(rec['doc_id']).name}.html"
        with open_output(out / name) as fh:
            fh.write(render_page(rec, text))
        written.append(out / name)
        pages.append((name, rec["doc_id"], rec))
    with open_output(out / "index.html") as fh:
        fh.write(render_index(pages))
    return written + [out / "index.html"]


_VERDICT_CSS = """
[data-verdict=correct]{background:#59a14f22} [data-verdict=spurious]{background:#e1575944;
 text-decoration:line-through} tr[data-verdict=missed] td{background:#f28e2b33}
"""


def render_evaluation(rec: dict, gold: dict, text: str, verdicts: dict) -> str:
    """One document of ``factex evaluate --html``: factex's events and amounts in the text,
    marked correct or spurious; every gold record factex missed listed beside them; actors in
    a table with their verdicts."""
    marks = []
    for kind, items, key in (("event", rec["events"], "event"), ("money", rec["money"], "money")):
        v = verdicts.get(key, {})
        verdict_of = {i: "correct" for i in v.get("correct", [])}
        verdict_of.update({i: "spurious" for i in v.get("spurious", [])})
        for i, x in enumerate(items):
            if i not in verdict_of:
                continue  # planned / negated events are not scored
            s, e = ((x.get("trigger_start"), x.get("trigger_end")) if kind == "event"
                    else (x["start"], x["end"]))
            if s is None:
                s, e = x["start"], x["start"]
            marks.append((s, e, kind, i, verdict_of[i]))
    marks.sort(key=lambda m: (m[0], -m[1]))
    out, pos = [], 0
    for s, e, kind, i, verdict in marks:
        if s < pos:  # overlaps the one before: an empty marker keeps one element per record
            out.append(f'<mark data-kind="{kind}" data-idx="{i}" data-verdict="{verdict}" class="crossing"></mark>')
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark data-kind="{kind}" data-idx="{i}" data-verdict="{verdict}" '
                   f'title="{verdict}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))

    def missed_rows(kind: str, items: list, describe) -> str:
        return "".join(f'<tr data-kind="{kind}" data-verdict="missed"><td>{kind}</td>'
                       f"<td>{html.escape(describe(items[j]))}</td></tr>"
                       for j in verdicts.get(kind, {}).get("missed", []))

    missed = (missed_rows("event", gold["events"], lambda g: f'{g["type"]} {g["date"]} “{g.get("trigger") or ""}” {", ".join(g.get("actors", []))}')
              + missed_rows("money", gold["money"], lambda g: f'{g.get("text") or ""} = {g["amount"]:g} {g["currency"]}'))
    av = verdicts.get("actor", {})
    actor_rows = "".join(f'<tr data-kind="actor" data-verdict="{verdict}"><td>{verdict}</td>'
                         f'<td>{html.escape(items[i]["name"])}</td><td>{items[i]["type"]}</td></tr>'
                         for verdict, items in (("correct", rec["actors"]), ("spurious", rec["actors"]),
                                                ("missed", gold["actors"]))
                         for i in av.get(verdict, []))
    blob = json.dumps({"event": rec["events"], "money": rec["money"]}, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(rec['doc_id'])} · factex evaluate</title>
<style>{_CSS}{_VERDICT_CSS}</style></head><body>
<header><b>{html.escape(rec['doc_id'])}</b> — factex against the gold: green correct, struck-out
red spurious; what factex missed is listed on the right.</header>
<main id="text">{"".join(out)}</main>
<aside id="side"><b>Missed</b><table>{missed}</table><b>Record</b><pre id="record">–</pre></aside>
<section id="tables"><b>Actors</b><table><tr><th>verdict</th><th>name</th><th>type</th></tr>{actor_rows}</table></section>
<script type="application/json" id="records">{blob}</script>
<script>
const R = JSON.parse(document.getElementById('records').textContent);
document.querySelectorAll('mark[data-idx]').forEach(el => el.addEventListener('click', () =>
  document.getElementById('record').textContent = JSON.stringify(R[el.dataset.kind][+el.dataset.idx], null, 1)));
</script></body></html>
"""
