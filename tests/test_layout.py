"""Both Open SDG layouts: config_data.yml inputs, YAML metadata, merged files, any id length."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.load.opensdg import load_dataset
from tests.conftest import MINI

runner = CliRunner()

STARTER_CONFIG = """\
languages: [de, en]
inputs:
  - class: InputCsvData
    path_pattern: data/*-*.csv
  - class: InputYamlMeta
    path_pattern: indicator-config/*-*.yml
    git: false
  - class: InputYamlMeta
    path_pattern: meta/*-*.yml
  - class: InputSdmxMeta
    meta_suffix: __GLOBAL
translations:
  - class: TranslationInputSdgTranslations
    source: https://github.com/open-sdg/sdg-translations.git
  - class: TranslationInputYaml
    source: translations
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def starter_folder(root: Path, config: str = STARTER_CONFIG) -> Path:
    """A data repository in the layout of today's Open SDG starter template."""
    return write(
        root,
        {
            "config_data.yml": config,
            "data/4-1.csv": "Year,Value\n2020,1\n2021,2\n",
            "data/indicator_1-1-1-a.csv": "Year,Geschlecht,Value\n2020,,5\n2020,weiblich,3\n",
            "data/1-2.csv": "Year,Value\n2019,7\n",
            "indicator-config/4-1.yml": "indicator_name: Zweiteilig\ngraph_type: bar\n",
            "meta/4-1.yml": "graph_type: line\ndata_source: Quelle A\n",
            "indicator-config/1-1-1-a.yml": "indicator_name: global_indicators.1-1-1-a-title\n",
            "meta/1-1-1-a.yml": "data_source: Quelle englisch\n",
            "meta/de/1-1-1-a.yml": "data_source: Quelle deutsch\n",
            "indicator-config/1-2.yml": "indicator_name: Entwurf\npublished: 'false'\n",
            "translations/de/global_indicators.yml": "1-1-1-a-title: Vierteilig\n",
            "translations/de/global_goals.yml": "1-title: Ziel eins\n4-title: Ziel vier\n",
            "translations/en/global_goals.yml": "1-title: Goal one\n",
        },
    )


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in load_dataset(root).problems]


def test_starter_layout_reads_yaml_metadata_merged_in_input_order(tmp_path: Path) -> None:
    dataset = load_dataset(starter_folder(tmp_path))
    assert list(dataset.indicators) == ["1-1-1-a", "4-1"]
    two = dataset.indicators["4-1"].meta
    assert (two.number, two.goal, two.target, two.title) == ("4.1", "4", "4-1", "Zweiteilig")
    assert two.graph_type == "line"  # meta/ comes after indicator-config/ and wins
    four = dataset.indicators["1-1-1-a"].meta
    assert (four.number, four.goal, four.target) == ("1.1.1.a", "1", "1-1")
    assert four.title == "Vierteilig"
    assert four.data_source == "Quelle deutsch"  # the German language folder wins
    assert dataset.goals["4"].title == "Ziel vier"


def test_starter_layout_warns_only_about_global_metadata_from_the_network(
    tmp_path: Path,
) -> None:
    problems = load_dataset(starter_folder(tmp_path)).problems
    assert [(p.severity, p.location and p.location.line) for p in problems] == [("Warnung", 10)]
    assert "InputSdmxMeta" in problems[0].message


def test_key_from_the_network_translations_is_an_error_that_says_so(tmp_path: Path) -> None:
    root = starter_folder(tmp_path)
    write(root, {"meta/4-1.yml": "data_source: global_goals.4-short\n"})
    found = [p for p in load_dataset(root).problems if p.is_error]
    assert len(found) == 1
    assert "Übersetzungsquelle im Netz" in found[0].message
    assert found[0].location is not None and found[0].location.line == 1
    assert found[0].location.path.name == "4-1.yml"


def test_without_config_plain_yaml_metadata_is_read_too(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "data/indicator_7-8.csv": "Year,Value\n2020,1\n",
            "meta/7-8.yml": "indicator_name: Nur YAML\n",
        },
    )
    dataset = load_dataset(tmp_path)
    assert dataset.indicators["7-8"].meta.title == "Nur YAML"
    assert not [p for p in dataset.problems if p.is_error]


def test_unknown_input_class_names_the_line_and_the_closest_class(tmp_path: Path) -> None:
    config = STARTER_CONFIG.replace(
        "class: InputYamlMeta\n    path_pattern: meta",
        ("class: InputYamlMetta\n    path_pattern: meta"),
    )
    found = [p for p in load_dataset(starter_folder(tmp_path, config)).problems if p.is_error]
    assert len(found) == 1
    assert found[0].location is not None and found[0].location.line == 8
    assert "„InputYamlMetta“ kann reportgen nicht lesen" in found[0].message
    assert found[0].hint is not None and "Meinten Sie InputYamlMeta" in found[0].hint


def test_patterns_never_leave_the_data_folder(tmp_path: Path) -> None:
    config = STARTER_CONFIG.replace("data/*-*.csv", "../../etc/*.csv")
    found = [p for p in load_dataset(starter_folder(tmp_path, config)).problems if p.is_error]
    assert any("zeigt aus dem Datenordner heraus" in p.message for p in found)


def test_every_table_needs_metadata_and_every_metadata_a_table(tmp_path: Path) -> None:
    root = starter_folder(tmp_path)
    (root / "indicator-config" / "4-1.yml").unlink()
    (root / "meta" / "4-1.yml").unlink()
    write(root, {"meta/9-9-9.yml": "indicator_name: Ohne Daten\n"})
    errors = [p for p in load_dataset(root).problems if p.is_error]
    assert sorted((p.rule, p.location.path.name) for p in errors if p.location) == [
        ("daten-ohne-metadaten", "4-1.csv"),
        ("metadaten-ohne-daten", "9-9-9.yml"),
    ]


def test_missing_table_hint_names_the_folder_of_the_layout(tmp_path: Path) -> None:
    root = starter_folder(
        tmp_path, STARTER_CONFIG.replace("path_pattern: data/", "path_pattern: csv/")
    )
    (root / "data").rename(root / "csv")
    write(root, {"meta/9-9-9.yml": "indicator_name: Ohne Daten\n"})
    (missing,) = [p for p in load_dataset(root).problems if p.rule == "metadaten-ohne-daten"]
    assert missing.hint == "Erwartet: csv/indicator_9-9-9.csv."


def test_non_statistical_indicator_without_data_is_only_a_warning(tmp_path: Path) -> None:
    root = starter_folder(tmp_path)
    write(root, {"meta/9-9-9.yml": "indicator_name: Text\ndata_non_statistical: true\n"})
    problems = [p for p in load_dataset(root).problems if "9.9.9" in p.message]
    assert [p.severity for p in problems] == ["Warnung"]


def test_project_on_a_starter_layout_builds_with_short_and_long_ids(tmp_path: Path) -> None:
    data = starter_folder(tmp_path / "daten")
    project = tmp_path / "projekt"
    project.mkdir()
    config = (MINI / "reportgen.yml").read_text(encoding="utf-8").split("bekannte_datenfehler")[0]
    (project / "reportgen.yml").write_text(
        config
        + f"daten: {data.as_posix()}\n"
        + "auswahl:\n  - handlungsfeld: 4\n    indikatoren: [4-1]\n"
        + "  - handlungsfeld: 1\n    indikatoren: [1-1-1-a]\n",
        encoding="utf-8",
    )
    write(
        project,
        {
            "texte/indikatoren/4-1.md": '---\nstatus: entwurf\n---\nZuletzt {{ wert("4.1") }}.\n',
            "texte/indikatoren/1-1-1-a.md": '---\nstatus: entwurf\n---\n{{ jahr("1-1-1-a") }}\n',
        },
    )
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(project), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    from docx import Document
    from docx.text.paragraph import Paragraph

    from tests.docxhelpers import inner_content, paragraph_text

    document = Document(str(out / "testbericht.docx"))
    text = "\n".join(paragraph_text(p) for p in inner_content(document) if isinstance(p, Paragraph))
    assert "4.1 Zweiteilig" in text and "1.1.1.a Vierteilig" in text
    assert "Zuletzt 2." in text
