"""Pseudonyms (keyed hashes of child ids) and the pseudonym key."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pace_qi.errors import UserFacingError
from pace_qi.pseudonyms import (
    KEY_ENVIRONMENT_VARIABLE,
    PSEUDONYM_PATTERN,
    PseudonymCollisionError,
    load_or_create_key,
    pseudonymise,
    pseudonymise_frame,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def test_pseudonym_is_the_hmac_sha256_of_the_id() -> None:
    expected = "C-" + hmac.new(KEY, b"MOR-0001", hashlib.sha256).hexdigest()[:8].upper()
    assert pseudonymise(pd.Series(["MOR-0001"]), KEY).tolist() == [expected]


def test_pseudonyms_are_stable_for_a_key_and_differ_for_another() -> None:
    ids = pd.Series(["MOR-0001", "MOR-0002", "MOR-0001"], name="child_id")
    first = pseudonymise(ids, KEY)
    assert first.tolist() == pseudonymise(ids, KEY).tolist()
    assert first[0] == first[2] != first[1]
    assert first.name == "child_id"
    other = pseudonymise(ids, OTHER_KEY)
    assert not set(first) & set(other)


def test_missing_ids_stay_missing_and_numbers_hash_as_text() -> None:
    ids = pd.Series(["123", None, "456"])
    result = pseudonymise(ids, KEY)
    assert result.isna().tolist() == [False, True, False]
    assert result[0] == pseudonymise(pd.Series([123]), KEY)[0]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.from_regex(r"MOR-[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=30))
def test_pseudonyms_never_show_the_id(ids: list[str]) -> None:
    result = pseudonymise(pd.Series(ids), KEY)
    assert result.str.fullmatch(PSEUDONYM_PATTERN.pattern).all()
    for child_id, pseudonym in zip(ids, result, strict=True):
        assert child_id not in pseudonym
    assert result.nunique() == len(set(ids))


def test_a_collision_is_refused() -> None:
    # One hex digit has 16 values: 17 different ids must share one.
    ids = pd.Series([f"MOR-{k:04d}" for k in range(17)])
    with pytest.raises(PseudonymCollisionError, match="longer"):
        pseudonymise(ids, KEY, length=1)


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        pseudonymise(pd.Series(["MOR-0001"]), b"short")


def test_frame_shows_the_pseudonym_instead_of_the_ids() -> None:
    frame = pd.DataFrame(
        {
            "child_id": ["MOR-1", "MOR-2"],
            "episode_id": ["MOR-1_2023-01-05", "MOR-2_2023-02-01"],
            "team": ["North", "South"],
        }
    )
    result = pseudonymise_frame(frame, KEY)
    assert result.columns.tolist() == ["pseudonym", "episode_id", "team"]
    assert result["pseudonym"].tolist() == pseudonymise(frame["child_id"], KEY).tolist()
    assert result["episode_id"].str.startswith("E-").all()
    assert not result.astype("str").apply(lambda col: col.str.contains("MOR-")).any().any()


@pytest.fixture
def no_key_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENVIRONMENT_VARIABLE, raising=False)


@pytest.mark.usefixtures("no_key_variable")
def test_key_file_is_created_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    key = load_or_create_key()
    key_file = tmp_path / ".pace_qi_key"
    assert len(key) == 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == key.hex()
    assert load_or_create_key() == key
    assert load_or_create_key(tmp_path / "other.key") != key


@pytest.mark.usefixtures("no_key_variable")
def test_a_readable_key_file_warns_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    key_file = tmp_path / "shared.key"
    key_file.write_text(OTHER_KEY.hex())
    os.chmod(key_file, 0o644)
    with pytest.warns(UserWarning, match="chmod 600"):
        assert load_or_create_key(key_file) == OTHER_KEY
    key_file.write_text("not a key")
    os.chmod(key_file, 0o600)
    with pytest.raises(UserFacingError, match="does not hold a key"):
        load_or_create_key(key_file)


def test_environment_variable_wins_as_hex_or_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, OTHER_KEY.hex())
    assert load_or_create_key(tmp_path / "unused.key") == OTHER_KEY
    assert not (tmp_path / "unused.key").exists()
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "a long enough passphrase")
    assert load_or_create_key() == b"a long enough passphrase"
    monkeypatch.setenv(KEY_ENVIRONMENT_VARIABLE, "short")
    with pytest.raises(UserFacingError, match="too short"):
        load_or_create_key()
