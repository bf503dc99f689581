"""Pseudonyms for internal reports: a child is shown as e.g. `C-7F3A9B2C`, never by `child_id`.

A pseudonym is a keyed hash (HMAC-SHA256) of the child's id: the same child gets the same
pseudonym in every report made with the same key, so the QI team can follow a child from month to
month, but without the key nobody can turn a pseudonym back into an id, or check a guessed id
against it (which a plain hash would allow, because ids are short and guessable).

The key comes from the environment variable `PACE_QI_PSEUDONYM_KEY` when it is set, otherwise
from a local key file (`.pace_qi_key` in the working folder, git-ignored), created with 32 random
bytes and owner-only permissions on first use. Keep the key: a new key gives every child a new
pseudonym (nothing is lost, but last month's lists no longer match this month's).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import warnings
from pathlib import Path

import pandas as pd

from pace_qi.columns import CHILD_ID, EPISODE_ID
from pace_qi.errors import UserFacingError

KEY_ENVIRONMENT_VARIABLE = "PACE_QI_PSEUDONYM_KEY"
DEFAULT_KEY_FILE = ".pace_qi_key"
#: Keys shorter than this are refused: a short key could be found by trying them all.
MIN_KEY_BYTES = 16
#: The column that holds a child's pseudonym in an internal table.
PSEUDONYM = "pseudonym"
#: What a child pseudonym looks like with the default prefix and length.
PSEUDONYM_PATTERN = re.compile(r"^C-[0-9A-F]{8}$")


class PseudonymCollisionError(ValueError):
    """Two different ids got the same pseudonym: use a longer pseudonym."""


def pseudonymise(ids: pd.Series, key: bytes, prefix: str = "C-", length: int = 8) -> pd.Series:
    """Replace each id by `prefix` + the first `length` hex digits of HMAC-SHA256(key, id).

    Ids are hashed as text (UTF-8), so 123 and "123" get the same pseudonym; missing ids stay
    missing. Each distinct id is hashed once. With 8 hex digits two of a thousand children share
    a pseudonym about once in ten thousand runs; that is checked every time and raises
    `PseudonymCollisionError` rather than silently merging two children.
    """
    if not 1 <= length <= 64:
        raise ValueError("length must be from 1 to 64 hex digits")
    _check_key(key)
    distinct = pd.unique(ids.dropna().astype("str"))
    pseudonyms = pd.Series(
        [prefix + _digest(key, value)[:length] for value in distinct], index=distinct, dtype="str"
    )
    if pseudonyms.duplicated().any():
        raise PseudonymCollisionError(
            f"{int(pseudonyms.duplicated().sum())} pseudonym(s) are shared by different ids; "
            f"use a longer pseudonym (length > {length})"
        )
    text = ids.astype("str").where(ids.notna())
    return text.map(pseudonyms).astype("str").rename(ids.name)


def pseudonymise_frame(
    frame: pd.DataFrame, key: bytes, id_column: str = CHILD_ID, into: str = PSEUDONYM
) -> pd.DataFrame:
    """A copy of `frame` with the child id replaced by its pseudonym (as the first column).

    `episode_id` is replaced too (as `E-…`), because by default it is built from the child id.
    """
    pseudonym = pseudonymise(frame[id_column], key)
    result = frame.drop(columns=[id_column])
    if EPISODE_ID in result.columns:
        result[EPISODE_ID] = pseudonymise(result[EPISODE_ID], key, prefix="E-")
    result.insert(0, into, pseudonym)
    return result


def load_or_create_key(path: str | os.PathLike[str] | None = None) -> bytes:
    """The pseudonym key: from `PACE_QI_PSEUDONYM_KEY`, else the key file, else a new key file.

    The environment variable may hold hex (e.g. the contents of a key file) or any text of at
    least 16 characters. The key file holds 64 hex digits (32 random bytes); a new one is
    created so that only its owner can read it (mode 0600).
    """
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return _key_from_text(
            from_environment, f"the environment variable {KEY_ENVIRONMENT_VARIABLE}"
        )
    key_file = Path(path) if path is not None else Path.cwd() / DEFAULT_KEY_FILE
    try:
        return _create_key_file(key_file)
    except FileExistsError:
        return _read_key_file(key_file)
    except OSError as error:
        raise UserFacingError(
            f"Cannot create the pseudonym key file {key_file}: {error}. Run from a folder you "
            f"can write to, or set {KEY_ENVIRONMENT_VARIABLE}."
        ) from error


def _create_key_file(key_file: Path) -> bytes:
    """Write 32 random bytes as hex to a file that did not exist, readable by its owner only."""
    key = secrets.token_bytes(32)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    os.chmod(key_file, 0o600)
    return key


def _read_key_file(key_file: Path) -> bytes:
    """Read a key file, warning when other people could read it."""
    try:
        text = key_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(
            f"Cannot read the pseudonym key file {key_file}: {error}. Restore it from your "
            f"backup, or set {KEY_ENVIRONMENT_VARIABLE}."
        ) from error
    if key_file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        warnings.warn(
            f"The pseudonym key file {key_file} can be read by other users; "
            f"run: chmod 600 {key_file}",
            stacklevel=3,
        )
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < MIN_KEY_BYTES:
        raise UserFacingError(
            f"The pseudonym key file {key_file} does not hold a key (at least {MIN_KEY_BYTES} "
            "bytes written as hex). Restore it from your backup; deleting it makes a new key, "
            "which gives every child a new pseudonym."
        )
    return key


def _key_from_text(text: str, source: str) -> bytes:
    """Hex when the text is hex of an even length, otherwise the text itself (UTF-8)."""
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = text.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise UserFacingError(
            f"The pseudonym key in {source} is too short: use at least {MIN_KEY_BYTES} bytes "
            '(e.g. 64 hex digits from: python -c "import secrets; print(secrets.token_hex(32))").'
        )
    return key


def _check_key(key: bytes) -> None:
    """Refuse a key that is not bytes or too short to keep pseudonyms from being reversed."""
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        raise ValueError(f"the pseudonym key must be at least {MIN_KEY_BYTES} bytes")


def _digest(key: bytes, value: str) -> str:
    """Upper-case hex HMAC-SHA256 of the id's text under the key."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest().upper()
