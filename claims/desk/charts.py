"""Small server-rendered SVG charts (no script, no inline style: presentation attributes only)."""

from __future__ import annotations

from markupsafe import Markup, escape

from claims.output import visible

# the audit's status columns and their colours
PARTS = (("unverified", "#9e9e9e"), ("unverifiable", "#f2c14e"), ("disputed", "#f08a4b"), ("false", "#d1495b"), ("confirmed", "#2e933c"))


def status_bars(rows: list[dict], width: int = 640, bar: int = 18) -> Markup:
    """One horizontal bar per audit row (outlet or speaker), split by verification status."""
    if not rows:
        return Markup("")
    label_w, gap = 220, 6
    top = max(1, max(r["claims"] for r in rows))
    scale = (width - label_w - 40) / top
    height = len(rows) * (bar + gap) + 30
    out = [Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{}" height="{}" viewBox="0 0 {} {}">').format(width, height, width, height)]
    out.append(Markup("<title>Claims by verification status</title>"))
    for i, r in enumerate(rows):
        y = i * (bar + gap)
        name = visible(str(r["name"]))
        out.append(Markup('<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>').format(label_w - 6, y + bar - 5, escape(name[:32])))
        x = label_w
        for key, colour in PARTS:
            n = r.get(key, 0)
            if n:
                w = n * scale
                out.append(Markup('<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>').format(x, y, w, bar, colour, key, n))
                x += w
        out.append(Markup('<text x="{:.1f}" y="{}" font-size="12">{}</text>').format(x + 4, y + bar - 5, r["claims"]))
    y = len(rows) * (bar + gap) + 12
    x = label_w
    for key, colour in PARTS:
        out.append(Markup('<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>').format(x, y, colour, x + 14, y + 9, key))
        x += 90
    out.append(Markup("</svg>"))
    return Markup("").join(out)
