"""JSON and JSON Lines: the Report's own data (documented in claimdiff/schema/report.schema.json)."""

from __future__ import annotations

import json
from dataclasses import asdict

from claimdiff.model import Group, Report, claim_to_dict


def render_json(report: Report, groups: list[Group]) -> str:
    data = report.to_dict()
    data["groups"] = [asdict(g) for g in groups]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(report: Report, groups: list[Group]) -> str:
    """One group per line, self-contained: its claims are inlined as objects, with their source's location."""
    claims = {c.id: c for c in report.claims}
    locations = {s.id: s.location for s in report.sources}

    def inline(claim_id: str) -> dict:
        return dict(claim_to_dict(claims[claim_id]), location=locations[claims[claim_id].source])

    lines = []
    for group in groups:
        data = asdict(group)
        data["claims"] = [inline(c) for c in group.claims]
        for related in data["see_also"]:
            related["claim"] = inline(related["claim"])
        lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
