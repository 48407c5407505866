"""The framework as one line per indicator, and its indicators counted by status.

Pure: takes the framework's plain data (framework.py) and returns plain data. The
monthly report, the dashboard card and the exports of /results all read these lines,
so they show the same figures as the page.
"""

from roadmap.results.periods import STATUSES


def indicator_lines(results: list[dict]) -> list[dict]:
    """Return one line per indicator: its result, baseline and the period under way."""
    lines = []
    for result in results:
        for indicator in result["indicators"]:
            now = indicator["current"] or {}
            lines.append(
                {
                    "result_id": result["id"],
                    "result_level": result["level"],
                    "result_title_en": result["title_en"],
                    "result_title_fr": result["title_fr"],
                    "id": indicator["id"],
                    "code": indicator["code"],
                    "title_en": indicator["title_en"],
                    "title_fr": indicator["title_fr"],
                    "unit": indicator["unit"],
                    "direction": indicator["direction"],
                    "source": indicator["source"],
                    "period_kind": indicator["period_kind"],
                    "baseline_value": indicator["baseline_value"],
                    "baseline_date": indicator["baseline_date"],
                    "period_start": now.get("start"),
                    "period_end": now.get("end"),
                    "target": now.get("target"),
                    "actual": now.get("actual"),
                    "share": now.get("share"),
                    "status": now.get("status", "no_data"),
                    "breakdown": now.get("breakdown") or {},
                }
            )
    return lines


def status_counts(lines: list[dict]) -> dict[str, int]:
    """Return how many indicators stand at each status, every status present."""
    counts = dict.fromkeys(STATUSES, 0)
    for line in lines:
        counts[line["status"]] += 1
    return counts
