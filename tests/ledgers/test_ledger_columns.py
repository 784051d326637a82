"""The clerk-editable column definitions: they load, use the books' own labels, and a broken
file gives a Chinese message that names the file and the column."""

from __future__ import annotations

import pytest

from hzconsole.books import models as m
from hzconsole.ledgers import build
from hzconsole.ledgers.columns import SPEC_KINDS, LedgerSpecError, _parse, load_columns
from hzconsole.ledgers.queries import SOURCES
from hzconsole.text import ascii_forms

MODELS = {
    "rivers": (m.River,),
    "segments": (m.Segment,),
    "chiefs": (m.Person, m.Appointment),
    "appointments": (m.Person, m.Appointment),
    "signboards": (m.Signboard,),
    "patrols": (m.Patrol,),
    "problems": (m.Problem,),
    "tasks": (m.Task,),
}


def _model_title(models, source: str) -> str | None:
    for model in models:
        if source in model.model_fields:
            return model.label(source)
        if source.endswith("_name") and source[:-5] + "_id" in model.model_fields:
            return model.label(source[:-5] + "_id")
        if source == "person_name" and model is m.Person:
            return model.label("name")
    return None


@pytest.mark.parametrize("kind", SPEC_KINDS)
def test_every_definition_loads_with_known_sources(kind: str) -> None:
    spec = build.spec_for(kind)
    assert spec.columns[0].header == "序号"
    assert len(set(spec.headers)) == len(spec.headers)
    assert {c.source for c in spec.columns} <= set(SOURCES[kind])
    assert load_columns(f"template-{kind}").headers == spec.headers


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_headers_are_the_books_field_titles(kind: str) -> None:
    # Imports match columns by header: a book field's column must carry the model's title
    # (in either form of bracket: the sheet prints （）, imports read both).
    for column in load_columns(kind).columns:
        title = _model_title(MODELS[kind], column.source)
        if title is not None:
            assert ascii_forms(column.header) == ascii_forms(title), (kind, column.source)


def test_templates_leave_out_computed_columns() -> None:
    spec = load_columns("problems").for_template()
    assert "是否超期" not in spec.headers and "超期天数" not in spec.headers
    assert "问题描述" in spec.headers
    choices = {c.header: c.choices for c in spec.columns if c.choices}
    assert choices["状态"] == ("待交办", "已交办", "整改中", "已整改", "已销号")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"columns": []}, "没有定义任何列"),
        ({"columns": [{"header": "序号"}]}, "缺少数据字段"),
        ({"columns": [{"header": "A", "source": "a", "type": "money"}]}, "type"),
        ({"columns": [{"header": "A", "source": "a", "width": 500}]}, "列宽"),
        ({"columns": [{"header": "A", "source": "a", "choices": "COLOURS"}]}, "下拉选项"),
        ({"columns": [{"header": "A", "source": "a"}, {"header": "A", "source": "b"}]}, "表头重名"),
        ({"orientation": "sideways", "columns": [{"header": "A", "source": "a"}]}, "orientation"),
    ],
)
def test_bad_definition_says_what_is_wrong(data: dict, words: str) -> None:
    with pytest.raises(LedgerSpecError) as err:
        _parse("rivers", "rivers.toml", data)
    assert "rivers.toml" in err.value.message and words in err.value.message


def test_unknown_kind_and_title_placeholder() -> None:
    with pytest.raises(LedgerSpecError, match="没有名为"):
        load_columns("boats")
    spec = _parse("rivers", "rivers.toml", {"title": "{ofice}河湖名录", "columns": [{"header": "A", "source": "a"}]})
    with pytest.raises(LedgerSpecError, match="ofice"):
        build.render_title(spec, office="樟树镇")
