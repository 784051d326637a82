from hzconsole.books.search import SEP, initials, matches, normalise_query


def test_initials_of_names_with_heteronyms():
    assert initials("张三柱") == "zsz"
    readings = initials("曾长").split(SEP)
    assert readings[0] in ("zc", "zz", "cc", "cz") and {"zc", "cz"} <= set(readings)
    assert initials("QS-001号").split(SEP)[0] == "h"
    assert initials("abc") == ""


def test_query_is_normalised_and_split():
    assert normalise_query(" ＺＳＺ  張三 ") == ["zsz", "张三"]
    # A row's key as the lists build it: its values, then the initials of names.
    key = SEP.join(["张三柱", "2024-11-18", initials("张三柱")])
    assert matches(key, normalise_query("zsz 11-18"))
    assert not matches(key, normalise_query("zsz 2023"))
    # a query never matches across two values
    assert not matches(SEP.join(["青石", "河"]), ["石河"])
