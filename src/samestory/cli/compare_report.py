"""The human-readable compare report: verdict, scores, and the evidence in a compact form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from samestory.cli.reporting import stdout_console
from samestory.pairs.comparison import Comparison, Overlap

if TYPE_CHECKING:
    from rich.console import Console

_LABELS = {
    "same_story": "[green]same story[/green]",
    "related": "[yellow]related[/yellow]",
    "different": "[red]different stories[/red]",
}


def print_report(result: Comparison) -> None:
    console = stdout_console()
    console.print(f"{_LABELS[result.label]}  similarity {result.similarity:.2f}")
    for side, name in ((result.a, "A"), (result.b, "B")):
        console.print(f"  {name}: {escape(side.title or side.id)} [{side.lang}] {side.published or ''}")
    scores = result.scores
    console.print(
        "  SemEval (1 = very similar … 4): "
        + "  ".join(
            f"{n} {getattr(scores, n):.1f}"
            for n in ("overall", "geography", "entities", "time", "narrative", "style", "tone")
        )
    )
    evidence = result.evidence
    for label, overlap in (
        ("people & organisations", evidence.entities),
        ("places", evidence.places),
        ("dates", evidence.dates),
        ("numbers", evidence.numbers),
    ):
        _print_overlap(console, label, overlap)
    if evidence.time_expressions_a or evidence.time_expressions_b:
        console.print(
            f"  [cyan]undated time references[/cyan]: A {escape(', '.join(evidence.time_expressions_a[:6]))}"
            f" | B {escape(', '.join(evidence.time_expressions_b[:6]))}"
        )
    for times in evidence.agreeing_times[:3]:
        console.print(
            f"  [cyan]same time, said differently[/cyan]: A “{escape(times.text_a)}” ~ B “{escape(times.text_b)}”\n"
            f"      A: {escape(_short(times.sentence_a))}\n      B: {escape(_short(times.sentence_b))}"
        )
    console.print(f"  [cyan]claims both report[/cyan] ({len(evidence.aligned_claims)}):")
    for claim in evidence.aligned_claims[:8]:
        anchors = f"  [dim]({escape(', '.join(claim.anchors[:5]))})[/dim]" if claim.anchors else ""
        console.print(f"    {claim.score:.2f}{anchors}")
        for text in claim.a_texts[:2]:
            console.print(f"      A: {escape(_short(text))}")
        for text in claim.b_texts[:2]:
            console.print(f"      B: {escape(_short(text))}")
    for name, lone in (("A", evidence.only_a_sentences), ("B", evidence.only_b_sentences)):
        for sentence in lone[:3]:
            console.print(f"  [magenta]only {name} reports[/magenta]: {escape(_short(sentence.text))}")
    for warning in result.warnings:
        console.print(f"  [yellow]warning[/yellow]: {escape(warning)}")


def _print_overlap(console: Console, label: str, overlap: Overlap) -> None:
    shared = ", ".join(
        item.name
        if item.a_forms == item.b_forms
        else f"{item.name} ({'/'.join(dict.fromkeys(item.a_forms[:1] + item.b_forms[:1]))})"
        for item in overlap.shared[:12]
    )
    only_a = ", ".join(item.name for item in overlap.only_a[:6])
    only_b = ", ".join(item.name for item in overlap.only_b[:6])
    console.print(f"  [cyan]{label}[/cyan]: shared {escape(shared) or '—'}")
    if only_a or only_b:
        console.print(f"      only A: {escape(only_a) or '—'} | only B: {escape(only_b) or '—'}")


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
