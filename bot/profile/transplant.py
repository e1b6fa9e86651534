"""Reading the patient's stem cell transplant history from a parsed message.

First some gates decide whether the message reports the patient's own
history at all (not someone else's, not a question, not a supposition);
then an ordered table of named rules, most specific first, gives the
answer. A wrong HAD shows the transplant group's figures, so anything
unclear falls through to None (unanswered) or NOT_SURE rather than HAD.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Optional, Tuple

from bot.profile.context import clauses, negated, negator, not_just_after_negator, supposes
from bot.profile.loader import words
from bot.profile.model import Transplant
from bot.profile.parsed import Parsed
from bot.profile.questions import clause_question, message_question, split_at_questions
from bot.sentences import sentences as split_sentences

# Transplants of an organ or tissue, not of blood stem cells: never this trial's question.
_OTHER_GRAFT = re.compile(
    r"\b(?:kidney|renal|liver|heart|lung|cornea|corneal|organ|pancreas|skin|hair|bowel|"
    r"face|hand|dental|fat)s? transplant\w*"
)
_MENTION = re.compile(
    r"\b(transplant\w*|asct|autograft|auto graft|stem cell rescue|"
    r"stem cells? (?:were |was |are |is |will be )?(?:being )?(?:harvested|collected|taken)|"
    r"stem cells? (?:harvest|collection)|"
    r"(?:harvested|collected) my stem cells?|high dose (?:chemo|melphalan)\w*)"
)
_GIVEN_BACK = re.compile(
    r"(?:cells?.{0,40}(?:harvested|collected|taken out|removed)|"
    r"(?:harvested|collected|took out|removed) (?:my |the )?(?:stem )?cells?).{0,40}"
    r"(?:given back|gave (?:them |it )?back|put (?:them |it )?back|returned|back in|"
    r"reinfused|re infused)|"
    # "high dose melphalan, then my own cells given back": an own-cell transplant told
    r"\b(?:my|his|her|their) own (?:stem )?cells? (?:were |was )?(?:given|put) "
    r"(?:me |him |her )?back|"
    r"\bgave (?:me|him|her) (?:back )?(?:my|his|her) (?:own )?stem cells\b"
)
# "collected but not given back": stored for a transplant still to come.
_NOT_GIVEN_BACK = re.compile(
    rf"(?:{negator()}|\byet to be)(?: yet)?(?: been)? (?:given|put) (?:them |it )?back\b|"
    # "i dont think they gave them back yet", "haven't had them back"
    rf"{negator()} (?:think |know if |believe )?(?:they |he |she )?(?:gave|have given|put|"
    r"had) (?:them |it |my cells |the cells )?back\b"
)
# A harvest on its own: the transplant may or may not have followed.
_HARVEST = re.compile(r"\b(harvest\w*|collect\w*|stem cells? (?:were |was )?taken)\b")
_TRANSPLANT_WORD = re.compile(r"\b(transplant\w*|asct|autograft|auto graft|rescue|high dose)\b")
# "we don't know what to do" is about the decision, not the transplant history.
_ABOUT_THE_DECISION = (r"(?! (?:what to do|what is best|what's best|which (?:way|to)|whether to|"
                       r"what to (?:think|make of|say|expect|feel)|how to feel|how i feel|"
                       r"if (?:i|we|he|she|they) should|about (?:the )?(?:maintenance|len\w*|"
                       r"revlimid|it)))")
_NOT_SURE = re.compile(
    rf"\b((?:not sure|unsure|don't know|do not know|dunno|no idea){_ABOUT_THE_DECISION}|"
    r"can't remember|"
    r"cannot remember|don't remember|not certain|"
    # not the "forgot" of an apology: "sorry I forgot it was that long ago", "forgot to say"
    r"forgot(?! (?:it was|that it was|that|to|about|when|what year|how long))|"
    r"(?:rather|prefer) not (?:to )?say|"
    r"don't understand|what(?: is|'s) (?:a |an )?(?:\w+ ){0,3}(?:transplant|asct)|maybe|"
    r"possibly|i think so|i believe so|don't think|do not think|not that i (?:know|remember)|"
    r"i doubt)\b"
)
# Myeloma XI was about people's own cells; a donor (allogeneic) transplant is another thing.
_ALLO = re.compile(r"\b(allo(?:geneic|genic|graft)?|donor|donated)\b")
_AUTO = re.compile(r"\b(auto\w*|own (?:stem )?cells?)\b")
# "transplant: no" in a form-style message.
_LABELLED = re.compile(r"\b(?:transplant|asct)\s*[:=]\s*(yes|y|no|n|none|nil|never)\b")
_CANCELLED_WORDS = r"cancelled|canceled|called off|(?:didn't|did not|never) happen(?:ed)?"
_CANCELLED = re.compile(rf"\b({_CANCELLED_WORDS}|fell through)\b")
_REBOOKED = re.compile(r"\b(rescheduled|rebooked|re booked|new date)\b")
_PLANNED = re.compile(
    r"\b(planned|planning|plan to|plan is|going to have|gonna have|due to have|due one|"
    r"slated|(?:to|will|going to) undergo|lined up|preparing for|getting ready for|"
    r"due a|waiting for|waiting on|on the waiting list|on the list|booked|scheduled|"
    r"will have|will be having|about to have|postponed|delayed|rescheduled|"
    r"having (?:one|it|my transplant|a transplant) "
    r"(?:soon|next|tomorrow)|"
    # "having her transplant in 2 weeks", "in a few weeks time"
    r"(?:having|have|has|get|getting) (?:my|his|her|the|a) (?:stem cell )?transplant "
    r"(?:in|on) (?:\d+|a|two|three|four|six|a few|a couple of) (?:days?|weeks?|months?)|"
    r"in (?:\d+|a|two|three|four|six|a few|a couple of) (?:days?|weeks?|months?) time|"
    r"getting (?:one|it) soon|coming up|next month|next week|soon|"
    r"tomorrow|next year)\b"
)
# Plan words count in a clause that names a transplant: "never had a transplant, my
# haematologist wants to start me on lenalidomide next month" plans the drug, not one.
# Just asked, a clause without one counts too, unless it names another treatment.
_ANOTHER_TREATMENT = re.compile(
    r"\b(lenalidomide|revlimid|len|maintenance|tablets?|capsules?|pills?|chemo\w*|treatment|"
    r"drugs?|medication|medicine|therapy|radiotherapy|dara\w*|velcade|bortezomib)\b")
# Unfit words (_UNFIT below) are checked beside this, not repeated in it.
_COULD_NOT = re.compile(
    r"\b(not fit|not well enough|not eligible|not suitable|not a candidate|not a good candidate|"
    r"couldn't have|could not have|can't have|cannot have|could not get|couldn't get|"
    r"wasn't offered|was not offered|not offered|never offered|"
    r"wasn't possible|not possible|not an option|"
    r"(?:wasn't|isn't) an option|(?:didn't|did not|never) offer|" + _CANCELLED_WORDS + r"|"
    # "they said no"; "I said no", "someone who said no to transplant" is a choice
    r"(?<!\bi )(?<!\bwe )(?<!who )said no|advised against|wasn't allowed|not allowed|not for me|"
    r"(?:wasn't|was not|isn't|is not) (?:right |suitable )?for (?:me|him|her|them)|"
    r"(?:they|doctors?|consultants?|team|haematologists?) (?:\w+ ){0,2}decided against|"
    r"(?:wasn't|was not|isn't|is not|weren't|not) able to (?:have|get)|unable to (?:have|get)|"
    r"(?:isn't|is not|wasn't|was not|aren't|weren't|not) up to (?:it|one|a transplant|"
    r"the transplant)|"
    # "no transplant because of his age", "had no transplant as he was too old": a
    # reason given for none is the team's, not a choice
    r"(?:no|not|never|didn't|did not|wasn't|was not)\b[^.]{0,40}\b(?:because of|due to|owing to|"
    r"cos of|coz of|cuz of|cause of) "
    r"(?:my|his|her|their) (?:age|heart|kidneys?|lungs?|health|frailty|other health "
    r"problems?)|"
    r"(?:no|not|never|didn't|did not|wasn't|was not)\b[^.]{0,40}\b(?:as|because|since) "
    r"(?:i|he|she|they) (?:was|were|is|am|'m|'s) (?:too old|too frail|too ill|too unwell|"
    r"not fit|not well))\b"
)
# "i did have the transplant, it was the second one they said no to": a second
# transplant refused is a first one had.
_SECOND_REFUSED = re.compile(
    r"\b(second|2nd|another|a further) (one|transplant|sct|stem cell transplant)\b.{0,40}"
    r"\b(said no|say no|couldn't|could not|can't|cannot|not allowed|refused|turned down|wouldn't|"
    r"won't|not (fit|well|strong) enough)|"
    r"\b(said no|refused|couldn't have|could not have|can't have|turned down) (to )?(a |the )?"
    r"(second|2nd|another|further) (one|transplant)\b|"
    # "had a transplant in 2019 and didn't want to go through all that again"
    r"\b(had|have had|'ve had) (a|the|my|his|her) (stem cell )?(transplant|sct)\b.{0,60}"
    r"\b(didn't|did not|don't|do not|wouldn't|would not|won't|couldn't|could not|can't|cannot) "
    r"(want to |face |bear to |be able to )?(go through|do|have|face) (\w+ ){0,3}again\b")
# The patient's own choice: the trial reported no group like this.
_CHOSE_NOT = re.compile(
    r"\b((?:rather|prefer) not (?:to )?have|(?:chose|choose|decided|opted) not to|opted out|"
    r"(?:didn't|did not) want|don't want (?:one|a|an|it|the|to have)|decided against|"
    r"turned (?:it |one |them )?down|declined|refused|my (?:own )?choice|my decision)\b"
)
# "I decided a transplant wasn't for me": the person's choice, though "they
# said it wasn't for me" is the team's (could not).
_DECIDED_NOT_FOR = re.compile(
    r"\b(?:i|we) (?:decided|felt|thought) (?:that )?(?:a |the )?(?:transplant|it|one) "
    r"(?:wasn't|was not|isn't|is not) for (?:me|us)\b")
# "No" with no reason: could not, chose not to, or not yet? One follow-up asks.
_NOT_HAD = re.compile(
    r"\b(never had|haven't had|have not had|hasn't had|didn't have|did not have|didn't get|"
    r"did not get|not had|no transplant|no stem cell transplant|"
    r"no (?:bone marrow|autologous) transplant|no (?:asct|autograft)|"
    r"not (?:a |any |the )?(?:transplant|asct)|without (?:a |any )?transplant)\b"
)
# Stem cells being collected now or soon: a transplant is on its way.
_HARVEST_UNDERWAY = re.compile(
    r"\b(?:having|getting|going to have|about to have|will have|due to have|booked in for)\s+"
    r"(?:my |the |our )?(?:stem )?cells? (?:collected|harvested|taken)|"
    r"\bstem cells? (?:are|is|will be) (?:being )?(?:collected|harvested)|"
    r"\b(?:being|getting) (?:collected|harvested)\b|"
    r"\b(?:harvest|collection) (?:is |was )?(?:booked|planned|next|this|due|soon|starts)"
)
_NEGATED_FIT = negated(["eligible", "fit", "suitable", "a candidate", "offered", "possible",
                        "allowed", "well enough", "strong enough", "healthy enough",
                        "good enough", "an option", "on the table"])
# Fit for a transplant, not yet had one: the transplant group is the one to show.
_FIT = re.compile(
    r"\b(fit|eligible|suitable|a candidate|well enough|strong enough|healthy enough)\b"
    r".{0,25}\b(transplant\w*|one|asct)\b"
)
_BARE_NO = re.compile(r"^\W*(no|nope|nah|never|i didn't|i haven't|i have not|i did not)\b"
                      # not "no wait he DID have one", "no hang on I'm 67": a correction
                      r"(?!\W+(wait|hang on|hold on|sorry|actually|i meant|i mean|my mistake|"
                      r"(he|she|i) (did|does|has|had)\b|(i'm|im|i am|he's|hes|she's|shes) \d))")
# "I'm 80 so no": the reason (age, health) comes before the no.
_SO_NO = re.compile(r"\bso no\W*$")
# "Not yet" expects a transplant to come, unless the patient is not fit for one.
_NOT_YET = re.compile(r"\b(not yet|yet to (?:have|get))\b|(?:n't|\bnot) had\b.{0,30}\byet\b")
_UNFIT = re.compile(
    r"\b(unfit|too (?:old|frail|ill|weak|sick|unwell|poorly)|ineligible|unsuitable|ruled out|"
    r"(?:kidneys?|heart|lungs?|liver|health) (?:was|were|is|are) (?:too )?(?:bad|weak|poor|damaged)"
    r" (?:for|to have))\b"
)
# "had one", "got a stem cell transplant"; not "haven't had" / "never had" / "had chemo".
_HAD_ONE = re.compile(
    not_just_after_negator() + r"\b(?:had|'ve had|got|received|underwent)\s+"
    r"(?:(?:a|an|my|the|high|dose|stem|cell|cells|bone|marrow|autologous|auto)\s+)*"
    r"(?:one|it|transplant\w*|asct|autograft)\b"
)
_HAD = re.compile(
    r"\b(had|have had|i've had|'ve had|got|received|underwent|went through|did have|"
    r"followed (?:that |this |it )?(?:by|with)|went on to have|they did|"
    r"after my|since my|post|following my|my transplant|my stem cell|my asct|"
    r"autograft|transplanted)\b"
)
# "since my transplant", "post transplant": it happened, whatever else went wrong since.
_AFTER_MINE = re.compile(
    r"\b(?:after|since|following) (?:my|his|her|their) (?:\w+ ){0,3}?(?:transplant\w*|asct)\b"
    r"|\bpost (?:transplant|asct)\b"
)
# What "had" must be about when the bot asked ("I had chemo" does not answer): what
# was had next to it ("i had one yes", "had my stem cells back"), not "another cancer
# from it, my sister had leukaemia".
_HAD_IT = re.compile(
    r"\b(?:had|have had|i've had|'ve had|got|received|underwent|went through|did have)\s+"
    r"(?:\w+\s+){0,3}?(?:one|it|that|transplant\w*|asct|autograft|stem cells?|marrow)\b|"
    r"\b(?:after my|since my|post|following my|my transplant|my stem cell|my asct|autograft|"
    r"transplanted)\b")
_BARE_YES = re.compile(
    r"^\W*(yes|yeah|yep|yup|yes i have|i have|i did|correct|done|i've had one)\b")
# A noun phrase alone reports one only with a time it happened ("ASCT 2019").
_PAST_TIME = re.compile(r"\b((?:19|20)\d\d|ago|last|previously|already|done)\b")
_TRANSPLANT_NOUN = re.compile(r"\b(transplant\w*|asct)\b")
# Phrases that settle the question even when the bot did not just ask it.
_STANDALONE_COULD_NOT = re.compile(
    r"\b(not fit|unfit|fit|too old|too frail|too sick|too unwell|too poorly|eligible|"
    r"ineligible|suitable|unsuitable)\b"
    r".{0,25}\b(transplant|one|asct)\b|"
    # "she's not strong enough for it": in this tool's talk, a transplant
    rf"{negator()} (?:fit|strong|well|healthy) enough for (?:it|one)\b"
)
# Words that put right something said before ("oh sorry, I got that wrong"),
# near the start of a message (bot/data/profile_words.yml, corrections): shared
# with the NLU (a correction is an answer).
CORRECTION_CUE = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:"
    + "|".join(re.escape(w) for w in sorted(words().corrections.openings, key=len, reverse=True))
    + r")\b")
# "actually I did have one", "sorry, I never had one": a correction about a transplant.
_CORRECTS = re.compile(
    CORRECTION_CUE.pattern
    + r".*\b(?:(?:had|have|did|didn't|never)\b.*\b(?:one|it|transplant\w*|asct)|"
    r"(?:too old|not (?:fit|well|strong) enough|couldn't have|could not have))\b")


def mentions_transplant(norm: str) -> bool:
    """Whether normalised text talks about a stem cell transplant at all."""
    norm = _OTHER_GRAFT.sub("organ graft", norm)
    return bool(_MENTION.search(norm) or _GIVEN_BACK.search(norm)
                or _STANDALONE_COULD_NOT.search(norm))


# Asked the age, "I'm 69 and had one in 2021" answers the transplant question too.
_AND_HAD_ONE = re.compile(
    r"\b(?:and|,)\s+(?:i\s+|he\s+|she\s+)?(?:had|'ve had|have had|has had|did have)\s+"
    r"(?:one|it)\b")


def answers_both(norm: str) -> bool:
    """An answer to the age question that also says a transplant happened."""
    return bool(_AND_HAD_ONE.search(norm))


def corrects_transplant(norm: str) -> bool:
    """"actually I did have one": answers the transplant question again."""
    return bool(_CORRECTS.search(norm))


class Said:
    """What the rules look at in one message; costly clues worked out once."""

    def __init__(self, norm: str, mentioned: bool, expecting: bool,
                 declined: Callable[[], bool]) -> None:
        self.norm, self.mentioned, self.expecting = norm, mentioned, expecting
        self.declined = declined  # the age reader, as if just asked, reads "rather not say"

    def has(self, pattern: re.Pattern) -> bool:
        return bool(pattern.search(self.norm))

    @cached_property
    def unfit(self) -> bool:
        return self.has(_UNFIT) or self.has(_NEGATED_FIT)

    @cached_property
    def unsure(self) -> bool:
        """Unsure about the transplant itself: "not sure" in a clause that speaks of
        one (or anywhere, when just asked). "had my transplant in the spring and I
        don't know what to think" is sure of the transplant."""
        if not self.has(_NOT_SURE):
            return False
        about = [c for c in clauses(self.norm) if mentions_transplant(c)]
        if self.expecting and not about:
            return True
        return any(_NOT_SURE.search(c) for c in about) or not self.mentioned

    @cached_property
    def plans_one(self) -> bool:
        """A transplant to come: stem cells being collected, or plan words in a
        clause about a transplant (or, just asked, about no other treatment)."""
        if self.has(_HARVEST_UNDERWAY):
            return True
        return any(_PLANNED.search(c) and (mentions_transplant(c) or (
            self.expecting and not _ANOTHER_TREATMENT.search(c))) for c in clauses(self.norm))

    @cached_property
    def had_one(self) -> bool:
        return self.has(_HAD_ONE)

    @cached_property
    def label(self) -> Optional[str]:
        labelled = _LABELLED.search(self.norm)
        return labelled.group(1) if labelled else None


@dataclass(frozen=True)
class Rule:
    """When ``when`` holds for a message, its transplant history is ``then``."""

    name: str
    when: Callable[[Said], bool]
    then: Transplant


T = Transplant
# Most specific first; the first rule that holds gives the answer.
RULES: Tuple[Rule, ...] = (
    Rule("stored_not_given_back", lambda s: s.has(_NOT_GIVEN_BACK), T.PLANNED),
    Rule("given_back", lambda s: s.has(_GIVEN_BACK), T.HAD),
    Rule("unsure_or_donor", lambda s: s.unsure or (s.has(_ALLO) and not s.has(_AUTO)),
         T.NOT_SURE),
    Rule("labelled_yes", lambda s: s.label in ("yes", "y"), T.HAD),
    Rule("labelled_no", lambda s: s.label not in (None, "yes", "y"), T.NOT_HAD),
    Rule("second_refused", lambda s: s.has(_SECOND_REFUSED), T.HAD),
    Rule("cancelled", lambda s: s.has(_CANCELLED) and not s.has(_REBOOKED), T.COULD_NOT),
    Rule("planned", lambda s: not s.had_one and (
        s.plans_one or (s.has(_NOT_YET) and not s.unfit)), T.PLANNED),
    Rule("after_mine", lambda s: s.has(_AFTER_MINE), T.HAD),  # "no problems since my transplant"
    Rule("decided_not_for_me", lambda s: s.has(_DECIDED_NOT_FOR), T.CHOSE_NOT),
    Rule("could_not", lambda s: s.has(_COULD_NOT) or s.unfit or s.has(_SO_NO), T.COULD_NOT),
    Rule("chose_not", lambda s: s.has(_CHOSE_NOT), T.CHOSE_NOT),
    Rule("not_had", lambda s: s.has(_NOT_HAD), T.NOT_HAD),
    Rule("fit_for_one", lambda s: s.has(_FIT) and not s.had_one, T.PLANNED),
    Rule("harvest_only", lambda s: s.has(_HARVEST) and not s.has(_TRANSPLANT_WORD), T.NOT_SURE),
    Rule("had", lambda s: s.mentioned and s.has(_HAD), T.HAD),
    Rule("bare_no", lambda s: s.expecting and s.has(_BARE_NO), T.NOT_HAD),
    Rule("bare_yes", lambda s: s.expecting and (
        s.has(_BARE_YES) or s.has(_HAD_IT)), T.HAD),
    # A bare noun phrase with a time ("autologous transplant last year") reports one,
    # in a sentence that tells rather than asks (a story may end with its question).
    Rule("dated_mention", lambda s: s.mentioned and _dated_mention_told(s.norm), T.HAD),
    # Just asked, "I'd rather not say" (as the age reader hears it): no answer to give.
    Rule("declined_to_say", lambda s: s.expecting and s.declined(), T.NOT_SURE),
)


def _dated_mention_told(norm: str) -> bool:
    """"Diagnosed in 2023 ... Did VTD, then melphalan and the stem cell transplant
    in January. ... What did the trial find?": a time in the message, and a
    sentence that is not a question names a transplant."""
    return bool(_PAST_TIME.search(norm)) and any(
        _TRANSPLANT_NOUN.search(sentence) and not message_question().is_question(sentence)
        for sentence in split_sentences(norm))


def _asks(norm: str) -> bool:
    """A question that says nothing about the patient ("will a transplant help?").
    Only the clauses that mention a transplant count: "he decided against a
    transplant. what would it do for him?" and "had her transplant in 2022, will
    it help her?" report, then ask."""
    pieces = [piece for clause in clauses(norm) for piece in split_at_questions(clause)]
    relevant = [c for c in pieces if mentions_transplant(c)]
    return all(clause_question().asks_in_general(c.strip()) for c in relevant or [norm])


def explain(p: Parsed, *, expecting: bool, someone_has_age: Callable[[], bool],
            declined: Callable[[], bool]) -> Tuple[Optional[Transplant], str]:
    """The reading and the name of the gate or rule that gave it.

    Without ``expecting`` (the bot did not just ask) the message must mention
    a transplant; with it, "yes", "no", "too old for one" are enough. Messages
    about other people, and questions, tell us nothing about the patient,
    except a carer's about the one person they ask for: when the bot asked,
    or when they give an age too (``someone_has_age``).
    """
    norm = _OTHER_GRAFT.sub("organ graft", p.norm)
    mentioned = mentions_transplant(norm)
    if not (mentioned or expecting):
        return None, "no_mention"
    ctx = p.context
    if ctx.about_others() and not (ctx.speaks_for_one() and (
            expecting or ctx.asks_for_a_relative() or someone_has_age())):
        return None, "someone_else"
    if _asks(norm):
        # Just asked, "what is a transplant?" means the patient cannot say yet.
        if expecting and _NOT_SURE.search(norm):
            return T.NOT_SURE, "asks_what_it_is"
        return None, "a_question"
    if supposes(norm) and not _NOT_SURE.search(norm):
        return None, "supposed"
    said = Said(norm, mentioned, expecting, declined)
    rule = next((r for r in RULES if r.when(said)), None)
    return (rule.then, rule.name) if rule else (None, "no_rule")
