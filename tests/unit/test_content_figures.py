"""Issue 15: content pages name the rules' figures; the build fills them in or fails at the page's line."""
import base64
import json
from pathlib import Path

import pytest

from buildlib import BuildError
from buildlib.figures import single
from buildlib.pages import content, glossary
from buildlib.figures.typed import typed_figures
from calculator.rules import load_rules


def render(tmp_path, body, name="page.md"):
    path = tmp_path / name
    path.write_text(f"---\ntitle: Test\n---\n\n{body}\n", encoding="utf-8")
    return content.read_pages(tmp_path)[0]["html"]


def test_a_named_fee_is_the_datas_fee_in_the_calculators_format(tmp_path):
    amount = load_rules()["nasm"]["fees"]["late_90"][0]["amount"]
    assert f"<p>Late: ${amount:.2f}.</p>" in render(tmp_path, 'Late: {{ fee("nasm", "late_90") }}.')


def test_a_fee_by_source_is_the_figure_that_source_published(tmp_path):
    seed = next(entry for entry in load_rules()["acsm"]["credentials"][1]["fee"] if entry["source"] == "seed")
    assert str(single.fee("acsm-cpt", source="seed")) == f"${seed['amount']:.2f}"


def test_amounts_carry_their_unit_and_subtract_in_it():
    courses = single.required("nasm-cpt") - single.cpr_credit("nasm")
    rules = load_rules()["nasm"]
    expected = rules["credentials"][0]["required"] - rules["cpr_aed"]["credit"]
    assert str(courses) == f"{expected:.1f} CEUs" and courses.hours == f"{expected / rules['organization']['hour_value']:.0f}"


@pytest.mark.parametrize("expression, message", [
    ('{{ fee("nasm", "late_91") }}', "unknown fee of nasm 'late_91'"),
    ('{{ required("nasm-xyz") }}', "unknown credential 'nasm-xyz'"),
    ('{{ window("nsca", "grace") }}', "unknown late window of nsca"),
    ('{{ fees("nasm") }}', "'fees' is undefined"),
    ('{{ activity("nsca", "event").year_cap }}', "has no year_cap in the data"),
])
def test_an_unknown_name_fails_with_the_page_line_and_name(tmp_path, expression, message):
    with pytest.raises(BuildError) as failure:
        render(tmp_path, f"First line.\n\nSecond: {expression}\n")
    assert str(failure.value).startswith(f"{tmp_path / 'page.md'}:7: ")
    assert message in str(failure.value)


@pytest.mark.parametrize("typed", ["$99", "costs $1,200.50", "2.0 CEUs", "45 CECs", "0.5 CEU", "30 days", "1–90 days", "a 90-day window"])
def test_a_typed_figure_is_found_with_its_line(typed):
    problems = typed_figures(f"---\ntitle: x\n---\nfine\n{typed} here\n", "page.md")
    assert len(problems) == 1 and problems[0].startswith("page.md:5: ")


@pytest.mark.parametrize("text", ['{{ fee("nasm", "late_90") }}', "20 contact hours", "March 15", "the 2018–2020 cycle", "3 years"])
def test_names_and_other_numbers_are_not_typed_figures(text):
    assert typed_figures(text, "page.md") == []


def test_a_typed_figure_fails_the_build_of_a_page(tmp_path):
    with pytest.raises(BuildError, match=r"page.md:5: the figure '\$45' is typed"):
        render(tmp_path, "The fee is $45.")


def test_data_sources_in_front_matter_bring_their_edition_and_review_date(tmp_path):
    (tmp_path / "page.md").write_text("---\ntitle: T\nsources:\n  - nsca.seed\n---\nText.\n", encoding="utf-8")
    page = content.read_pages(tmp_path)[0]
    seed = load_rules()["nsca"]["sources"]["seed"]
    assert page["sources"][0]["edition"] == seed["edition"] and page["reviewed"] == seed["reviewed"]


def test_an_unknown_data_source_fails_the_build(tmp_path):
    (tmp_path / "page.md").write_text("---\ntitle: T\nsources:\n  - nsca.nope\n---\nText.\n", encoding="utf-8")
    with pytest.raises(BuildError, match="no source 'nsca.nope'"):
        content.read_pages(tmp_path)


def test_a_calculator_link_is_a_share_link_with_the_credential_ticked():
    """The calculator's share-link format: #s= and the scenario's JSON in base64url (saved-scenario.js)."""
    text, _, target = single.calculator_link("nsca-cscs").partition("](")
    code = target.removeprefix("/calculator/#s=").removesuffix(")")
    assert text == "[CSCS" and json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))) == {"credentials": [{"id": "nsca-cscs"}]}


def test_glossary_terms_link_once_and_never_inside_headings_or_links():
    terms = {"RSCC": ("rscc", "Registered Strength and Conditioning Coach")}
    page = '<h2>RSCC fees</h2><p><a href="/x/">RSCC</a> and RSCC, then RSCC again; RSCCs</p>'
    linked = glossary.link_terms(page, terms)
    assert linked.count('href="/glossary/#rscc"') == 1
    assert linked.startswith('<h2>RSCC fees</h2><p><a href="/x/">RSCC</a> and <a href="/glossary/#rscc">')


def test_a_page_with_more_than_ten_questions_gets_a_jump_list(tmp_path):
    questions = "\n\n".join(f"## Question {n}?\n\nAnswer." for n in range(11))
    (tmp_path / "faq.md").write_text(f"---\ntitle: T\n---\n{questions}\n", encoding="utf-8")
    (tmp_path / "short.md").write_text("---\ntitle: T\n---\n## Only one?\n\nYes.\n", encoding="utf-8")
    faq, short = content.read_pages(tmp_path)
    assert [q["id"] for q in faq["questions"]] == [f"question-{n}" for n in range(11)] and short["questions"] == []


def test_the_content_pages_have_no_typed_figures():
    for path in sorted(Path(__file__).resolve().parents[2].joinpath("content").rglob("*.md")):
        assert typed_figures(path.read_text(encoding="utf-8"), path) == []


def test_the_embed_pages_lists_of_ids_are_every_organization_and_credential_in_the_data(tmp_path):
    # content/embed.md names the ids data-organization and data-credentials accept; a new data file adds its own.
    html = render(tmp_path, "Organizations: {{ organization_ids() }}. Credentials: {{ credential_ids() }}.")
    organizations = load_rules()
    assert f"<code>{list(organizations)[-2]}</code> or <code>{list(organizations)[-1]}</code>." in html
    for org_id, rules in organizations.items():
        assert f"<code>{org_id}</code>" in html
        assert ", ".join(f"<code>{c['id']}</code>" for c in rules["credentials"]) in html
