"""Which district a person means with ``--region``: code, key, name, display name, an ASCII
spelling or the file stem of the sheet. A name several districts share is reported with the
candidates, never guessed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from reportgen.compose.districts import District
from reportgen.errors import ConfigError, count, did_you_mean

GENERIC_WORDS = frozenset({"stadt", "landkreis", "kreis", "region", "kreisfreie", "lk"})
"""Words that alone name no district ("Stadt" is in every kreisfreie Stadt's name)."""
SHOWN = 8
"""At most this many candidates in the message about an ambiguous entry."""
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_FILE_SUFFIX = re.compile(r"\.(pdf|docx)$", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def spellings(text: str) -> set[str]:
    """The forms a name is compared in: case-insensitive, its words joined by one space (no
    punctuation, so ``K03355_Lueneburg`` and ``Emden, Stadt`` compare by their words), umlauts
    both as ``ue`` and as plain ``u``."""
    folded = unicodedata.normalize("NFC", text).casefold()
    forms = set()
    for form in (folded.translate(_UMLAUTS), folded):
        plain = unicodedata.normalize("NFKD", form).encode("ascii", "ignore").decode("ascii")
        forms.add(" ".join(re.findall(r"[a-z0-9]+", plain)))
    return forms - {""}


def _identifiers(district: District) -> tuple[str, ...]:
    """What names exactly one district by construction."""
    key = district.key
    return (district.code, key, f"RH{key}", f"MZ{key}", district.file_stem, district.display)


def _names(district: District) -> set[str]:
    """The data's name and its short forms, which several districts may share: "Osnabrück"
    is the Landkreis and the short form of "Osnabrück, Stadt"."""
    base = district.name.removesuffix(", Stadt").removeprefix("Region ")
    return {
        district.name,
        base,
        _BRACKETS.sub("", base),
        _BRACKETS.sub("", district.display),
    }


def _index(pairs: Iterable[tuple[str, District]]) -> dict[str, set[District]]:
    index: dict[str, set[District]] = {}
    for alias, district in pairs:
        for form in spellings(alias):
            index.setdefault(form, set()).add(district)
    return index


class DistrictChoice:
    """Finds the district an entry of ``--region`` means, or says why it cannot."""

    def __init__(self, districts: Sequence[District]) -> None:
        self.districts = tuple(districts)
        self._exact = _index((a, d) for d in self.districts for a in _identifiers(d))
        self._short = _index((a, d) for d in self.districts for a in _names(d))
        self._words = {
            d: [form.split() for alias in (d.name, d.display) for form in spellings(alias)]
            for d in self.districts
        }

    def find(self, entry: str) -> District:
        forms = spellings(_FILE_SUFFIX.sub("", entry.strip()))
        if not forms:
            raise ConfigError(
                "Bei --region fehlt der Kreis (leere Angabe).", hint=self._how_to_name()
            )
        for found in (
            self._lookup(self._exact, forms),
            self._lookup(self._short, forms),
            self._by_words(forms),
        ):
            if len(found) == 1:
                return next(iter(found))
            if found:
                raise self._ambiguous(entry, found)
        raise ConfigError(
            f"Unbekannter Kreis „{entry}“.",
            hint=did_you_mean(
                entry.strip(),
                [text for d in self.districts for text in (d.code, d.name, d.display)],
            )
            or self._how_to_name(),
        )

    @staticmethod
    def _lookup(index: dict[str, set[District]], forms: set[str]) -> set[District]:
        return {district for form in forms for district in index.get(form, ())}

    def _by_words(self, forms: set[str]) -> set[District]:
        """Districts with the entry as a word (or run of words) of their name: "Wümme"."""
        found: set[District] = set()
        for form in forms:
            wanted = form.split()
            if all(word in GENERIC_WORDS for word in wanted):
                continue
            for district, word_lists in self._words.items():
                if any(_contains(words, wanted) for words in word_lists):
                    found.add(district)
        return found

    def _ambiguous(self, entry: str, found: set[District]) -> ConfigError:
        ordered = sorted(found, key=lambda d: d.code)
        named = ", ".join(f"{d.code} {d.display}" for d in ordered[:SHOWN])
        if len(ordered) > SHOWN:
            named += f" und {len(ordered) - SHOWN} weitere"
        return ConfigError(
            f"„{entry}“ passt auf {count(len(ordered), 'Kreis', 'Kreise')}.",
            hint=f"Meinten Sie: {named}? Geben Sie den Code oder den vollen Namen an.",
        )

    def _how_to_name(self) -> str:
        if not self.districts:
            return "Die Daten enthalten keine Kreise."
        first, last = self.districts[0], self.districts[-1]
        span = f"{first.code} {first.display}"
        if last is not first:
            span += f" bis {last.code} {last.display}"
        return (
            f"Die Daten haben {count(len(self.districts), 'Kreis', 'Kreise')} ({span}); "
            f"geben Sie den Code oder den Namen an, z. B. {first.code} oder „{first.display}“."
        )


def _contains(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))
