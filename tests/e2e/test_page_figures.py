"""Issue 15/17 end to end: pages take their figures from the rules data; FAQ jump lists land on their answers."""
import html
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculator.rules import DATA_DIR_VARIABLE, data_folder

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
INLINE_TAG = re.compile(r"</?(?:strong|em|a|abbr|span|code|time)\b[^>]*>")


def build(tmp_path, data=None, content=ROOT / "content"):
    """Runs build.py in a fresh process (the rules are cached per process), optionally on other data."""
    env = {**__import__("os").environ, **({DATA_DIR_VARIABLE: str(data)} if data else {})}
    return subprocess.run([sys.executable, "build.py", "--content", str(content), "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def page_texts(site):
    """{url: visible text of <main>} for every HTML page of a built site."""
    texts = {}
    for file in Path(site).rglob("index.html"):
        main = re.search(r"<main.*?</main>", file.read_text(encoding="utf-8"), re.DOTALL)
        if main:
            url = "/" + file.parent.relative_to(site).as_posix().strip(".") + "/"
            inline_gone = INLINE_TAG.sub("", main.group(0))  # **$25.00** reads "$25.00", not " $25.00 "
            texts[url.replace("//", "/")] = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inline_gone)))
    return texts


def copy_of_the_data(tmp_path, edit):
    folder = Path(shutil.copytree(data_folder(), tmp_path / "data"))
    for file in folder.glob("*.toml"):
        file.write_text(edit(file.name, file.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def rules(name):
    return tomllib.loads((data_folder() / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The site built from a copy of the data with NASM's 90-day late fee and two ACSM requirements changed."""
    tmp_path = tmp_path_factory.mktemp("changed")
    late = rules("nasm.toml")["fees"]["late_90"][0]["amount"]
    required = {c["id"]: c["required"] for c in rules("acsm.toml")["credentials"]}
    assert required["acsm-cift"] == required["acsm-cet"]
    old = required["acsm-cift"]

    def edit(name, text):
        if name == "nasm.toml":
            return text.replace(f"late_90 = [{{ amount = {late},", f"late_90 = [{{ amount = {late + 7},")
        if name == "acsm.toml":
            return re.sub(rf'(abbreviation = "ACSM/(?:NCHPAD CIFT|ACS CET)"\nrequired = ){old}\n', rf"\g<1>{old + 3}\n", text)
        return text

    result = build(tmp_path, copy_of_the_data(tmp_path, edit))
    assert result.returncode == 0, result.stderr
    return {"texts": page_texts(tmp_path / "out"), "late": late, "required": old, "data": tmp_path / "data"}


def test_a_changed_late_fee_reaches_every_page_that_shows_it(site_dir, changed):
    before, after = page_texts(site_dir), changed["texts"]
    old, new = f"${changed['late']:.2f}", f"${changed['late'] + 7:.2f}"
    showing = {url for url, text in before.items() if old in text}
    assert {"/nasm/guidelines/", "/nasm/faq/", "/credentials/nasm-cpt/", "/compare/"} <= showing
    assert all(new in after[url] for url in showing), [url for url in showing if new not in after[url]]
    assert not [url for url, text in after.items() if old in text]


def test_a_changed_requirement_reaches_every_page_that_shows_it(site_dir, changed):
    before, after = page_texts(site_dir), changed["texts"]
    old, new = changed["required"], changed["required"] + 3
    pattern = re.compile(rf"\b{old} CECs\b|\b{old}, \d+ or \d+ CECs")
    showing = {url for url, text in before.items() if pattern.search(text)}
    assert {"/", "/acsm/guidelines/", "/acsm/faq/", "/credentials/acsm-cift/", "/credentials/acsm-cet/", "/compare/"} <= showing
    assert all(f"{new} CECs" in after[url] or f"{new}, " in after[url] for url in showing)
    assert not [url for url, text in after.items() if pattern.search(text)]


def test_the_calculator_reads_the_same_changed_data(changed):
    """The same data folder gives the calculator the new fee: one edit changes pages and calculator together."""
    import json
    scenario = {"as_of": "2026-03-01", "credentials": [{"id": "nasm-cpt", "certified_on": "2024-01-15", "expires_on": "2026-01-15"}],
                "cpr_aed": {"valid_until": "2030-01-01", "hands_on_skills": True},
                "activities": [{"title": "Course", "date": "2025-06-01", "type": "online_course", "hours": 19}]}
    done = subprocess.run([sys.executable, "-m", "calculator", "check", "-"], input=json.dumps(scenario), cwd=ROOT,
                          capture_output=True, text=True, env={**__import__("os").environ, DATA_DIR_VARIABLE: str(changed["data"])})
    fees = [fee["amount"] for fee in json.loads(done.stdout)["credentials"][0]["fees"]]
    assert changed["late"] + 7 in fees


@pytest.mark.parametrize("path, sentence", [
    ("/nasm/faq/", "Each course or event you petition costs $25.00, and the fee is not refunded if NASM says no."),
    ("/nasm/faq/", "Apply within 90 days and the late fee is $30.00. After 90 days it is $50.00, and NASM must receive the application within 1 year of expiration."),
    ("/nasm/guidelines/", "One payment of $299.00 takes the place of every future renewal fee."),
    ("/nasm/guidelines/", "If yours is picked, you have 30 days to send all your documents to the NASM Recertification Department."),
    ("/nasm/guidelines/", "1 contact hour = 0.1 CEUs, so 2.0 CEUs = 20 hours."),
    ("/acsm/faq/", "Until June 30 you can still renew: meet the CEC minimum and pay the fee plus the $80.00 late fee."),
    ("/acsm/faq/", "The fee is the highest credential's fee plus $5.00 for each additional credential (older ACSM FAQ page)."),
    ("/acsm/guidelines/", "Example: a Certified Personal Trainer (45) who is also a Certified Exercise Physiologist (60) needs 60 CECs"),
    ("/nsca/faq/", "Value: 0.5 CEUs per semester credit hour or 0.3 CEUs per quarter credit hour, at most 2.0 CEUs per course."),
    ("/nsca/faq/", "Limit: 0.5 CEUs (5 contact hours) per calendar year of the cycle, from the year you certified, which is our reading"),
    ("/nsca/guidelines/", "In that cycle, recertifying before July 31, 2020 saved $15.00."),
    ("/nsca/guidelines/", "5.5/4.0/5.5/3.5 for those certified before 2018, and 3.5/2.5/3.5/1.5 for those certified during 2018."),
    ("/", "NSCA 3 years, fixed for everyone Up to 6.0 CEUs December 31, 2026 for the current cycle"),
])
def test_named_figures_keep_the_sentences_they_stood_in(site_dir, path, sentence):
    """The figures as the hand-typed pages gave them (from the sources), now filled in from the data."""
    assert sentence in page_texts(site_dir)[path]


@pytest.mark.parametrize("line, message", [
    ("The late fee is $30.", "new.md:5: the figure '$30' is typed"),
    ('Late: {{ fee("nasm", "late_91") }}.', "new.md:5: unknown fee of nasm 'late_91'"),
])
def test_a_new_page_with_a_typed_figure_or_an_unknown_name_fails_the_build_at_its_line(tmp_path, line, message):
    content = Path(shutil.copytree(ROOT / "content", tmp_path / "content"))
    (content / "new.md").write_text(f"---\ntitle: New\n---\n\n{line}\n", encoding="utf-8")
    result = build(tmp_path, content=content)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("reason, problem", [
    ("petition it (type 'other', approved false)", "the calculator's input syntax on the page"),
    ("the 2018-2020 cycle (the latest (ours))", "a bracket inside a bracket"),
])
def test_a_generated_page_with_input_syntax_or_nested_brackets_fails_the_build(tmp_path, reason, problem):
    first_aid = rules("nasm.toml")["activities"]["first_aid"]["reason"]

    def edit(name, text):
        return text.replace(f'reason = "{first_aid}"', f'reason = "{reason}"')
    result = build(tmp_path, copy_of_the_data(tmp_path, edit))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "/credentials/nasm-cpt/" in result.stderr and problem in result.stderr


def faq_pages():
    return ["/" + path.parent.relative_to(ROOT / "content").as_posix() + "/faq/"
            for path in sorted((ROOT / "content").rglob("faq.md"))]


@pytest.mark.parametrize("path", faq_pages())
def test_every_long_faq_has_a_jump_list_whose_links_land_on_their_answers(page, path):
    page.goto(path)
    questions = page.locator("main h2").filter(has_text=re.compile(r"\?$"))
    if questions.count() <= 10:
        pytest.skip(f"{path} has {questions.count()} questions")
    links = page.locator("nav.jump-list a")
    assert links.count() == questions.count()
    for index in range(links.count()):
        link = links.nth(index)
        target = page.locator(f"[id='{link.get_attribute('href')[1:]}']")
        assert target.evaluate("e => e.tagName") == "H2" and target.inner_text() == link.inner_text()
    last = links.nth(links.count() - 1)
    last.click()
    target = page.locator(f"[id='{last.get_attribute('href')[1:]}']")
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == last.get_attribute("href")


def test_an_faq_calculator_link_opens_the_calculator_with_the_credential_ticked(page):
    page.goto("/nsca/faq/")
    page.locator("main a", has_text="TSAC-F").first.click()
    expect(page.locator("#credential-nsca-tsacf")).to_be_checked()
    expect(page.locator("#credential-nsca-cscs")).not_to_be_checked()


@pytest.mark.parametrize("term", ["RSCC", "CSNC", "NCCA", "CME", "USADA", "SafeSport"])
def test_each_abbreviation_is_explained_where_a_page_first_uses_it(site_dir, term):
    """Issue 17, item 12: the first use links to the glossary entry, with the expansion as its title."""
    glossary = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    uses = re.findall(rf'<a href="/glossary/#([a-z]+)"><abbr title="([^"]+)">{term}</abbr></a>',
                      "".join(path.read_text(encoding="utf-8") for path in site_dir.rglob("index.html")))
    assert uses, f"no page explains {term}"
    anchor, expansion = uses[0]
    assert f'id="{anchor}"' in glossary and html.escape(expansion, quote=False) in html.unescape(glossary)


def test_a_new_organization_file_gets_its_pages_with_no_code_change(tmp_path):
    """ACE, NCSF and ISSA will come as data files: a new file (here a renamed copy of NASM's) and a guide
    written with the page helpers give it a credential page, a row and a column, and a working guide."""
    data = copy_of_the_data(tmp_path, lambda name, text: text)
    text = (data / "nasm.toml").read_text(encoding="utf-8")
    for old, new in [('id = "nasm"', 'id = "tst"'), ('short = "NASM"', 'short = "TST"'), ('order = 1 ', 'order = 9 '),
                     ('"National Academy of Sports Medicine"', '"Test Council on Exercise"'), ('id = "nasm-cpt"', 'id = "tst-cpt"'),
                     ('abbreviation = "NASM-CPT"', 'abbreviation = "TST-CPT"'), ('"NASM Certified Personal Trainer"', '"TST Certified Trainer"')]:
        text = text.replace(old, new)
    (data / "tst.toml").write_text(text, encoding="utf-8")
    content = Path(shutil.copytree(ROOT / "content", tmp_path / "content"))
    (content / "tst").mkdir()
    (content / "tst" / "guidelines.md").write_text(
        '---\ntitle: TST guidelines\nsources:\n  - tst.seed\n---\n\nYou need {{ required("tst-cpt") }}.\n\n'
        '{{ at_a_glance("tst") }}\n{{ fee_table("tst") }}\n{{ late_table("tst") }}\n{{ credentials_table("tst") }}\n', encoding="utf-8")
    result = build(tmp_path, data, content)
    assert result.returncode == 0, result.stderr
    texts = page_texts(tmp_path / "out")
    assert "TST Certified Trainer" in texts["/credentials/tst-cpt/"]
    assert "TST 2 years 2.0 CEUs Your expiration date Guidelines" in texts["/"]
    assert "TST Certified Trainer (TST-CPT)" in texts["/"] and "TST Certified Trainer" in texts["/compare/"]
    assert "You need 2.0 CEUs." in texts["/tst/guidelines/"] and "Where the figure comes from" in texts["/tst/guidelines/"]
