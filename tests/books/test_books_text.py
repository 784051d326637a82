"""Normalising what the clerk types: dates, numbers, phones, Traditional characters."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hzconsole.text import (
    ascii_forms,
    clean_name,
    clean_text,
    cn_date,
    cn_number,
    halfwidth,
    normalize_phone,
    parse_date,
    parse_number,
    to_simplified,
)

JUNE_17 = date(2024, 6, 17)


@pytest.mark.parametrize(
    "typed",
    [
        "2024-06-17",
        "2024-6-17",
        "2024.6.17",
        "2024.06.17.",
        "2024/6/17",
        "20240617",
        "2024年6月17日",
        "2024年6月17号",
        "2024 年 6 月 17 日",
        "２０２４年６月１７日",
        "２０２４．６．１７",
        "２０２４－０６－１７",
        "２０２４／６／１７",
        "2024。6。17",
        "二〇二四年六月十七日",
        "二零二四年六月十七日",
        "二〇二四年六月十七号",
        "2024-06-17T08:30:00",
        "2024/6/17 0:00:00",
        "2024-06-17 08:30",
        JUNE_17,
        datetime(2024, 6, 17, 0, 0),
    ],
)
def test_dates_in_every_form(typed: object) -> None:
    result = parse_date(typed)
    assert result == JUNE_17 and type(result) is date


@pytest.mark.parametrize("typed", ["6月17日", "六月十七日", "6.17", "6/17", "６月１７日"])
def test_month_and_day_with_a_default_year(typed: str) -> None:
    assert parse_date(typed, default_year=2024) == JUNE_17
    with pytest.raises(ValueError, match="不是有效的日期"):
        parse_date(typed)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("2024-02-30", "不存在"),
        ("2023年2月29日", "不存在"),
        ("2024-13-01", "不存在"),
        ("1980-01-01", "年份不合理"),
        ("明天", "不是有效的日期"),
        ("2024年6月", "不是有效的日期"),
        ("", "不是有效的日期"),
        ("17/06/2024", "不是有效的日期"),
    ],
)
def test_impossible_dates_are_refused_in_chinese(typed: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_date(typed)


def test_leap_day_and_cn_date() -> None:
    assert parse_date("2024年2月29日") == date(2024, 2, 29)
    assert cn_date(date(2024, 6, 7)) == "2024年6月7日"  # no zero padding


@pytest.mark.parametrize(
    "text, number",
    [
        ("十七", 17),
        ("十", 10),
        ("二十", 20),
        ("三十一", 31),
        ("一百零五", 105),
        ("两千零二十四", 2024),
        ("二〇二四", 2024),
        ("〇", 0),
        ("17", 17),
        ("１７", 17),
        ("abc", None),
        ("十七日", None),
    ],
)
def test_cn_number(text: str, number: int | None) -> None:
    assert cn_number(text) == number


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0795-7261234", "0795-7261234"),
        ("07957261234", "0795-7261234"),
        ("0795 7261234", "0795-7261234"),
        ("(0795)7261234", "0795-7261234"),
        ("（０７９５）７２６１２３４", "0795-7261234"),
        ("０７９５－７２６１２３４", "0795-7261234"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("02112345678", "021-12345678"),
        ("0795-7261234-801", "0795-7261234-801"),
    ],
)
def test_phone_numbers_mobile_and_landline(typed: str, expected: str) -> None:
    assert normalize_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "7261234",
        "1381234567",
        "138123456789",
        "12345678901",
        "23812345678",
        "abc",
        "12314",
        "110",
    ],
)
def test_invalid_phone_numbers(typed: str) -> None:
    with pytest.raises(ValueError, match="不是有效的电话号码"):
        normalize_phone(typed)


def test_service_numbers_only_where_allowed() -> None:
    assert normalize_phone("12314", allow_service=True) == "12314"
    assert normalize_phone("１２３４５", allow_service=True) == "12345"


@pytest.mark.parametrize(
    "typed, what, expected",
    [
        ("12.5", "长度", 12.5),
        ("12.5公里", "长度", 12.5),
        ("１２．５ｋｍ", "长度", 12.5),
        ("300米", "长度", 0.3),
        ("1500m", "长度", 1.5),
        ("186平方公里", "面积", 186.0),
        ("50 km²", "面积", 50.0),
        ("五十", "面积", 50.0),
        ("3,200", "面积", 3200.0),
        ("35公顷", "面积", 0.35),
        ("45分钟", "分钟数", 45.0),
        ("1.5小时", "分钟数", 90.0),
        (7, "长度", 7.0),
        (0, "面积", 0.0),
    ],
)
def test_quantities_with_units(typed: object, what: str, expected: float) -> None:
    assert parse_number(typed, what=what) == pytest.approx(expected)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("-1", "不能是负数"),
        ("abc", "不是有效的面积"),
        ("nan", "不是有效的面积"),
        ("inf", "不是有效的面积"),
        ("平方公里", "不是有效的面积"),
        (True, "不是有效的面积"),
    ],
)
def test_bad_quantities(typed: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_number(typed, what="面积")


def test_traditional_and_fullwidth() -> None:
    assert to_simplified("河長制辦公室") == "河长制办公室"
    assert clean_text("  灘頭村 ２號  ") == "滩头村 2号"
    assert clean_text("   ") is None and clean_text(None) is None
    assert halfwidth("２０２４（一）") == "2024（一）"  # punctuation stays in prose
    assert ascii_forms("（０７９５）") == "(0795)"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("張三柱", "张三柱"),
        ("於海", "於海"),
        ("於海濤", "於海涛"),
        ("乾隆", "乾隆"),
        ("甯靜", "甯静"),
        ("鍾國強", "钟国强"),
        ("歐陽 修", "欧阳修"),
        ("张 三", "张三"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("Ｌｉ Ｌｅｉ", "Li Lei"),
        ("  王五 ", "王五"),
    ],
)
def test_names(typed: str, expected: str) -> None:
    assert clean_name(typed) == expected
