"""The flow of a declaration line: export (`X`) or import (`M`), with its names.

One type for the code the warehouse stores, the key figures are filed under (`exports`,
`imports`) and the Persian and English names people read.
"""

from __future__ import annotations

from enum import StrEnum

from taraz.fa import name_key


class Flow(StrEnum):
    EXPORTS = "X"
    IMPORTS = "M"

    @property
    def key(self) -> str:
        """The English key figures and the API file this flow under: `exports`, `imports`."""
        return _NAMES[self][0]

    @property
    def name_fa(self) -> str:
        return _NAMES[self][1]

    @property
    def name_en(self) -> str:
        return _NAMES[self][2]

    def label(self, lang: str) -> str:
        """The flow's name in `lang` ("fa" or "en")."""
        return self.name_fa if lang == "fa" else self.name_en

    def in_lang(self, lang: str) -> str:
        """The name a catalogue message shows in `lang`."""
        return self.label(lang)

    @classmethod
    def find(cls, text: str | None) -> Flow | None:
        """The flow named by its code, key or name (`X`, `exports`, `export`, `صادرات`), any case."""
        if text is None:
            return None
        return _WORDS.get(name_key(text))


_NAMES = {
    Flow.EXPORTS: ("exports", "صادرات", "Exports"),
    Flow.IMPORTS: ("imports", "واردات", "Imports"),
}
_WORDS = {
    name_key(word): flow
    for flow, (key, fa, _en) in _NAMES.items()
    for word in (flow.value, key, key[:-1], fa)
}
