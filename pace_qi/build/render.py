"""Render an executed notebook to one self-contained, offline HTML report.

nbconvert's Python API with pace-qi's own template (`pace_qi/templates/pace_report`): no code,
no prompts, no parameters cell, no stderr, no error banners; a provenance header, a contents
list from the headings, every image embedded with its alt text, and no external URL at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
REMOVED_TAGS = {"parameters", "injected-parameters", "remove-cell", "papermill-error-cell-tag"}


class DropStderr(Preprocessor):
    """Warnings and logs written to stderr are for the analyst, not the report's reader."""

    def preprocess_cell(self, cell, resources, index):  # noqa: D102 (nbconvert's signature)
        if cell.get("cell_type") == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        return cell, resources


def notebook_failed(nb: nbformat.NotebookNode) -> bool:
    """A notebook with an error output or an unfinished cell must never render as a report."""
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return True
        status = cell.get("metadata", {}).get("papermill", {}).get("status")
        if status not in (None, "completed"):
            return True
    return False


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(
        template_name="pace_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    remove = TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    exporter.register_preprocessor(DropStderr(enabled=True), enabled=True)
    return exporter


def render_html(nb: nbformat.NotebookNode, header: dict[str, Any]) -> str:
    """The report's HTML; `header` fills the provenance block (title, organisation, as-at…)."""
    if notebook_failed(nb):
        raise ValueError("refusing to render a notebook that failed")
    body, _ = _exporter().from_notebook_node(
        nb, resources={"pace_qi": header, "metadata": {"name": header.get("title", "Report")}})
    return _with_contents_list(body)


def _with_contents_list(html: str) -> str:
    """Insert a contents list built from the report's h2 headings at the placeholder."""
    soup = BeautifulSoup(html, "html.parser")
    items = []
    for heading in soup.select("main h2[id]"):
        for anchor in heading.select("a.anchor-link"):
            anchor.decompose()
        items.append(f'<li><a href="#{heading["id"]}">{heading.get_text(strip=True)}</a></li>')
    nav = ('<nav class="pace-toc" aria-label="Contents"><strong>Contents</strong><ul>'
           + "".join(items) + "</ul></nav>") if items else ""
    return str(soup).replace("<!-- pace-qi:toc -->", nav, 1)
