"""The loader never raises anything but a located ProblemError, whatever the bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import yaml

from showcase.load import Document, Loader, SafeLoader, load_markdown, parse_yaml
from showcase.problems import ProblemError

YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?.0123456789đĐ\ufeff\r")), max_size=200)


def _load(data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.md"
        path.write_bytes(data)
        try:
            doc = load_markdown(path, "exemplars/x.md", 10_000)
        except ProblemError as exc:
            assert exc.problem.code.startswith("DH0") and exc.problem.message
            assert exc.problem.line is None or exc.problem.line >= 1
            return None
    assert isinstance(doc, Document) and isinstance(doc.meta, dict)
    return doc


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_front_matter_of_any_shape(text):
    _load(f"---\n{text}\n---\nbody\n".encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes(data):
    _load(data)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_values(text):
    try:
        parse_yaml(text, "units.yml")
    except ProblemError:
        pass


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n"
                                       for i in range(20))
    try:
        parse_yaml(bomb, "units.yml")
    except ProblemError as exc:
        assert exc.problem.code == "DH005"
    else:
        raise AssertionError("alias bomb accepted")


def test_deep_nesting_is_refused_not_crashing():
    try:
        parse_yaml("[" * 100_000, "units.yml")
    except ProblemError as exc:
        assert exc.problem.code == "DH003"
    else:
        raise AssertionError("deep nesting accepted")


SCALARS = st.sampled_from(["", "~", "null", "Null", "true", "yes", "off", "0", "-0", "+12", "0x1F", "0o17", "1_000",
                           "1.5", ".5", "-.inf", ".NaN", "1e3", "2024-04-12", "2024-4-12", "2024-04-12 10:00:00",
                           "2024-04-12T10:00:00Z", "<<", "=", "Nguyễn Văn A", "đ", "12:30", "'1'", '"true"'])


@settings(max_examples=300, deadline=None)
@given(st.lists(SCALARS, min_size=1, max_size=6))
def test_tags_are_resolved_as_pyyaml_resolves_them(values):
    text = "\n".join(f"k{i}: {value}" for i, value in enumerate(values)) + "\nlist: [" + ", ".join(values) + "]\n"

    def tags(loader):
        try:
            root = loader(text).get_single_node()
        except yaml.YAMLError as exc:
            return type(exc)
        return [(key.tag, value.tag, [item.tag for item in value.value] if isinstance(value.value, list) else None)
                for key, value in root.value]

    assert tags(Loader) == tags(SafeLoader)
