"""One message, normalised once and parsed once, shared by every rule.

The parser is a blank spaCy English pipeline (tokenizer + Matcher, no model
download). Age, transplant and the carer check all read the same ``Parsed``,
so a message costs one normalisation and one spaCy parse however many
questions are asked of it.
"""
from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Dict, List, Pattern, Tuple

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from bot.profile.context import Context
from bot.profile.normalise import normalise
from bot.profile.loader import profile_data

FOR_SOMEONE_ELSE = frozenset({"THIRD", "RELATIVE_AGE"})


@lru_cache(maxsize=1)
def nlp() -> Language:
    return spacy.blank("en")


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    matcher = Matcher(nlp().vocab)
    for label, patterns in profile_data().spacy_patterns().items():
        matcher.add(label, patterns)
    return matcher


class Parsed:
    """A message with its normal form, its tokens and what the Matcher found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalise(text)
        self.doc: Doc = nlp()(self.norm)
        self.tokens: List[str] = [t.lower_ for t in self.doc]

    @cached_property
    def context(self) -> Context:
        return Context(self.tokens)

    @cached_property
    def _matches(self) -> List[Tuple[str, int, int]]:
        """(label, start, end), leftmost and longest first."""
        strings = nlp().vocab.strings
        found = sorted(_matcher()(self.doc), key=lambda m: (m[1], -m[2]))
        return [(strings[match_id], start, end) for match_id, start, end in found]

    def spans(self, *, others: bool = False) -> Dict[str, List[Span]]:
        """Matched spans by label; those about someone else (and "he is 70")
        only when ``others``."""
        found: Dict[str, List[Span]] = {}
        someone_else = self.context.others_before
        for label, start, end in self._matches:
            if others or (label not in FOR_SOMEONE_ELSE and not someone_else[start]):
                found.setdefault(label, []).append(self.doc[start:end])
        return found

    def tokens_without(self, pattern: Pattern[str]) -> List[str]:
        """The tokens as if ``pattern``'s matches had been blanked out of the
        text: each blanked run leaves one " " in its place, as the parser
        would leave a space token. Only a match that cuts a word in two needs
        the text parsed again (it never happens in normalised patients' words)."""
        cuts = [m.span() for m in pattern.finditer(self.norm)]
        if not cuts:
            return self.tokens
        text = self.norm
        if any((s > 0 and not text[s - 1].isspace()) or (e < len(text) and not text[e].isspace())
               for s, e in cuts):
            return [t.lower_ for t in nlp()(pattern.sub(" ", text))]
        out: List[str] = []
        for token in self.doc:
            cut = next((c for c in cuts if c[0] <= token.idx < c[1]), None)
            if cut is None:
                out.append(token.lower_)
            elif token.idx == cut[0]:
                out.append(" ")
        return out
