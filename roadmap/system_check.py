"""What `flask check` verifies besides configuration: the tools reports need."""

import os
from importlib.util import find_spec


def dependency_problems(config) -> list[str]:
    """Return one sentence for each missing dependency."""
    found = []
    chromium = config.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        found.append(
            f"Chromium is not installed at {chromium}: report PDFs will say where a chart "
            "could not be drawn (install Debian's chromium package)."
        )
    for module, purpose in (("weasyprint", "PDF reports"), ("xlsxwriter", "XLSX reports")):
        if find_spec(module) is None:
            found.append(f"The Python package {module} is missing ({purpose}).")
    return found
