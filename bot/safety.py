"""Red-flag symptoms and crisis messages, spotted by rule so they never depend
on a classifier's confidence, and the urgent-help answer for each.

The patterns err towards over-calling: telling someone with a mild
temperature to ring their hospital line costs little; missing a fever on
lenalidomide can cost a life.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from enum import Enum
from typing import Dict, List, Optional, Pattern, Tuple

from bot.facts import facts
from bot.lines import Line, join, say
from bot.profile.questions import Mark, QuestionRule
from bot import safety_model
from bot.sentences import STORY_WORDS, asks, clause_around, clauses, last_clause, sentences


class Alarm(str, Enum):
    RED_FLAG = "red_flag"
    CRISIS = "crisis"
    DISTRESS = "distress"  # low mood, not coping, despair: support first


_RANK = {Alarm.CRISIS: 0, Alarm.RED_FLAG: 1, Alarm.DISTRESS: 2}
# The kind of a finding only the learned backstop made (bot/safety_model.py):
# it cannot say which sign, so the whole list is given.
LEARNED = "learned"


_CRISIS = re.compile(
    r"\b((wants?|wanting|going|gonna|wish(es)?|needs?|plan(s|ning)?|try(ing)?|tried) to kill "
    r"(my ?self|me|him ?self|her ?self|them ?sel(f|ves))|kill(ing)? (him|her|them) ?sel(f|ves)|"
    r"(doesn't|does not|didn't|don't|do not|dont) (even |really |always |sometimes |just )?want "
    r"to (live|be here|go on|wake up)|(not|isn't|wasn't) a life worth (living|having)|"
    r"(stop|stopping) everything and end(ing)? it|"
    r"(can't|cannot) see (any |a )?way out|no way out|"
    r"wish (i|he|she) (wasn't|was not|weren't) alive|"
    r"(isn't|is not|not) worth living|(nobody|no one|no-one) would (miss|care about) me|"
    r"point in (living|going on|carrying on)(?! (with|taking|the|it|on|maintenance|treatment))|"
    r"(thinking of|think about|going to|want to|wants to|planning to|plan to) "
    r"(take|taking) an overdose|"
    r"kill(ing)? my ?self|kms|end(ing)? (it all|my life|things)|"
    r"(?<!not )(?<!never )suicid\w*|"
    r"sucid\w*|suicde\w*|suiside\w*|self[- ]?harm\w*|"
    r"(harm|hurt)(ing)? my ?self|"
    r"(?<!don't )(?<!do not )(?<!doesn't )(?<!does not )(?<!didn't )(?<!never )"
    r"(wants?|wanted|wanting|wanna|wish(es|ed|ing)?) (to|i could|i would|i'd) die|"
    r"all (i|he|she|they) (want|wanted|wants)( to do)? (is|was) (to )?die|"
    r"(dying|death|being dead) (is|would be|might be|may be) (what (i'm|i am|he's|she's) "
    r"supposed|easier|better|a relief|the (only |best )?answer|kinder)|"
    r"(want|wanted|wish|wished|wants) to (just )?(fade|slip|drift) away|"
    r"beg\w* (you |me |us |them |the doctors? |the nurses? )?to (kill|end it|let (him|her|me) die)|"
    r"(want|wanted|wish|wished|wants) to be (comatose|unconscious|put down|put to sleep)|"
    r"life (isn't|wasn't|is not|was not|is no longer|was no longer) worth (it|living|the)|"
    r"(couldn't|could not) (go on|carry on)( any ?more| like this| living)|"
    r"(?<!am i )(?<!is he )(?<!is she )(?<!are we )(?<!are they )(?<!will i )"
    r"going to die(?! (from|of|with|because|soon\?))|"
    r"wants? to be dead|"
    r"wish(es)? (i|he|she|they) (was|were) dead|"
    r"(says?|said|talks? about|keeps? saying) (he|she|they) (wants?|wish(es)?) to (die|end it)|"
    r"(talks?|talking|thinks?|thinking) about ending it|"
    r"better off if (i|he|she|they) ((wasn't|was not|weren't|were not) (here|around|alive)|"
    r"(was|were) gone)|"
    r"(don't|do not|can't|doesn't|does not|didn't|did not) see the point (any ?more|of (living|"
    r"going on|carrying on|anything))|"
    r"(don't|do not|can't) (really )?see why (i|he|she) should (carry on|go on|keep going)|"
    r"(rather|better off) (be )?dead|better off without me|"
    r"don't want to (live|be here|go on|wake up)|no reason to (live|go on)|"
    r"(rather|want to|wish i could) (just )?(not|never) wake up|"
    # not the cut looked for or got by accident: "to find where I had cut myself"
    r"(?<!where i had )(?<!where i )(?<!thought i had )(?<!must have )cut(ting)? my ?self"
    r"(?! (shaving|on (a|the)|with (a|the)|while|when|by accident|accidentally|cooking))|"
    r"no point (in )?(living|going on)|take (my|his|her|their) (own )?life|"
    r"tried to (kill|hurt|harm) (my|him|her|them)sel(f|ves)|tried to end (it|(my|his|her) life)|"
    r"saving (up )?(my|his|her|their|the) (tablets|pills|capsules|medicines?)|"
    r"take them all at once|can't go on|"
    r"(want|wants|wanting) (it|this|everything) (all )?to (stop|end|be over)|"
    r"(want|wish i could|like) to (go to )?sleep (forever|and (not|never) wake( up)?)|"
    r"give up on (life|living)|stockpil\w*|"
    r"(took|take|taking|swallowed) all (of )?(my|his|her|the) (\w+ )?(capsules|tablets|pills|meds)"
    r"( at once| in one go| together)|"
    r"letters?\b.{0,30}\b(for afterwards|for after (i'm|i am|he's|she's) gone|for when (i'm|i am) "
    r"gone)|(kept|keeping|put|putting|saved|saving|held|holding) back (\w+ ){0,5}(tablets|pills|"
    r"capsules|meds|medication)|"
    r"(putting|put|puts|keeping|kept|hiding|hid|hoarding) (\w+ ){0,6}(tablets|pills|capsules|"
    r"meds|medication|morphine) (to one side|aside|away|by)\b|"
    r"wish (it|this) (was|were|would be) (all )?over for (both of us|the (two|both) of us|"
    r"(all of )?us|me|good)|"
    r"saving (up )?(my|his|her) (\w+ )?(tablets|pills|meds|medication|morphine)|"
    r"tak(e|ing) (all|the lot of|a load of) (my|his|her|the) (\w+ )?(pills|tablets|meds|morphine|"
    r"medication)|be done with it|how (i|i'd|he'd|she'd) (would )?do it|"
    r"(drive|driving|crash|crashing|walk|walking|step|stepping|jump|jumping) (into|in front of|off)"
    r" (a|the) (wall|train|bus|lorry|truck|bridge|cliff|car)|"
    # a sixth review: a plan or a method told in passing
    r"(going|go|drive|driving|drove|steer\w*|swerv\w*) (straight )?(into|off) (a|the) "
    r"(tree|wall|river|canal|bridge|lorry|bus|train)|"
    r"how many (of )?(my |his |her |the |these |those |them |your )?(\w+ ){0,2}(tablets|pills|"
    r"capsules|meds) (it )?(would|will|it'd) take|"
    # "I've written letters to my children and put my affairs in order"
    r"letters? to (my|the|our) (\w+ ){0,2}(kids|children|family|grandkids|wife|husband)\b.{0,60}"
    r"\b(affairs|things) in order|"
    # "standing on the bridge yesterday looking down at the water"
    r"(standing|stood|stand|sat|sitting|sit) on (the|a) (bridge|edge|ledge|cliff|platform|roof)"
    r"\b.{0,60}\b(looking|staring|stared|looked|look|stare) (down|at the (water|drop|tracks|river|"
    r"sea|trains?))|"
    r"(reading|read|looking|looked|googl\w*|search\w*|research\w*) (up )?(\w+ ){0,2}how to do it|"
    r"end (it|things|my life) on my own terms|"
    r"(thoughts?|thinking|think) (about|of) not (being|been) (around|here)|"
    r"(scared|afraid|frightened|terrified) (of|about) what (i|he|she) (might|may|could|will) do|"
    r"(stopped|stopping|stops) (taking )?(\w+ ){0,4}(meds|tablets|pills|medication|medicines) on "
    r"purpose|"
    r"(i've|i have) (got )?a plan\b(?! (for|to (talk|ask|discuss|see)))|"
    r"(burn\w*|cut|cutting|scratch\w*|hit|hitting|hurt\w*|harm\w*) (my|him|her)(self)?\b.{0,50}on "
    r"purpose|on purpose.{0,20}\b(burn|cut|hurt|harm)\w*|"
    r"(don't|do not|can't) see a reason to (keep going|go on|carry on|live)|"
    r"tired of (living|life|being alive)|(don't|do not) want to be alive|"
    r"(?<!not )(?<!n't )ready to die|"
    r"wants? out of (it all|life|this life)|unalive|\bkys\b|hang (my|him|her) ?self|"
    r"jump(ing)? (off|in front of)|jump(ing)? from (a|the) (bridge|building|roof|cliff)|"
    r"train tracks|slit (my|his|her) wrists|"
    r"off(ing)? (my|him|her)self|(going to|gonna|wants? to|threaten\w* to|about to|tried to) shoot "
    r"(him|her|my) ?self|"
    r"(i am|i'm|i'd be|i would be) (happy|glad|content) to die|"
    r"(i'd|i would|i) (choose|want|prefer|rather have|opt for) (the |a )?(quick )?euthanasia|"
    r"(goodbye|suicide) (letter|note)s?|giving away (my|his|her) (things|stuff|belongings)|"
    r"giving (my|his|her) (things|stuff|belongings|possessions) away|"
    r"(won't|will not|wont) (be )?need(ing)? (these|them|those|my|the) (\w+ )?where "
    r"(i'm|i am|im) going|"
    r"(end|take|ending|taking) (my|his|her) (own )?life|"
    r"end (it|things) (all|now|tonight|for good|once and for all)|"
    r"(won't|will not|wouldn't) be (here|around) (for much longer|much longer|by)|"
    r"not be (here|around) (any ?more|for much longer)|disappear (for good|forever)|"
    # "if I didn't wake up tomorrow I wouldn't mind"
    r"(if|wish) (i|he|she) (didn't|did not|don't|never|wouldn't) wake up\b.{0,40}\b(wouldn't mind|"
    r"would not mind|don't mind|be (glad|happy|relieved|ok|okay|fine)|be a relief)|"
    r"(stop|stopping|come off|coming off)( taking)? (the |my |his |her )?(tablets|treatment|"
    r"medication|meds|everything)\b.{0,60}\blet(ting)? nature take its course|"
    # "easier if I just wasn't here at all", "better if I wasn't around"
    r"(easier|better|simpler) if (i|i'm|i was|i were) (just )?(wasn't|weren't|was not|were not|"
    r"not|no longer) (here|around|alive)|"
    r"let (it|the myeloma|the cancer) take (me|him|her)|"
    r"(pills|tablets|capsules|morphine)\b.{0,25}\b(all at once|in one go|all of them)|"
    r"(sleep|go to sleep) (and|&) (never|not) wake|carbon monoxide|exhaust pipe|"
    r"(he|she) (said|says|keeps saying|talks about|talked about) .{0,30}\b(want(s|ed)? to die|"
    r"end(ing)? it|kill(ing)? (him|her)self|better off dead|better off without)|"
    r"no longer (wish|want) to (live|be alive|go on|be here)|contemplat\w* (ending|taking|"
    r"suicide)|thoughts (of|about) (ending|taking|not wanting|self[- ]?harm|suicide|killing)|"
    r"(considered|considering|thought about|thinking about) (ending|taking) (my|his|her)|"
    r"welcome death|(want|wanna|wants) die|finish (my|his|her) life|(not|don't) want (to )?live|"
    r"better (i am|i'm|im|i was) dead|off (my|him|her) ?self|"
    r"(want|wants|wanted) to check out\b|(ending|end) things\b|"
    r"no reason to (stick around|stay|be here|wake up)|(?<!not )(?<!n't )ready to die|"
    r"ready to go (to god|to heaven|"
    r"and be with)|how many (pills|tablets|capsules|painkillers) (it would take|it takes|it'd take|"
    r"would|to)|(i'd|i would) rather (not be here|be dead|not wake up|not be alive)|"
    r"said goodbye\b.{0,20}\blike (he|she|they) meant it|"
    r"(painkillers|pills|tablets|capsules|morphine|meds) (put by|put aside|saved up)|"
    r"(bought|got|found) (a |some )?rope|saving up (my|his|her) \w+|taking the lot\b|"
    r"how easy it would be to|(?<!we )(?<!they )(steer|steering|swerve|swerving|drive|driving) "
    r"(\w+ ){0,2}(into|off|in front of)(?! (the |a )?(city|town|centre|center|village|hospital|"
    r"clinic|work|car park|garage|driveway))|having it all stop|"
    r"make it (all )?stop (for good|forever)|"
    r"\b(burn\w*|cut|cutting|scratch\w*|hurt\w*|harm\w*)\b.{0,60}\bon purpose\b|"
    r"just to feel (something|anything)|"
    r"hop(e|ed|ing) (that )?(the |this )?(cancer|myeloma|disease|it) (would|will|might) "
    r"(just )?kill (me|him|her)|"
    r"(dying|death|being dead) (\w+ )?(would be|is|seems) (preferable|a release|a blessing)|"
    r"(gun|rifle|shotgun)\b.{0,60}\b(went off|accidentally|loaded)|"
    r"letters? to (my|the) (kids|children|family) (in case|for "
    r"when)|self[- ]destruct\w*|"
    # a ninth review (a counsellor's 80 messages): intent told in the vernacular
    r"if (the )?(myeloma|cancer|disease|it|this) (doesn't|does not|doesnt|dont|don't|won't|wont) "
    r"(get|kill|take) (me|him|her)\b|"
    r"(would|will|does|did) it take to (end it|die|kill|finish)|"
    r"(i'd|id|i would|i'll|ill) (almost |happily |gladly )?welcome (the |a |another )?(new cancer|"
    r"cancer|end|death)|"
    r"mind if (i|he|she) (didn't|did not|didnt|don't|dont|never|wasn't|wasnt|weren't|woke) "
    r"(make it|wake|woke|here|around|see|up)|"
    r"(wouldn't|wouldnt|would not|don't|dont|do not) mind (not|never) (waking|wake|being (here|"
    r"around)|making it)|"
    r"not that (i'll|ill|i will|i'm going to|im going to) (see|make|reach|be around)\b.{0,30}"
    r"\bmy way|"
    r"(don't|dont|do not) want any ?more (of )?anything|"
    r"(don't|dont|do not) want anything any ?more|"
    r"stop(ped|ping)? everything\b.{0,40}\blet (it|things|nature) (happen|take)|"
    r"done fighting|(ready|going|gonna|want) to give up(?! (the |my |on (the |my )?)?(smoking|"
    r"drinking|work|job|driving|dairy|alcohol|booze|coffee|sugar|car|flat|house|hope of))|"
    r"any point\b.{0,40}\b(a burden|the burden)|"
    r"(hoard\w*|stash\w*) (up )?(my |his |her |the |some |all )?(\w+ )?(tablets|pills|capsules|"
    r"meds|medication|morphine|oxy\w*|painkillers|opioids|codeine|tramadol|sleeping)|"
    r"(saving|saved|collecting|collected) (up )?(my |his |her |the |some )?(oxy\w*|morphine|"
    r"codeine|tramadol|painkillers|sleeping (pills|tablets)|opioids)|"
    # a psychologist's 80 messages (ninth session): methods and plans told plainly or in dialect
    r"(part of me|i) (just |kind of |kinda )?wants? (it|this|the end) to (be )?(quick|"
    r"over quick\w*|come quick\w*)|"
    r"(got|had|took|taken|get|getting) (the |my |a |his )?(shot)?gun out|"
    r"(shotgun|rifle|gun)\b.{0,40}\b(out of the (cabinet|cupboard|safe)|put it back|"
    r"(doesn't|doesnt|does not|don't|dont) know)|"
    r"(put|putting|set|setting|stash\w*|hid|hidden|hiding) (aside|by|away) (\w+ ){0,6}(tablets|"
    r"tabs|pills|capsules|meds|medication|morphine|painkillers)|"
    r"(tabs|painkillers|pain tablets)\b.{0,20}\b(put aside|put by|in the drawer)|"
    r"how many (\w+ ){0,3}(capsules|tablets|pills|tabs)\b.{0,30}\b(overdose|od)\b|"
    r"take to (overdose|od)|"
    r"(planning|plan|going|gonna|intend\w*|want) to end it\b|end it (my ?self|all myself)|"
    r"(look\w*|lookin|stare\w*|staring|stood|standing) (ower|over|down|off) (the|a) (bridge|edge|"
    r"cliff|ledge|parapet)|"
    r"(i'm|im|i am) done (wi|wi'|with) (it all|everything|life|living)|"
    r"(given up|giving up|had enough|no point)\b.{0,60}\bletters? to (my|the|our) |"
    r"letters? to (my|the|our) (\w+ ){0,2}(kids|children|family)\b.{0,60}\b(given up|had "
    r"enough|no point))\b"
)
# "id rather be with her" from a widower: a wish to join the one who died (read
# only when a death is told, since "I'd rather be with her at home" is not).
_TO_JOIN_THE_DEAD = re.compile(
    r"\b((i'd|id|i would) (much )?(rather|sooner) be with (her|him|them)\b(?! (at|in|when|than "
    r"(in|at)|for|during))|(want|long|longing|wish i could|waiting) to (be with|join) (her|him) "
    r"(again|now|soon)|(want|wish i could) to join (her|him)\b|"
    r"(i|i just|just) want to be with (her|him)( now| again)?\W*$)")
# Low mood, not coping, despair, a carer at the end of their tether: the
# support answer first (warm, short, someone to talk to), never a value or a
# "did not catch that". Errs towards over-calling, as the red flags do.
# Clinical words for low mood: in a general question ("what does low mood
# mean?") they ask for information, like a symptom asked about.
_DISTRESS_TERMS = re.compile(r"low mood|depression|anxiety|mental health")
_ASKS_ABOUT = re.compile(r"what (does|do|is) (that|it|this|they) (actually )?mean|watch out for|"
                         r"look out for|(leaflet|booklet|website) (says|said|mentions)")
_LOW = (r"(low|down)"
        # "low on iron", "down to 10mg"; not "low today", "down tonight"
        r"(?! (on|in|to|from|the|platelets|counts?|white|red|blood|iron|dose|neutrophils?)\b)")
_DISTRESS = re.compile(
    r"\b((?<!not )(?<!never )(?<!isn't )depress(ed|ion|ing)|hopeless\w*|low mood|"
    r"wish (it|this|everything) (was|were|would be) (all )?over\b|"
    # a carer at the end of their tether; affairs put in order, letters "just in case"
    r"(could|want to|wanted to|feel like|felt like) (just )?(walk|run|drive|get) (out|off|away)\b"
    r".{0,30}\b(never|not) (come|coming) back|"
    r"(written|wrote|writing) (\w+ ){0,3}letters? to (everyone|everybody|all of them|my \w+)\b"
    r".{0,20}\bin case|(put|putting|got|getting) (my |the |our )?(house|affairs|things) in order|"
    r"(?<!used to )(feel|feeling|felt|feels)( so| really| very| pretty| quite| just| completely"
    r"| totally| a bit| dreadfully| awfully)? (" + _LOW + r"|flat|empty|numb inside|worthless|"
    r"useless|a burden|like a burden|broken|lost|alone|lonely|desperate|overwhelmed|miserable|"
    r"like giving up|like i('m| am) drowning|trapped)\b|"
    r"(i'm|i am|i've been|i have been|he's|she's|he is|she is|we're|we are)( so| really| very"
    r"| completely| totally| just| absolutely)? (depressed|overwhelmed|desperate(?! to)|miserable|"
    r"lonely|panicking|panicked|terrified|petrified|in pieces|at rock bottom|a wreck|a mess|"
    r"beside (my|him|her)self|falling apart|not coping|so " + _LOW + r"|really " + _LOW + r"|"
    r"at the end of (my|his|her|our) tether|at (my|his|her|our) wits'? end)\b|"
    r"(can't|cannot|can not|couldn't|could not|don't know how to|not able to) (cope|do this|"
    r"take (it|this|much more|"
    r"any ?more)|go through (this|it|all this) again|keep going|carry on|face (this|it|another))|"
    r"(not|isn't|aren't|wasn't) coping|"
    # "I am struggling with that truth", "struggling to take it in"
    r"(?<!not )(?<!n't )(?<!never )struggling (to (accept|come to terms|process|take (it|this) in|"
    r"deal with (it|this|the news))|"
    r"with (that|this|the) (truth|news|diagnosis|fact|thought|idea))\b|"
    r"(question|questioning) the outcome|how (much )?(more|longer) (i|we) can (take|cope|go on|"
    r"keep (going|this up)|do this)|(it )?(breaks|broke|breaking) my heart|heartbreaking|"
    r"(my heart tells me|i know|i fear|i think|i feel) (that )?(it|he|she) (won't|will not|wont) "
    r"(be long|last much longer|be with us)|(i'm|i am|im) not able for (this|it|any of it)|"
    r"struggling( (to cope|so much|badly|mentally|emotionally|a lot)\b|"
    r"(?!( (this (morning|afternoon|evening|week)|today|tonight|lately|at the moment))?"
    r" (to|with|for|on)\b))|"
    r"(falling|fall) apart|breaking down|broke down|"
    r"(can't|cannot|couldn't|could not) stop (crying|sobbing|shaking)|"
    r"tearful|teary mess|(bring|brought|brings) on the waterworks|wail\w*|whimper\w*|"
    r"i (just )?hate (this|it|my life|everything|being me)\b|"
    r"scared (beyond|out of my)|beyond belief|(really |so )?(bad|horrible|awful) feeling "
    r"(that|about)|worried about the future|"
    r"(don't|do not) have (it|the fight|the strength|the energy|any fight left) in me|"
    r"no fight left|"
    r"crying (all the time|every day|myself to sleep|all day|all night|a lot)|"
    r"panic attacks?|(in a|total|complete) panic|panicking|"
    r"(nothing|no ?thing) (seems |feels )?(worth (doing|it)|matters)|"
    # not "so whats the point of taking it" (a question on the drug, after its answer)
    r"what'?s the point(?! (in|of) ([\w']+ ){0,4}(tablets?|capsules?|pills?|it|treatment|"
    r"maintenance|lenalidomide|revlimid|taking)\b.{0,30}\bif\b)(?! (in|of) (taking|having|"
    r"starting|doing) (it|len\w*|revlimid|maintenance|the (tablets|capsules|drug|maintenance|"
    r"treatment))\W*$)|"
    # not someone else's "had had enough of me not drinking"
    r"(had|have had|i've had) enough(?! of (me|him|her|them) )|"
    r"giving up(?= *[.,!;?]| *$| on (life|everything|myself|me|living|hope|it all))|"
    r"(want|wants) to give up|"
    r"(so|really|very|completely|totally|utterly) (exhausted|drained|worn out) and (low|down|sad)|"
    r"(sick|tired) of (it all|everything|fighting|this life|living like this)|"
    r"anxious all the time|(can't|cannot) (sleep|eat) for worry|"
    # feelings said in a story: sadness, fear, anger, dark thoughts, loneliness
    r"sad\b|sadness|sobb\w*|(i|we|he|she) (cried|wept)|in tears|heartbroken|"
    r"(?<!would be )(?<!would be absolutely )(?<!i'd be )(?<!i'd be absolutely )devastated|"
    # a death told by name, a person missed
    r"(with|since|after) (\w+'s|his|her) (death|passing)|i miss (you|him|her)\b|"
    r"\bwe miss (him|her) (so|terribly|dreadfully|every)|"
    r"(taken|took|taking) a (real |serious |sudden |bad )?turn for the worse|"
    # a carer's strain and anger, money that decides a life
    r"hated? being (a |his |her )?(carer|caregiver)|mess(ing)? with my (mind|head)|"
    r"(i'm|i am) failing (and|her|him|them|my)\b|"
    r"can't afford to (stay alive|live)|(like|want) to punch (something|someone|a wall)|"
    # but tired out by the drug is a side effect: "just shattered on len", "by 3pm"
    r"shattered(?! (on|by) (len|lenalidomide|revlimid|it|the (tablets|capsules|drug)|maintenance|"
    r"\d|mid|lunch|the afternoon|teatime))"
    # "he's shattered all the time": tired out, a side effect told
    r"(?! (all the time|most of the time|every day|most days|in the (afternoons?|evenings?)|"
    r"after\b))|"
    r"grief|grieving|terrified|petrified|frightened|"
    r"(sounds|feels|seems|is|it's) (so |really |absolutely |just |utterly )?(terrifying|"
    r"horrifying)|"
    r"afraid (of (dying|death|the future|what)|to die)|"
    r"scared (stiff|to death|of (the future|dying|death|what))|(so|really|very) scared|"
    r"(my|our|the) (biggest )?fears?\b|fear (of|that)|nightmares|"
    # dread, not a side effect dreaded ("lost it all with the chemo and is dreading it again")
    r"dread\w*+(?! (it|that|losing (my|his|her) hair|the hair loss|the (rash|side effects?|"
    r"diarrho?ea|needles?|steroids|dex))\b)|"
    r"anxiety|anxious|panic\w*+(?! and told (me|us|him|her))|"
    r"(i|i've|we) worry (all the time|every day|constantly|so much|"
    r"that)|every day,? i worry|worried sick|sick with worry|can't stop worrying|"
    r"(so|very|really) (angry|upset)|angry (with|at) (the|everyone|everything|the whole)|"
    r"fed up(?! (of|with) (the |these |my |all the |taking )?(side effects|tablets|pills|capsules|"
    r"treatment|hospital|appointments|waiting|blood tests|clinic|steroids|dex|diarrho?ea|the runs|"
    r"tiredness|fatigue|rash|itching|nausea|constipation|neuropathy|cramps))|"
    r"humiliat\w*|horrendous|awfulness|load of (\w+ )?shit|"
    r"\bin bits\b|(a|bit of a|little|big|huge) wobble\b(?! (board|cushion))|"
    r"(i'm|im|i am|i feel|i've been|ive been|been|says i'm|says im|^|[.!?,;]\s*) ?not (my ?self|"
    r"feeling (my ?self|like me))\b|"
    # "Bit low lately.": said without its "I"
    r"(^|[.!?;]\s*)(a )?(bit|little|wee bit) (low|down|flat)\b(?! (on|in|to|from|platelets|"
    r"counts?|iron|blood|white|red))|"
    r"(my|his|her) spirit (has |is |'s )?(gone|broken|crushed|left)|lost (my|his|her) spirit|"
    r"dark (cloud|places?|thoughts)|darkest|suffering( \w+)?,? emotionally|"
    r"emotionally (drained|exhausted|low|struggling|wrecked|broken)|mental health|"
    r"lost (my|all) (desire|will|hope|interest)|hope(less)?ness|no end in sight|"
    r"(?<!not )(?<!never )lonel\w*|(feel|feels|feeling|felt|so|very|really|totally|completely|"
    r"socially) isolated|"
    r"isolated and|(sense|feeling) of isolation|no one (visits|calls|to talk to)|"
    r"nobody (visits|calls)|"
    r"no other outlet|overwhelm\w*|heavy burden|"
    r"(talk|think|thinking|talking) about (dying|death)|(my|his|her) (own )?death|"
    r"leave (my|our|\w+) \w+ without (a|his|her|their|my) (mother|father|mum|dad|wife|husband)|"
    r"won't remember me|(don't|do not) want to leave (my|our) (children|kids|family)|"
    r"nothing left|running on empty|breaking point|end of (my|her|his) rope|"
    # numb inside, not "both thighs feel numb" (a sign, read by the red flags)
    r"(?<!thighs )(?<!thigh )(?<!legs )(?<!leg )(?<!feet )(?<!foot )(?<!hands )(?<!hand )"
    r"(?<!fingers )(?<!toes )(?<!arms )(?<!arm )(?<!face )(?<!lips )(?<!bum )(?<!bottom )"
    r"feel(ing|s)? (so |really |completely )?numb|(been|felt) numb since|watching someone else|"
    r"(haven't|havent|have not|can't|cannot) (slept|sleep)|lie awake|lying awake|"
    r"awake (all|half the) night|stays? in bed all day|(nothing'?s|nothing is) worth|"
    r"everything (feels|is|seems) (grey|gray|pointless|hopeless|black)|not enjoying anything|"
    r"no joy|(a|such a) burden|(scared|frightened|terrified|worried) all the time|"
    r"\bcr(y|ies|ying) (in(?! front)|after|every|all|at night|myself)|lost who i am|"
    r"not me any ?more|(don't|do not) recogni[sz]e myself|(no one|nobody) understands|"
    r"resent\w*|withdrawn|can't (stay|be) positive|life is over|drinking more than|"
    r"guilt\w*+(?!,? (to (some|a) (degree|extent),? )?of\b)|hate myself|mind (just )?races|"
    r"sitting in the dark|can't be bothered|"
    r"bitter and angry|walking on eggshells|black hole|how long i've got|miss my old life|"
    r"zombie|no feelings|makes me cry|(nobody|no one) (ever )?asks how i am|"
    r"can't see (a|any) future|no future|can't eat,? can't sleep|lost interest|no motivation|"
    r"burn(ed|t)? ?out|(stay|be|keep) positive but (i )?(just )?can't|"
    r"can't take (it|this|much more|any ?more)|(it's|its|this is|it is) all (just )?too much|"
    r"struggling,? (to be honest|tbh|honestly|if i'?m honest)|too much for me|"
    r"falling to pieces|(so |really )?stressed( out)?\b|frazzled|at (my|the) limit|losing it|"
    r"(getting|gets|got|it's getting) harder and harder|"
    r"can't handle (it|this|any ?more|everything)|(so|too|really) hard (to cope|on me|at the "
    r"moment|right now)|(having a )?(really )?(?<!had a )(?<!had a really )"
    # not "a candle for everyone ... who is having a rough time"
    r"(?<!who is having a )(?<!who are having a )(?<!who's having a )(rough|hard|awful|"
    r"terrible) time(?! (taking|"
    r"getting|catching|breathing|walking|swallowing|standing|keeping))|no support|"
    r"no (one|body) to help|despair\w*|despondent|lost (all )?hope|pointless|"
    r"(i'm|i am|i was|i feel|i felt|feeling|he's|she's|he is|she is|we're|we are|been) "
    r"(so |really |very |deeply )?unhappy|"
    r"meaningless|feel(ing)? empty|can't switch off|on edge|nerves (are )?(shot|in shreds)|"
    # a person weeping, not a wound ("the area around the PICC line ... appeared to be weeping")
    r"\b(i|i've been|i have been|i was|i am|i'm|we|we've been|he|she|he's|she's|been|just|"
    r"started|keep|kept) (\w+ ){0,2}weep\w*|weep\w* (all|every|for|myself|at|when|over)\b|"
    r"heartbreak\w*|can't stop thinking about (dying|death|it coming back)|"
    r"what the point (is|of it all)|no point (in|to) (any of )?(it|this)|"
    r"(i'm|i am|feel|feeling) (so |really |very )?angry\b|tired of being (brave|strong)|"
    r"brave face|waiting to die|confidence (is |has )?gone|half a (man|woman|person)|"
    r"taking it out on|so drained|emotionally drained|melt ?down|nervous breakdown|"
    r"grie(f|ve|ving|ved)|(tears|crying) (would|will|just) not stop|crumbl\w*|"
    r"(feel|feeling|felt|i'm|i am|so|very|really) gloomy|"
    r"abandoned|in (full |complete )?shock|mood swings|snapped at|(complete|total|utter) failure|"
    r"broke my heart|come to terms|torn apart|emptiness|no desire to|other shoe to drop|"
    r"stressful|(so|really|very|constantly|always) worried"
    # not a worry about one harm, which is answered ("im really worried about getting
    # another cancer from it", "so worried about the blood clots")
    r"(?! about (getting |catching |having |the |a |an |any )?(another |a new |new |second )?"
    r"(cancers?|clots?|blood clots|dvts?|side effects?|infections?|hair|cost|money|bills|"
    r"travel\w*|flying|holiday|pregnan\w*|rash|diarrho?ea|tiredness|fatigue|"
    r"(the |taking |starting )?(it|drug|tablets|capsules|len\w*|revlimid|maintenance))\b)|"
    r"(i'm|i am|i feel|feeling|i've been) (a bit |pretty |quite |just )?(down|low)\b"
    r"(?! (on|in|to|from|the|platelets|counts?|white|red|blood|iron|dose|neutrophils?|a bit))|"
    r"(won't|wont|doesn't|will not) (talk|speak) to (us|me|anyone|anybody)|"
    r"(just )?(stays?|staying|stayed|lies|lying) in bed|(has|he's|she's|have) stopped eating|"
    # a close one lost lately; a friend's death told of gets the condolence line (safety_net)
    r"(((my|our) (mum|mom|mam|mother|dad|father|husband|hubby|wife|partner|son|daughter|brother|"
    r"sister)|\bhe|\bshe) ([\w,']+ ){0,4}?(?<!nearly )(?<!almost )(died|passed away|passed on)|"
    r"lost (her|him|my (mum|mom|"
    r"mam|mother|dad|father|husband|hubby|wife|partner|son|daughter|brother|sister|boy|girl))) "
    r"(last|this|in|a few|two|three|\d|a (day|week|fortnight|month)|yesterday|today|recently)|"
    r"(can't|cannot|not sure (i|we) can|not convinced (i|we) can) (live|go on) like this|"
    r"(i'll|i will|i would|i'd|i'm going to|i was going to|about to) (break|snap|crack)\b|"
    r"(i'm|i am|i was|i wasn't|i'm just|really) not (ok|okay)\b|(i|i've|i'd|i had|i have) "
    r"(just )?given up\b|mired in|ashamed|(just )?want to scream|"
    r"(i'm|i am|we're|we are) not ready for (this|it)|(i am|i'm|living) in (hell|a living hell)|"
    r"hell on earth|worst (time|days?|year) of (my|our|his|her) li(fe|ves)|cast adrift|"
    r"mental (fallout|toll)|(we are|we're|i am|i'm) at a (complete )?loss|"
    r"(almost |absolutely )?nothing to look forward to|i scare myself|"
    r"hope (to goodness |to god )?(it|this|it all) (is|will be|'s) over soon|"
    r"(he|she|my (mum|mom|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|"
    r"friend)) ((has |had )?(just|recently|sadly) (died|passed away|passed on)|(died|passed away|"
    r"passed on) (yesterday|today|on (monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)))\b|"
    r"(is|was|it's|it is|it was) (it |this |that )?(all )?"
    r"my (own )?fault|blam(e|ing) myself|what did i do (wrong|to deserve)|"
    # fourth session: a mental well, a black place, being dead soon, drinking to cope
    r"(stuck|fallen|fell|sunk|sinking|trapped) (in|into|down) (a|the) (\w+ )?(well|pit|hole)|"
    r"mental (well|pit)|(a|the|very) (black|dark) (place|period|spell|days)|black dog|"
    r"worst (period|part|stage|phase) of (my|our|his|her)|"
    r"(i|i'll|i shall|i will|i'm going to|i am going to|i might|i may) (soon )?be dead\b|"
    r"dead soon|(around|beside|at) my (casket|coffin|grave)|"
    r"(two|three|2|3) bottle (evening|night|day)|drink(ing)? to (cope|forget|get through)|"
    r"(devastating|terrible|awful|dreadful|crushing) news|"
    r"(i've|i have|ive) stopped caring|(don't|do not|dont) care (what happens to me|"
    r"if i live|whether i live|about anything any ?more)|"
    r"how did (my|our|his|her) life come to this|"
    r"(can't|cannot|cant) keep (doing this|going like this|on like this)|"
    r"(sit|sat|sitting) (in the car|in the dark|alone|outside)( \w+){0,3} (and )?(cry|crying|sob)|"
    r"(written|writing|wrote) (goodbye )?letters to (my|the|our) (kids|children|family|grandkids)|"
    r"(dad|father|mum|mom|mam|mother|husband|wife|partner|son|daughter|brother|"
    r"sister) (is|'s) dying\b|live (the rest of my life |on )?without (him|her)\b|"
    r"sleepless nights|(emotional )?sleeplessness|(wondering|wish|wishing) (if |that )?"
    r"(it was|it had been|it's|this was) (all )?(just )?a bad dream|"
    # money worries that break a family: financial toxicity is distress too
    r"bankrupt\w*|mortgaged (our|my|the)|financial (ruin|hardship|toxicity)|"
    r"(lost|losing|lose) (our|my|the) (home|house)\b|can't afford (to live|to eat|food|the rent|"
    r"the mortgage|the bills))"
)
# A measured temperature of 38 C or more ("temp of 38.5", "39 degrees"), or one
# near it and rising ("temp creeping up to 37.9").
_MEASURED_FEVER = (r"(temp|temperature|thermometer|fever)\b.{0,40}\b(3[89]|4[0-2])\b|"
                   r"3[89](\.\d)? ?(c|degrees|°)|"
                   r"(temp|temperature)\b.{0,40}\b37\.[5-9]|"
                   r"\b37\.[5-9]\b.{0,30}\b(ris\w*|creep\w*|climb\w*|going up|went up)")
# Chest pain, in the clot rule and in the emergency-first check (hard_to_breathe).
# Breath told hard to take: "suddenly couldn't catch my breath", "a hard time taking a
# deep breath", "it hurts when I breathe in" (a clot's sign, and the emergency number first).
_HARD_TO_BREATHE = (r"(sudden\w*|short of|can't catch my|cannot catch my|couldn't catch my|"
                    r"struggl\w*|hard to|hard time|hurts? (to|when)|painful (to|when)|pain when|"
                    r"can't|cannot|couldn't|could not|unable to|trouble|difficulty|fighting for|"
                    r"gasping for)\b.{0,20}"
                    r"\b(breath\w*)")
_CHEST = (r"chest pains?|(chst|chset|chets|ches|cheat) pains?|"
          r"pains? (in|across|on|over|around) (my|his|her|the) chest|tight chest|"
          # "a sort of tight pressing feeling in the middle of my chest"
          r"(tight\w*|pressing|pressure|heav\w*|squeez\w*|crushing|stabbing|aching) (\w+ ){0,3}"
          r"(in|across|on) (the (middle|centre|center|left side) of )?(my|his|her|the) chest|"
          r"heart attack|"
          r"pains? in the (middle|centre|center|left side|right side|side) of (my|his|her|the) "
          r"chest|"
          r"chest (is |feels |felt |was |went )?tight|chest (hurts|hurt|is hurting)|"
          # "ma chest's been awfy tight ... like somebody's sittin on it"
          r"chest('s| has| is)? (been )?(\w+ )?(tight|heavy|crushing)\b|"
          r"(somebody|someone|an elephant|a weight)('s| is)? sitt(ing|in'?) on (it|my chest|his "
          r"chest|her chest)|"
          r"(lungs?|ribs?) (hurts?|hurting|ache|aches|pains?) when (i|he|she|they) "
          r"(\w+ )?(breathe\w*|breath\w*|cough\w*|mov\w*)|pain when (i|he|she|they) breathe\w*")
# With the misspellings people type in a hurry: "my clalf is swolen".
_LIMB = r"(leg|legs|calf|calves|clalf|claf|ankles?|thigh)"
_LIMB_WRONG = (r"(swollen|swolen|swolled|swelling|sweling|swelled|swell|puffy|puffier|puffed|"
               r"painful|sore|tender|"
               r"aching|achy|throbbing|red(?! (spots|dots|marks|rash|pinpricks|freckles))|hot|"
               r"warm|hard|tight|twice the size|bigger|fat|"
               r"hurts?|hurting|pain)")
_RED_FLAGS = {
    "fever": r"\b((?<!scarlet )(?<!hay )(?<!glandular )(?<!yellow )(?<!rheumatic )fever\w*|"
             r"feevr|fevr|fevre|feverish|high temp\w*|burning up|"
             r"(?<!blowing )(?<!blow )(?<!blows )hot and cold|"
             + _MEASURED_FEVER + r"|"
             # not "it sends shivers up my spine to think about ..."
             r"10[0-4](\.\d)? ?(f|degrees)|shiver\w*+(?! (up|down) (my|his|her|your|the) spine)|"
             r"shaking|the shakes|rigou?rs|chills|"
             r"(hot|feverish|burning) (and|n|&|an) (shaky|shivery|sweaty)|shaky and (hot|feverish)|"
             r"fiebre|calentura|temblando|escalofr\w*|"
             r"(got|has|have|had|having|running|ran|with|spiked|spiking) a (high |raised |bit of a "
             r"|slight |low )?temp(erature)?(?! (check|test|reading))|"
             r"temp(erature)? (has |had |keeps |kept |is |was )?(been )?(gone up|went up|going up|"
             r"spiked|"
             r"spiking|creeping|crept|rising|rose|climbing|up and down|shot up|is up|was up|high)|"
             r"neutropenic (fever|sepsis)|sepsis|septic)\b"
             r"|🤒|🥵|🥶",
    "clot": r"\b" + _LIMB_WRONG + r"\b.{0,30}\b" + _LIMB + r"\b|"
            r"\b" + _LIMB + r"\b.{0,40}(?<!not )(?<!n't )(?<!no )\b(" + _LIMB_WRONG[1:-1]
            + r"|worse|getting bigger)\b|"
            r"\b" + _HARD_TO_BREATHE + r"\b|"
            r"\b(breathless\w*|out of breath|gasping|winded)\b|"
            r"\b(swollen|swelling|swelled|puffy|puffed up)\b.{0,30}\b(foot|feet|achilles|heel|"
            r"toes)\b|\b(foot|feet|achilles|heel)\b.{0,30}\b(swollen|swelling|swelled|puffy)\b|"
            r"\b(" + _CHEST + r"|"
            r"coughing (up )?blood|(i|i've|i have|i've got|i had|he|she|he's|she's|he had|she had|"
            r"think i have|might have|got|had|found|diagnosed with|developed|with) "
            r"(a |another |an? )?(blood )?(clot|clots|dvt|pe|pulmonary embol\w*)|"
            r"(clot|dvt) in (my|his|her|the)|pulmonary embol\w*|deep vein thromb\w*)\b",
    # not "bleeding forms everywhere", the British curse
    "bleeding": r"\b(bleed\w*+(?! (forms?|paperwork|hell|nuisance|idiots?|cheek|phone|computer|"
                r"system|council|traffic|parking|queues?|weather|rain|telly|bus|buses|trains?|"
                r"pharmacy|car|printer|internet|website))|"
                r"blood in (my|his|her|the) (pee|urine|poo|stool|sick|wee)|"
                r"nose ?bleed\w*|bloody nose\w*|blood (was |is |kept |keeps )?(coming|pouring|"
                r"dripping) (out of|from) (my|his|her) (nose|mouth|gums)|"
                r"(vomit\w*|threw up|throwing up|coughed up|coughing up|peeing|weeing|passing) "
                r"(some |a bit of |a little )?blood|"
                r"(?<!the odd )(?<!an odd )(?<!the occasional )bruis\w*|black (poo|stool)s?|"
                r"vomiting blood|petechia\w*|purpura|"
                r"(tiny|little|purple|blood) (red )?(spots|dots|blotches))\b",
    "spinal": r"\b(back pain|pain in (my|his|her) back|backache|back ache|"
              r"(my|his|her) back (hurts|is killing|has been|was|is agony))\b.{0,80}"
              r"\b(leg|legs|numb(?!er)\w*|weak\w*|walk\w*|pins and needles|bladders?|bowels?|"
              r"tingl\w*|"
              r"heavy)\b|"
              r"\b(legs?|feet) (feel |felt |are |is |going |are going |keep |keeps |have gone |"
              r"has gone |gone |went |were |getting |got |became |becoming |are gone |is gone |"
              r"are after going |have went )?"
              r"(so |really |very |a bit |all )?(weak|numb|giving way|gave way|heavy and tingly|"
              r"like jelly|wobbly and numb)\b|"
              r"\b(?<!on )(numb|weak|heavy) (legs?|feet)\b|"
              r"\b(can't|cannot|can not|couldn't) (feel|move) (my|his|her|their) (legs|feet)\b|"
              r"\b(can't|cannot|couldn't) (walk|stand( up)?)( any ?more| properly| at all)?\b|"
              r"\b(lying|lay|laying|left) in (my|his|her) own (urine|wee|pee)\b|"
              r"\bnot (making|make) it to the (toilet|loo|bathroom) in time\b|"
              r"\b(lost control of|(can't|cannot|couldn't|could not) control) (my|his|her) "
              r"(bladder|bowels?)\b|"
              r"\b(can't|cannot|couldn't|could not) (seem to )?(pee|wee|urinate|pass water)"
              r"( properly| at all)?\b|"
              r"\b(spinal )?cord compression|\bmscc\b|"
              r"\b(excruciating|severe|agonising|agonizing|unbearable|terrible) (lower |upper )?"
              r"(back|spine|spinal) pain\b|"
              r"\b(back|spine|spinal) pain\b.{0,40}\b(got|getting|gets|grew|became) "
              r"(steadily |much |"
              r"a lot |progressively |worse and )?worse\b",
    "collapse": r"\b(dizzy all of a sudden|suddenly (very )?dizzy|(come|came|coming|came) over "
                r"(all )?dizzy|(severe|sudden) (eyesight|vision|sight) (problems?|loss|trouble)|"
                r"collapsed(?! (lungs?|vertebra\w*|veins?|discs?))"
                r"(?!,? (gone|crunched|crushed|flattened|fractured|broken)\b)|passed out|fainted|"
                r"blacked out|"
                r"feel(ing)? faint|(another|a) fit|"
                r"(having|had) a stroke|face (is )?droop\w*|slurr\w*|seizures?|a fit\b|"
                r"unconscious|won't wake up|can't wake (him|her)|pass(ed|ing|es)? out|"
                r"faint(ed|ing|s|er)\b|tunnel vision|(a|sudden|unexpected) collapse)\b",
    "confusion": r"\b((i'm|i am|i feel|feeling|he's|she's|is|are|was|were|seems?|seemed|looks?|"
                 r"getting|got|became|been|suddenly)\s+(very\s+|so\s+|really\s+|a bit\s+|"
                 r"quite\s+)?(confused|muddled|disorientated|disoriented|delirious)\b"
                 r"(?!\s+(by|about|with|over|as to|because|as|why|whether|if|what|how))|"
                 r"\b(this|so) confused\b(?!\s+(by|about|with|over|because|as|why|whether|if|what|"
                 r"how))|"
                 r"\b(so|really|very|always|extremely|terribly) thirsty|great thirst|"
                 r"\b(and|so|bit|feel|feeling|i'm|is|getting) muddled\b|"
                 r"extreme(ly)? thirst\w*|not making sense|can't think straight|"
                 # "does it make you drowsy?" asks about the drug, not a sign
                 r"(?<!make you )(?<!makes you )(?<!making you )(?<!cause )(?<!causes )drowsy|"
                 r"(become|becoming|became|getting|grown|more and more|increasingly) "
                 r"(\w+ )?confused|sleeping (all day|all the time|a lot|and sleeping)|"
                 r"asleep (most|all|much) of the (day|time)|sleeps? (much |far )?more (and more )?"
                 r"(during|in) the day|"
                 r"dead to the world|"
                 r"can't stay awake|talking nonsense|hallucinat\w*|"
                 r"(doesn't|didn't|does not) know where (he|she) (is|was))",
    "pregnancy": r"\b((i'm|i am|i might be|i may be|i could be|i think i'm|i think i am|"
                 r"she's|she is|she might be|she may be|she could be|partner is|wife is|"
                 r"girlfriend is|partner might be|wife might be|we're|we are)\s+"
                 r"(\d+\s+(and|&)\s+)?(?!not\b|never\b)(\w+\s+)?pregnant|missed (my |a )?period|"
                 r"positive pregnancy test|"
                 r"pregnancy test (was|is|came back) positive|expecting a baby|"
                 r"(i|she|we) (was|were|got|have got|fell) pregnant|period is late|late period|"
                 r"(i've|i have|i|she's|she has|she) (just )?(become|became|fallen) pregnant|"
                 r"found out (that )?(i'm|i am|i was|she's|she is|she was) pregnant|"
                 r"(might|may|could) (already |possibly |actually |just )?be pregnant)\b",
    # being sick and diarrhoea together: fluids lost both ways ("nausea and sickness since
    # I started ... and diarrhea since I stopped")
    "fluids": r"\b(sickness|being sick|vomit\w*|throwing up|puking)\b.{0,80}\b(diarrh\w*|"
              r"diarrea|diarhea|the runs)\b|\b(diarrh\w*|diarrea|diarhea|the runs)\b.{0,80}\b("
              r"sickness|being sick|vomit\w*|throwing up|puking)\b|"
              r"\b((diarrh\w*|diarrea|diarhea|the runs|loose (stools?|bowels?|poo)|watery|"
              r"(to|on) the (loo|toilet|bathroom))\b.{0,60}\b([5-9]|[1-9]\d|five|six|seven|eight|"
              r"nine|ten|eleven|twelve|fifteen|twenty)( or \d+)? (times|x) (a|per|each|every) "
              r"(day|night)|"
              r"(diarrh\w*|diarrea|diarhea|the runs|loose|watery)\b.{0,40}\b([6-9]|[1-9]\d|six|"
              r"seven|"
              r"eight|nine|ten|twelve|fifteen|twenty) (times|x) (today|since|overnight|last night)|"
              # "10-12 bouts of severe diarrhoea a day", "it kept getting worse"
              r"([5-9]|[1-9]\d)(-\d+)? (bouts|episodes|goes|trips)\b.{0,40}\b(diarrh\w*|diarrea|"
              r"loo|toilet)\b|severe (diarrh\w*|diarrea)|"
              r"(diarrh\w*|diarrea|diarhea|the runs)\b.{0,30}\b(kept|keeps|keep) getting worse|"
              r"([5-9]|[1-9]\d|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)( or \d+)? "
              r"(times|x) (a|per|each|every) (day|night)\b.{0,40}\b(diarrh\w*|diarrea|runs|loose|"
              r"watery|loo|toilet)|"
              r"(diarrh\w*|diarrea|diarhea|the runs)\b.{0,60}\b(dizzy|faint\w*|light[- ]?headed|"
              r"blood|bloody)|"
              r"(diarrh\w*|diarrea|diarhea|the runs)\b.{0,25}\b(non-?stop|every hour|all day and "
              r"(all )?night|(won't|will not|wont|doesn't|does not) stop)|"
              r"(can't|cannot|couldn't|could not|can not|unable to|not able to) "
              r"(swallow(?! (the |my |these |those |big |his |her )?(tablets?|capsules?|pills?|"
              r"them|it)\b)|"
              r"eat or drink|(even )?drink (anything|water|fluids))|"
              r"(drinking|swallowing)\b.{0,30}\b(so |really |too )?"
              r"(uncomfortable|painful|agony|impossible)|"
              r"(can't|cannot|couldn't|could not|can not|unable to|not able to) keep "
              r"(even |any |much |a drop of |a sip of |sips of |a mouthful of )*(anything|food|"
              r"fluids?|water|drinks?|it|"
              r"much|a thing|liquids?|tea|(my |his |her |the )?(tablets|pills|meds|medicine)) down|"
              r"(been|being) sick (all day|all night|since|non-?stop|again and again)|"
              r"(been |being |was )?(sick|vomited|threw up) (about |like |maybe )?([5-9]|[1-9]\d|"
              r"five|six|seven|eight|nine|ten|a dozen) times|"
              r"(can't|cannot|couldn't|could not) stop (being sick|vomiting|throwing up|puking)|"
              r"(vomit\w*|throwing up|threw up|being sick|sick) (up )?(bile|blood)|"
              r"(keeps?|kept|keep on) (being sick|vomiting|throwing up|"
              r"bringing (everything|it) up)|"
              r"(vomiting|being sick|throwing up) (every (hour|\d+ hours|few hours)|"
              r"all (day|night)|non-?stop|constantly)|"
              r"(hasn't|has not|haven't|have not|hardly|barely) (peed|weed|passed (any |much )?"
              r"(urine|water)|been (for a|to) (pee|wee)|had a (pee|wee))|"
              r"(puk\w*|vomit\w*|throwing up|being sick) (\w+ )?(all night|all day|since)|"
              r"(tablets|pills|capsules|food|everything|water|drinks?|it) (comes?|coming|came|"
              r"keeps? coming) (straight )?back up|"
              r"(not|no) (peeing|weeing|passing urine)( much| at all)?|"
              # a ninth-session story: "all food and liquid is being rejected", "vomiting every
              # sixty or thirty minutes", "a lack of drinking, eating and going to the toilet"
              r"(food|liquids?|fluids?|water|drinks?)( is| are)? (being )?rejected|"
              r"(vomit\w*|being sick|throwing up) every (\w+ ){0,3}(minutes|hour)|"
              r"dry heav\w* (until|all|for|non-?stop)|"
              r"(lack of|not|hardly|barely) (drinking|taking (in )?fluids)\b.{0,40}\b(toilet|loo|"
              r"pee\w*|wee\w*|urine))\b",
    # Yellow skin or eyes: the liver (lenalidomide's leaflet lists liver problems).
    "liver": r"\b(jaundic\w*|(skin|eyes|whites of (my|his|her|the) eyes)\b.{0,40}\b"
             r"(yellow\w*|gone a funny colour|orange-?y?)|yellow\w* (skin|eyes?|tinge)|"
             r"\b(i've|i have|i'm|he's|he has|she's|she has|he|she|i|husband|wife|partner|mum|mom|"
             r"dad|hubby) (\w+ ){0,2}(turn\w*|gone|going|look\w*|went) (a bit |quite |very |"
             r"slightly |a little )?yel+ow\w*|(eyes|skin) (have |has |are |is )?(gone |going |"
             r"turned )?yel+ow)\b",
    # A rash that blisters or peels, or sores with it: a serious skin reaction.
    "skin": r"\b(rash\w*|spots)\b.{0,140}(?<!no )(?<!not )(?<!without )(?<!n't )"
            r"\b(blister\w*|peel\w*|weep\w*|raw)\b|"
            r"(?<!no )(?<!not )(?<!without )\b(blister\w*|peel\w*)\b.{0,40}\brash\b|"
            r"\bskin\b.{0,40}\b(coming|came|peeling|peeled) off in (sheets|layers|strips)\b|"
            r"\bskin (is |has been |keeps |has started )?(coming|came) (off|away)\b|"
            r"\brash\b.{0,60}\b(mouth|lips|eyes)\b.{0,20}\b(sores?|ulcers?|blisters?)\b|"
            r"\brash\b.{0,40}\b(sores?|ulcers?|blisters?) (in|on|around) (my|his|her|the) "
            r"(mouth|lips|eyes)\b",
    "falls": r"\b(fell|fall|falling|went down|collapsed|tripped)\b.{0,80}\b(lump|bump|egg|swelling|"
             r"cut) on (his|her|my|the) (forehead|head)\b|"
             r"\b(keeps?|kept) (having (\w+ )?falls|falling( over| down)?)\b(?! asleep)|"
             r"\b(i'm|i am|he's|she's|he is|she is) (now )?falling (off|over|down|into)\b|"
             r"\b(had|has had|having) (a few|several|two|three|lots of|a lot of|more) falls\b|"
             r"\bfell (over|down)? ?(again|twice|three times)\b|"
             r"\b(fell|fall|falling|tripped)\b.{0,40}\b(hit|banged|bumped|knocked|cut) (her|his|my|"
             r"their) head\b",
    "medicine": r"\b(took (too many|double|two doses|an extra|extra)|double (my |the )?dose|"
                r"took (\w+ ){0,3}twice|"
                r"took (two|2) (\w+ ){0,2}(caps|capsules|tablets|pills|doses)|"
                r"(two|2) (\w+ ){0,2}(caps|capsules|tablets|pills|doses) (\w+ ){0,3}instead of "
                r"(one|1)\b|"
                r"doubled (my|the|his|her) dose|"
                r"too many (tablets|capsules|pills)|overdos\w*)\b",
}
# Signs as people tell them in stories, beside the textbook words above: a
# temperature in Fahrenheit or with a decimal, "roasting to touch"; one leg
# fatter than the other; lips going blue, "couldn't get enough air"; black
# tarry poo, blood on the pillow; legs giving way, no feeling "down below",
# not able to pee; "not making sense", "asked me who I was"; found on the
# floor, unresponsive; a late period, a positive test; three capsules instead
# of one, a child into the tablets.
_BREATHLESS = (r"gasp\w*|(couldn't|can't|cannot|could not) get (enough )?(air|(my|his|her) breath)|"
               r"not enough air|out of puff|puffed out|struggl\w* for (air|breath)|"
               r"fighting for (air|breath)|"
               r"breath(ing|lessness)\b.{0,140}\b(got|gets|getting|gone|grown|become|became|"
               r"has become|is|was) (?!(not|no|less|any|never) )(\w+ ){0,2}(worse|bad|harder|"
               r"difficult)\b|"
               r"breathing (is |was |so |very |really |all )*(fast|"
               r"shallow|laboured|labored|noisy|rattly|difficult|hard|funny)|"
               r"(lips|face|fingers?) (look |looks |are |is |went |gone |going |turning |turned )*"
               r"(a bit |slightly )?(blue|grey|gray)|blue lips|"
               r"crushing\b.{0,20}\bchest|chest\b.{0,20}\b(heavy|crushing|pressure|squeez\w*)|"
               r"sitting on (my|his|her) chest|heavy chest|"
               r"pain (going |spreading |running )?(down|into) (my|his|her) (left )?arm|"
               r"chest\b.{0,40}\b(going|spreading|running|moving) (down |up )?(into|down) "
               r"(my|his|her|the) (left )?(arm|jaw)|"
               r"cough\w*\b.{0,40}\bblood|blood\b.{0,30}\bcough\w*|"
               r"(pink|bloody|blood[- ]stained) (froth\w*|sputum|phlegm|spit)|"
               r"froth\w*\b.{0,30}\bcough\w*|cough\w*\b.{0,30}\bfroth\w*")
_MORE_SIGNS = {
    "fever": r"\b(a|the) (bit of a |big |bad )?shake\b.{0,40}\b(whole body|all over|couldn't stop|"
             r"could not stop|uncontroll\w*)|(couldn't|could not|can't|cannot) stop (shaking|"
             r"shivering|trembling)|\bfebrile\b|\b10[0-4](\.\d)? ?(°|deg|f\b)|"
             r"temp(erature)? (is |was |of |at )?(up|"
         r"high)\b|"
             r"\bspik(ed|ing) a\b",
    "clot": r"\b(can't|cannot|can not|couldn't|unable to) breathe\b|\bstruggling to breathe\b|"
            r"\bshortness of breath\b|"
            r"\b(blood )?clots? (on|in) (my|his|her|both|the) (left |right )?lungs?\b|"
            r"\bblood clots? in\b(?! (the |this |that |a )?(trial|study|group|people|patients|"
            r"myeloma|general)\b)|"
            r"\b(neck|port|picc|line|arm)\b.{0,40}\b(swollen|swelling|puffy)\b|"
            r"\bheart (is |was )?(racing|pounding)\b.{0,40}\bbreath|\bbreath\w*\b.{0,40}\bheart "
            r"(is |was )?(racing|pounding)",
    "bleeding": r"won't stop bleeding|blood (in|on) (his|her|my|the) \w+|bleeding from|"
                # "blood in poo lots", "spit blood" (a triage red-team in few words)
                r"\bblood in (poo|stool|stools|wee|pee|urine|sick|vomit)|"
                r"\b(spit|spits|spitting|spat|cough|coughs|coughing|coughed) (up )?blood",
    "spinal": r"\b(can't|cannot|couldn't) walk\b|legs (won't|don't|wont|dont) work|"
              r"\blegs? (no|not) (work|working|go|going|move|moving)\b|"
              r"\b(bottom|bum|buttocks|saddle|groin|loo roll|toilet paper)\b.{0,30}\b("
              r"numb(?!er)\w*|can't feel|cannot feel|no feeling)|"
              r"\b(numb(?!er)\w*|can't feel|cannot feel)\b.{0,40}\b("
              r"bottom|bum|loo roll|toilet paper|when i wipe)\b|"
              r"(haven't|have not|hasn't|has not|not) been able to (pee|wee|urinate|pass water|go "
              r"for a (wee|pee))|"
              r"legs not working|"
              # "the walking funny, the non-repsonsive limbs"
              r"\bnon-?re\w{0,3}ponsive (limbs?|legs?|arms?|hands?|feet)\b|\bwalking (funny|oddly|"
              r"strangely)\b|"
              # "more of a stumble right now": legs that give, not a blog stumbled on
              r"\b(a stumble|stumbling|stumbles|keeps? stumbling)\b"
              r"(?! (across|upon|on|onto|into|over|through))|"
              # "her left leg seemed to be becoming weaker and weaker", "couldn't lift it"
              r"\b(legs?|feet)\b.{0,40}\bweaker and weaker\b|"
              r"\b(legs?|feet)\b(\W+\w+){0,6}\W+(getting|becoming|grown|growing|gone|got) weaker\b|"
              r"(can't|cannot|couldn't|could not|unable to|not able to) (lift|raise|move) "
              r"(my|his|her|their|the) (left |right )?legs?\b|"
              r"dragging (my|his|her) (leg|foot|feet)|"
              r"(?<!thought i'd )(?<!thought i would )(?<!nearly )(?<!almost )(?<!could have )"
              r"\b(wet|peed|pee'd|wee'd) (my|him|her)self|"
              r"los(t|ing) control of (my|his|her) (bladder|bowels?)|"
              # not "trouble with his bowels" alone (the runs, constipation): with back pain,
              # the rule above reads it
              r"(trouble|problems?|difficulty|struggling) (controlling|holding) (my|his|her) "
              r"(bladder|bowels?)\b",
    # "not myself" is a mood ("Bit low lately. Not myself."); "not himself" a change to act on
    "confusion": r"\bnot (him|her)self\b|not (talk\w*|making) (any )?sense|"
                 r"acting (strange|strangely|odd|oddly|weird|confused)|"
                 r"behaving "
                 r"(oddly|strangely)|talking (rubbish|gibberish|nonsense)|seeing things|"
                 r"(doesn't|didn't|does not|did not) know what (day|year|time) it (is|was)|"
                 r"(very|so|really|extremely|terribly) sleepy|"
                 # not "cant remember what number to call"
                 r"(can't|couldn't) remember (what|where|who)(?! (number|phone|the number|to "
                 r"call|to ring|his name|her name|it's called|its called|they call|i've told|"
                 r"ive told|i told|i've said|i said))|"
                 r"sudden(ly)? (forgetful|confused)",
    "collapse": r"\bfell (down |over )?,? ?and (was )?(couldn't|could not|can't|unable to) get up|"
                r"\bsudden(ly)? (\w+ ){0,2}(weak|numb)\w*\b.{0,30}\b(arm|face|one side|hand)\b|"
                r"\b(arm|face|one side|hand)\b (\w+ ){0,2}(suddenly )?(went|gone|going|has gone|"
                r"felt) (all )?(weak|numb|floppy|dead)|"

                r"\bon the ground\b|"
                r"worst headache|sudden (severe |bad |awful )?headache|thunderclap|double vision|"
                r"(vision|sight) (went|is|was|has gone|going) (double|blurry|blurred|funny)|"
                r"lost (the |my |his |her )?(sight|vision)|"
                r"dropped to the (floor|ground)|fitting\b|convuls\w*|face (is |was )?"
                r"(drooping|lopsided|dropped)|"
                r"(his|her|my) speech (is |was )?(slurred|strange|funny)",
    "medicine": r"double (dose|dosed)|doubled up|(took|taken|had|gave|given) (\w+ )?"
                r"(his|her|my|the) (\w+ )?(dose|tablets?|capsules?|pills?|revlimid|lenalidomide|"
                r"len|meds) twice|"
                r"extra (capsule|tablet|dose)s?\b|"
                r"\bagain\b.{0,40}\bforgot (i|he|she) had (already )?(taken|took|had) "
                r"(it|them|one)|"
                r"forgot (i|he|she) had (already )?(taken|had) (it|them|one)\b.{0,30}\b"
                r"(again|another)",
}
# Clinical words patients use in blogs for the same emergencies.
_CLINICAL_WORDS = {
    "fever": r"\b(sepsis|septic\w*|septica?emia|neutropenic|pneumonia(?! (vaccin\w*|jabs?|shots?))|"
             r"chest infection|"
             r"spik(e|ed|es|ing) a (high )?temp(erature)?|spiking temperatures?|"
             # too cold is a sign too: "keep his temperature above 34 degrees"
             r"temp(erature)? (is |was |of |at |below |under |above |dropped to |down to |fell "
             r"to )+3[0-5](\.\d)? ?(c|°c?|degrees)?(?![\d.]))\b",
    "clot": r"\b(thrombos[ie]s|thrombus|embolism|emboli|(vein|artery) (occlusion|blocked)|"
            r"blocked (vein|artery))\b",
    "confusion": r"\b(hypercalca?emia|high calcium|calcium (is |was |levels? )?(high|up|raised))\b",
    "spinal": r"\b((spinal|vertebra\w*) (collapse|fracture\w*|compression)|fractured vertebra\w*|"
              r"crush(ed)? (fracture|vertebra\w*)|spinal cord|(go|went|going|gone) numb)\b",
    "collapse": r"\b(resuscitat\w*|cardiac arrest|dizzy and (fell|collapsed|went down))\b",
}
# "condom split last night": a sign of pregnancy, and whose (bot.safety._red_flag_help).
_CONDOM_FAILED = re.compile(r"\bcondom (split|broke|burst|came off|failed|slipped)")
_STORY_SIGNS = {
    "fever": r"\b(3[89]\.\d|4[01]\.\d|100\.[4-9]|10[1-4]\.\d)\b|"
             r"\b(temp|temperature)\b.{0,40}\b(100\.[4-9]|10[1-4])\b|"
             r"hot to (the )?touch|roasting|boiling hot|(drenched|soaked|pouring) (in|with) sweat|"
             r"(night )?sweats|clammy|flu[- ]?like|shivery|teeth (are )?chattering|"
             r"cold and shaking|shaking and cold|freezing (cold )?but",
    "clot": r"(bigger|fatter|thicker|larger|more swollen|puffier|twice the size) than the other|"
            r"\b(leg|calf|ankle|foot|thigh)\b.{0,60}\b(swollen|swelling|swelled|puffy|red and hot|"
            r"hot and red|warm and red|red and warm)\b|"
            r"\b(leg|calf)\b.{0,30}\b(feels |feel )?(full|heavy and swollen|tight and hot)\b|"
            r"\barm\b.{0,40}\b(swollen|swelling|puffy)\b|\b(swollen|swelling|"
            r"puffy)\b.{0,30}\barm\b|"
            + _BREATHLESS,
    "bleeding": r"\b(bled|oozing|tarry|coffee grounds?|blood blisters?|"
                r"blood (when|after) (i|he|she) (wipe|wiped|pee|peed|poo|pooed)|"
                r"blood on the (toilet|loo) (paper|roll)|"
                r"blood on (his|her|my|the) (pillow|tissue|toothbrush|sheets|hanky)|"
                r"purple (patches|blotches|marks|bruises)|"
                r"(peeing|weeing|pissing|passing|coughing|spitting|throwing) (out |up )?blood|"
                r"blood (clots )?in (my|his|her|the) (pee|urine|poo|stool|sick|wee|vomit|motions?)|"
                r"blood in it|black (poo|stools?|motions)|like tar\b|tar[- ]like|"
                r"(poo|stools?|motions)\b.{0,30}\b(black|like tar)\b|"
                r"(pink|pinky|pinkish|red|reddish|bloody|brown|cola[- ]coloured) (wee|pee|urine)|"
                r"(wee|pee|urine) (has been |is |was |looks |looked |went |has gone |gone |"
                r"turned |coming out )(\w+ )?(pink|pinky|pinkish|red|reddish|bloody))\b",
    "spinal": r"\b(legs?|knees?) (just |keep |keeps |kept )?(gave way|giving way|give way|buckl\w*|"
              r"collapsed under|went from under)|"
              r"\b(numb(?!er)\w*|no feeling|can't feel|cannot feel|lost feeling)\b.{0,40}\b("
              r"bum|bottom|buttocks|saddle|down below|between (my|his|her) legs|groin|waist down|"
              r"both legs)\b|"
              r"\b(can't|cannot|couldn't|unable to|not able to) (pee|wee|urinate|pass water|"
              r"go for a (pee|wee|poo))\b|"
              r"\b(trying|tried|straining|struggl\w*) to (have a |go for a )?(wee|pee|urinate|"
              r"pass water)\b.{0,40}\b(hardly|barely|nothing|only a (dribble|trickle))\b|"
              r"(?<!thought i'd )(?<!thought i would )(?<!nearly )(?<!almost )(?<!could have )"
              r"\b(wetting|wet) (him|her|my)sel(f|ves)|\bincontinen\w*|\bband of pain\b|"
              r"\b(back|spine)\b.{0,100}\b(legs?|thighs?)\b.{0,45}\b(tingl\w*|weak|heavy|numb|"
              r"wobbly|like jelly)\b|"
              r"\b(legs?|thighs?)\b.{0,60}\bback\b.{0,30}\b(pain\w*|hurt\w*|ache|aching|agony|"
              r"sore)\b|"
              r"pins and needles in (both|my|his|her) legs|"
              r"\b(lost|losing|reduced|no|less|loss of) (all )?(the )?(feeling|sensation) in "
              r"(my|his|her|both|the) (legs?|feet|toes)\b|"
              r"\b(a |my |his |her )(dead|numb) (left |right )?(leg|foot)\b|"
              r"\b(legs?|foot|feet) (has |have |had )?(felt |feels |feel |gone |been |is |are |"
              r"was |were )(kind of |sort of |a bit |really |completely |totally |all )?"
              r"(dead|numb)\b|"
              r"\blos(e|s|t|ing) (\w+ )?(feeling|sensation) (in|from) (my|his|her) (left |right )?"
              r"(hip|thigh|knee|legs?|foot|feet)\b|"
              r"\blos(s|t|ing) (of )?control (in|of) (my|his|her) (left |right )?"
              r"(legs?|foot|feet)\b|"
              r"\b(can't|cannot|couldn't|could not) (physically )?move (my|his|her) (left |right )?"
              r"(legs?|foot|feet)\b|\b(could|can) (barely|hardly) walk\b",
    "confusion": r"\bnot making (any )?sense|(keeps?|kept) (asking|repeating|saying) the same|"
                 # "talkin nonsense aw day, disnae ken where she is", "away with the fairies"
                 r"\btalk(ing|in'?)? (utter |complete )?(nonsense|gibberish|rubbish)\b|"
                 r"\b(doesn't|does not|didn't|did not|disnae|didnae|doesnt|don't|dinnae) "
                 r"(know|ken) where (she|he|i|they) (is|am|are|was|were)\b|"
                 r"\baway with the fairies\b|"
                 # great thirst told as a story
                 r"\bdrinking (\w+ ){0,2}like (it'?s|its) going out of fashion|"
                 r"\b(\d+|four|five|six|seven|eight) (litres?|liters?) (of \w+ )?a day\b|"
                 r"\b(wee|pee)(ing|-ing|in)? (constantly|all the time|non-?stop)\b|"
                 # "staring at me and not connecting with my words"
                 r"\bnot (connecting|responding) (with|to) (my|our|his|her|the|what)\b|"
                 r"\bsleeps? (\d+ ?%|most|all|nearly all) (of )?the day\b|"
                 r"struggl\w* (for|to find) (the |his |her |my )?words|"
                 r"(can't|couldn't|could not) find (the|his|her|my) words|"
                 r"(jumbled|muddled|garbled) (words|speech)|"
                 r"\b(didn't|doesn't|did not|does not|couldn't) (recogni[sz]e|know) (me|us|our|who|"
                 r"where)|asked me who (i|we) (was|am|were)|like (she's|he's|she is|he is|"
                 r"i'm) drunk|"
                 r"\bagitated\b|disorient\w*|(barely|can't|cannot|couldn't) keep (his|her|my) eyes "
                 r"open|hard to wake|(very|really|so) (vague|sleepy and confused|muddled)|"
                 r"(barely|hardly|can't|couldn't|could not) (wake|rouse) (him|her|me|them)\b|"
                 r"\b(he|she|him|her|they|mum|mom|dad|husband|wife) (\w+ ){0,2}"
                 r"(didn't|doesn't|did not|does not|wasn't|isn't) mak(e|ing) (much |any )?sense|"
                 r"\bgot lost\b|losing (my|his|her) words|"
                 r"words (are |were )?coming out (all )?(wrong|muddled|jumbled|garbled|"
                 r"mixed up|funny)|"
                 r"(falling|fell|drops?|dropping|dropped) asleep "
                 r"(mid[- ]?sentence|while (talking|eating)|in the middle of)|"
                 r"\bparched\b|drinking (loads|lots|gallons|litres|liters)|thought (she|he) was "
                 r"(back|at|in) ",
    "collapse": r"\b(found|lying|laying) (\w+ ){0,3}on the (\w+ )?floor\b|\bwent (floppy|limp)\b|"
                r"\b(i|he|she) came (round|to)(?=[,.!]| and\b| on the (floor|ground|concrete))|"
                r"\bnext thing (i|you|he|she|we) kn(ew|ow),? (i|he|she|you) (was|were|am|is) "
                r"(on the (floor|ground)|face down|lying|waking up)|\bface down (in|on)\b|"
                r"\bcrumpled (on|in|to|at) (the|a|my|his|her)\b|"
                r"\b(unresponsive|not responding|won't respond|wouldn't respond|keeled over|"
                r"slumped|"
                r"lost consciousness|went down like)\b|\bcame (round|to) (a|about|after|\d+|few|"
                r"couple)\b|\b(can't|cannot|couldn't) (lift|move) (my|his|her) (right |left )?"
                r"(arm|leg|side)\b|\b(he's|she's|he is|she is|he was|she was) (just )?not there\b",
    "pregnancy": r"\b(faint|feint) (second |2nd )?line\b|"
                 # "pregnant? on revlimid": a question of one word, told beside the drug
                 r"^\W*(i'm |im |maybe |might be |could be )?pregnant\W+(and |while |but )?"
                 r"(on|taking) (len\w*|revlimid)\b|"
                 r"\b(a|the) (second|2nd) line\b.{0,30}\btest|"
                 r"\btest\b.{0,40}\b(faint|feint) (second |2nd )?line|"
                 r"\bperiod('s| is| has| hasn't| hasnt)? (\w+ ){0,3}(late|not come|hasn't come|"
                 r"hasnt come|missed)|\b(test|line)\b.{0,30}\bpositive\b|"
                 r"\bperiods?\b.{0,60}\b(late|overdue)\b|positive for pregnancy|"
                 r"(was|am|is|were) already pregnant|"
                 r"missed (\w+ ){0,3}(pill|pills)\b.{0,40}\b(sex|pregnan\w*)|"
                 r"positive (test|result|line)|faint line|could (i|she|we) be pregnant|"
                 r"(might|may) be expecting|(i'm|we're|she's) expecting|"
                 r"(partner|wife|girlfriend|she)('s|s| is) (\w+ )?pregnant|"
                 r"(girlfriend|partner|wife|she)('s| is) late\b|"
                 # "condom split last night, I'm a man on lenalidomide"
                 + _CONDOM_FAILED.pattern,
    "medicine": r"\b(took|taken|taking|had|swallowed) (\w+ ){0,6}(instead of|by mistake|"
                r"by accident|"
                r"accidentally)|instead of (one|1|10|the one)\b|"
                # "found myself taking another one because I'd forgotten, so that's two today"
                r"\b(took|taking|taken|had) another (one|capsule|tablet|pill)\b.{0,40}"
                r"\b(forgot|forgotten|already)\b|\bthat'?s two (today|this morning|in one day)\b|"
                r"\b(\d+|two|three|four|five) (capsules|tablets|pills|caps) (instead|in one go|"
                r"at once)|"
                r"week'?s worth|in one go|(swallowed|got into) (my|his|her|the|one of) (\w+ )?"
                r"(tablets|capsules|pills|revlimid|lenalidomide|meds)|without the (week|weeks) off|"
                r"(capsule|capsules) (split|broken|opened|open)|wrong (strength|dose)|"
                r"thinking it was (his|her|my)|"
                r"\baccidentally (took|taken|had|swallowed)\b|"
                r"(two|2|three|3|a few|several) days'? (worth )?(of )?(my |the )?(capsules|tablets|"
                r"pills|doses)|"
                # a child and the capsules: "toddler got into my pill box", "chewed one"
                r"got into (my|his|her|the|our) (pill ?box|pill organi[sz]er|blister pack|meds)|"
                # a capsule missing: "one of my revlimid capsules is missing", "one capsule
                # missing from the blister"
                r"(one|some|two|a few) of (the |my |his |her |our )?(revlimid |lenalidomide |len )?"
                r"(revlimid|lenalidomide|capsules?|tablets?|pills?) (is |are |has |have |seems? to "
                r"be |)(gone )?missing|"
                r"\b(one|a|some|two) (revlimid |lenalidomide )?(capsules?|tablets?|pills?) "
                r"(\w+ ){0,2}missing\b|"
                r"(chewed|bit|bitten|sucked|swallowed|ate|eaten) (on )?(one|some|a couple|two) of "
                r"(the|my|his|her|our) (capsules|tablets|pills|revlimid|lenalidomide)|"
                r"(capsules?|tablets?|pills?|revlimid|lenalidomide) in (her|his|their) mouth",
}
_RED_FLAG_RULES: Dict[str, Pattern[str]] = {
    k: re.compile("|".join([p, *(extra[k] for extra in (_STORY_SIGNS, _MORE_SIGNS,
                                                         _CLINICAL_WORDS) if k in extra)]))
    for k, p in _RED_FLAGS.items()}
# Warning signs passed on as advice, not had: "the nurse went through the
# things to ring about: a temperature of 38, a swollen leg ..." (the advice
# comes first in the sentence; "my leg is swollen, the leaflet says ring" counts).
_ADVICE = re.compile(r"\b(watch(ing)? (out )?for|look(ing)? out for|things to (ring|call|watch)|"
                     r"list of (things|symptoms|signs)|what to watch|"
                     r"(ring|call|phone) (the|them|us|the hotline|the line) "
                     r"(if|straight away if|at)|"
                     r"(ring|call|phone)\b[\w' -]{0,25}\b(if|when) (i|you|he|she|we|they) "
                     r"(get|have|notice|develop|start)|"
                     r"told (me|us|him|her) to (ring|call|watch)|booklet|leaflet|warning signs|"
                     # "the research on tamoxifen shows side effects that are scary: clots, ..."
                     r"(research|studies|the study|the trial|trials)( on [\w-]+)? (shows?|found)|"
                     r"side effects (that are \w+|like|such as|include|including)\b)\b")
# Words that bring a sign back to the person now, after advice about it ("the
# nurse said watch for a fever, and now I have 38.5").
_NOW_AGAIN = re.compile(r"\b(now|today|tonight|this (morning|evening|afternoon)|i have|"
                        r"i've got|i've had|i had|i'm|he has|she has|he's got|she's got|mine|"
                        r"his is|hers is)\b")


def _advice_only(before: str) -> bool:
    """The words before a sign pass on advice, and nothing after the advice
    says someone has the sign now."""
    found = list(_ADVICE.finditer(before))
    return bool(found) and not _NOW_AGAIN.search(before[found[-1].end():])


# Signs told of someone said not to have cancer, of thirst from exercise, or of
# the menopause: not the patient's sign (read in the sentence).
_NOT_A_PATIENT = re.compile(
    r"\b(doesn't|does not|don't|do not|didn't|did not) have (cancer|myeloma|anything serious)\b|"
    r"\bthirsty after (football|rugby|exercise|the gym|a run|running|a walk|walking|gardening|"
    r"training|the match|sport)\b|"
    # sweats of the menopause are not a fever's
    r"\b(hot (flash|flush)\w*|menopaus\w*)\b")
# The rest of a clause up to the writer's own words ("... and my gums are bleeding").
_REST_OF_THEIR_CLAUSE = r"(?:(?!\b(i|i'm|i've|im|ive|me|my)\b)[^.,;!?])*"
# A child's illness said after who is ill, then the rest of that clause.
_ILL = (r"(has|have|had|is|are|was|were|got)( been| got| had)? (a |the )?(sick|ill|poorly|unwell|"
        r"off school|full of cold|cold|fever|temp|temperature|flu|bug|virus|chickenpox|"
        r"chicken pox|sickness bug)\b" + _REST_OF_THEIR_CLAUSE)
# A pet's, a child's or a neighbour's illness, or sunburn, up to the end of its
# clause or to the writer's own words: taken out of the sentence before the rules
# and the backstop read it, so the writer's own sign beside it still counts.
_NOT_THEIR_SIGN = re.compile(
    # "the dog cut her paw on glass and it was bleeding everywhere"
    r"\b(the |our |my |his |her )(dog|cat|puppy|kitten|pup|pony|horse|rabbit|hamster)\b"
    + _REST_OF_THEIR_CLAUSE + r"|"
    # "my neighbour had a blood clot on this drug", "my mum's friend fainted"
    r"\b(neighbou?r|colleague|workmate|(mum|mom|dad|wife|husband|sister|brother)('s|s) friend|"
    r"a friend of (mine|ours)|(my |a )?friend from (the |my |our )?(support group|group|church|"
    r"work|clinic|ward|hospital))('s|s)?\b" + _REST_OF_THEIR_CLAUSE + r"|"
    # "got a bit of sunburn on my nose and now its peeling"
    r"\bsun ?burn\w*(?:(?! and (i|i'm|i've|me|my)\b)[^.,;!?])*|"
    # "one of my children has been sick with a cold and fever"
    r"\b(one of )?(my|our|the) ([\w-]+ ){0,3}(children|kids|grandchildren|grandkids|grandsons?|"
    r"granddaughters?|toddler|baby|little ones?) " + _ILL + r"|"
    # someone else's child: "my neighbour's little boy had a fever of 39 last week"
    r"\b(neighbou?r|friend|colleague|workmate|sister|brother|cousin)('s|s) (little |young |baby )?"
    r"(boy|girl|son|daughter|kids?|children|child|baby|toddler|grandson|granddaughter) "
    + _ILL + r"|"
    # a young son's or daughter's: "my son has a temp of 39 and a cold, hes 6"
    r"\bmy (little |young |baby |youngest )?(son|daughter|boy|girl) " + _ILL +
    r"(?=.*\b((he's|she's|he is|she is|hes|shes|aged) ([1-9]|1[0-2])\b(?! ?(weeks|months|days))|"
    r"little|toddler|nursery|(primary )?school))")
# A temperature said to be normal: "temp is 36.8 so i think hes ok", "no temperature".
_NORMAL_TEMP = re.compile(r"\b(temp|temperature)\b.{0,20}\b(3[4-6](\.\d)?|37(\.[0-4])?)\b(?!\.\d)|"
                          r"\b(temp|temperature) (is |was |has been )?(normal|fine|ok|okay)\b|"
                          # "after recording a forehead reading just under 36 degrees"
                          r"\breading (of )?(just |a bit )?(under |below |about |around )?"
                          r"(36|37)(\.\d)?\b(?!\.\d)|"
                          r"\bno (temp|temperature|fever)\b")


# Checked and found fine, or gone down: "it was checked and my platelets were fine",
# "it went down the next day and the nurse checked it, no clot".
_CHECKED_FINE = (r"(checked|seen|looked at)( out)?\b.{0,20}\b(fine|ok|okay|normal|all clear)|"
                 r"(platelets|bloods|blood counts?|counts|scan|tests?) (were|was|came back) "
                 r"(fine|ok|okay|normal)|(it|swelling|the swelling|temp|temperature|fever|it all) "
                 r"(went|has gone|had gone|'s gone) down|no clot|not a clot")
# Gone, or checked and found fine: over, for the rules and the backstop alike.
_GONE = (r"all clear|cleared up|gone now|fine now|all fine now|back to normal|"
         r"(but )?(nothing|none) since|"
         # "but he's just had his jabs, the nurse said that's normal"
         r"(nurse|doctor|gp|vet|pharmacist|team|they) (said|says|told (me|us|him|her)) (that's|"
         r"thats|it's|its|it is|that is|it was) (normal|nothing|fine|ok|okay|expected)|"
         # "it was treated and has gone", "sorted with drips ... sharp as a tack ever since"
         r"(treated|sorted|dealt with)( and| it)? (has |have |had |is |was )?(gone|cleared|"
         r"resolved)|(sharp as a tack|right as rain) (ever )?since|"
         r"(it's|its|it is|all) sorted( out)? now|all sorted|all (treated|cleared)|"
         # "stopped in a minute, no problem since"
         r"no (problems?|trouble|more (of it|bleeds?)|bleeding) since|"
         r"(hasn't|has not|haven't|have not|not) (happened|bled|come back|been back) since|"
         + _CHECKED_FINE)
# Told as over for good, which the backstop need not read either; "recovered
# quickly" after a fit is not among them (the backstop still reads that story).
_OVER_FOR_GOOD = re.compile(
    r"\b(" + _GONE + r"|just a cold)\b(?!.*\b(but|again|back|still|worse)\b)")


def _told_as_over(sentence: str) -> bool:
    """A sign the rules read as over ("it's gone now and the GP said it was just a
    cold") or explained ("banged my shin ... a bruise"): not for the backstop either."""
    return bool(_OVER_FOR_GOOD.search(sentence)) or (
        bool(_A_KNOCK.search(sentence)) and "bruis" in sentence and "blood" not in sentence)


# "I'm not suicidal or anything": a crisis denied, which a classifier may still hear.
_NO_CRISIS = re.compile(r"\b(i'm|i am|im) not (suicidal|going to (hurt|harm|kill) (myself|me))\b")


def denies_a_crisis(text: str) -> bool:
    """"I'm not suicidal or anything, I just want to understand my options"."""
    return bool(_NO_CRISIS.search(_normalise(text)))


def told_as_no_sign(text: str) -> bool:
    """Words a classifier may take for a sign that the rules read as none: a
    pet's or a young child's illness, a normal temperature, someone said not
    to have cancer (for the NLU override, where only the classifier alarmed)."""
    norm = _normalise(text)
    return any(p.search(norm) for p in (_NOT_THEIR_SIGN, _NORMAL_TEMP, _NOT_A_PATIENT))


# A sign told as over, after it in the sentence, with nothing to bring it back.
_OVER_NOW = re.compile(
    r"\b(" + _GONE + r"|(all )?cleared (now|since)|"
    r"(antibiotics|they) sorted (it|him|her|me)( out)?|"
    r"treated and gone|better now|recovered( fully| well)?|"
    r"no problems (now|since)|temp(erature)? (is |has been |was )?normal|resolved|"
    r"all better( now)?|settled( down)?|(been |felt )?fine (ever )?since|"
    r"(it|that) went (away )?(after|with)|"
    # "got a chest infection so it's been postponed till the new year": told as
    # the reason a plan was put off
    r"so (it's|it has|it was|the transplant (has|was|is)|they) (been )?(postponed|delayed|"
    r"put off|pushed back|cancelled))\b"
    # nothing after it brings the sign back ("but", "again", "it's back", "still", "worse")
    r"(?!.*\b(but|again|back(?! (in|then|when|at|during|to)\b)|still|worse)\b)")
# A bruise from a knock ("bashed my shin, normal bruise") is not unusual bruising.
_A_KNOCK = re.compile(r"\b(bashed|banged|knocked|bumped|walked into|fell on|hit (my|his|her))\b")
# Swelling in both legs or ankles alike, gone by morning, is not a clot's sign.
_BOTH_SIDES = re.compile(r"\bboth (legs|ankles|feet|calves|the same)\b|\bboth sides\b")
# "no fever", "hasn't had a temperature", "not bleeding": a negation up to
# three words before the symptom, in its clause.
_NEGATION_BEFORE = re.compile(
    r"\b(no|not|never|nor|isn't|wasn't|hasn't|haven't|hadn't|don't|didn't|doesn't|"
    r"no sign of|no signs of|free of|denies)\b(\s+[\w']+){0,3}\s*$|"
    r"\bwithout\s+(a|any|an)?\s*$|"  # "without stopping halfway gasping" is not negated
    # a list denied: "i don't have any chest pain or breathlessness"
    r"\b(no|not|never|don't|doesn't|didn't|haven't|hasn't|without)\b(\s+[\w']+){0,6}\s+(or|nor)"
    r"(\s+(any|a|an))?\s*$")
# "if I get a fever", "what if he develops a clot": supposing, in its clause.
_SUPPOSING_BEFORE = re.compile(
    r"\b(what if|if|in case)\s+(i|you|he|she|they|we|someone|anyone)\s*$|"
    # "I felt like taking an extra dose of happy pills myself"
    r"\b(felt|feel|feeling) like (taking|having)\b(\s+[\w']+){0,2}\s*$|"
    r"\b(what if|if|in case|should|when)\s+(i|you|he|she|they|we|someone|anyone|people|"
    r"patients|one)\s+(ever\s+)?(gets?|got|develops?|starts?|notices?|runs?|becomes?)\b"
    r"(\s+[\w']+){0,3}\s*$|"
    r"\b(what if|if|in case|should)\s+(i|you|he|she|they|we|someone|anyone)\s+(ever\s+)?"
    r"(have|has|am|is|are)\b"
    r"(\s+[\w']+){0,3}\s*$")
# Specific enough to need help even when asked as a general question: a
# measured temperature, back pain with weak or numb legs.
_EVEN_AS_A_QUESTION = re.compile(
    r"\b(?:" + _MEASURED_FEVER + r")|\bback pain\b.{0,40}\b(weak|numb)\w* legs?\b|"
    r"\b(could|might|may) (i|she|we) be pregnant\b"
)
# A general question ("what is the risk of bleeding?") asks for information; a
# question that says the person has the symptom ("is my fever a side effect?")
# still raises the alarm. The profile reader's kind of question rule, with
# safety's own words; a question mark counts only at the end.
_GENERAL_QUESTION = QuestionRule(
    openers=("what", "what's", "does", "do",
             # "did a pregnancy test and it's positive" tells, with its "I" left out
             r"did(?= (you|they|people|anyone|anybody|many|most|the|it|he|she|i|we|patients|"
             r"lenalidomide|len|revlimid|this|that)\b)", "can", "could", "is", "are", "how", "will",
             "would", "which", "should", "tell me", "explain", "in the trial", "in the study"),
    mark=Mark.AT_END,
    speaker=("my", "i'm", "im", "i am", "i've", "ive", "i have", "i feel", "i keep",
             "i've got", "i got", "i think", "me now", "he's", "she's", "he is", "she is",
             "he has", "she has", "we", "our", "these", "now", "today", "tonight", "since",
             "is (it|this|that) normal", "anyone else"),
)


# "dont", "cant", "im": the rules are written with the apostrophe.
_APOSTROPHES = re.compile(
    r"\b(don|can|won|didn|isn|couldn|wouldn|doesn|wasn|aren|haven)(t)\b|\b(i)(m)\b")


def _normalise(text: str) -> str:
    return _APOSTROPHES.sub(lambda m: "'".join(g for g in m.groups() if g),
                            text.lower().replace("\u2019", "'"))


def _negated(before: str) -> bool:
    """"no fever", "haven't had a temperature": a negation just before the
    symptom, in the same clause."""
    return bool(_NEGATION_BEFORE.search(last_clause(before)))


def _supposed(before: str) -> bool:
    """"if I get a fever": supposing, in the same clause."""
    return bool(_SUPPOSING_BEFORE.search(last_clause(before)))


# "I had a DVT years ago": over long ago, not a sign now. Days and weeks ago
# still count: the bot cannot know it is over.
_LONG_AGO = re.compile(r"\b((\d+|two|three|four|five|six|several|many|a few|some) (years?|yrs) "
                       r"(ago|back)|years ago|last year|in (19|20)\d\d|when (i|he|she) was "
                       r"(\d+|a (kid|child|teenager|baby)|young|little)|as a (kid|child|teenager)|"
                       r"at school|since (i|he|she) was (a (kid|child|teenager|baby)|young|"
                       r"little|\d+)|"
                       r"always (have|has|had)|nothing new)\b")


def _told_long_ago(text: str, clause: str) -> bool:
    """Whether the clause holding a sign is set long ago ("I had a DVT years ago",
    "in 2016, a clot in my leg"): the time is in that clause, or in a bare time
    phrase beside it, and nothing in the text says lately. A long-ago time
    elsewhere in the sentence ("had her transplant last year, her temp has been
    creeping up all evening") does not make the sign old. The bare phrase may
    come just after the clause too ("a clot after our first baby, back in 1989")."""
    if _LATELY.search(text):
        return False
    if _LONG_AGO.search(clause):
        return True
    at = text.find(clause)
    if at < 0:
        return False
    before, after = clauses(text[:at]), clauses(text[at + len(clause):])
    if before and _CARRIES_ON.search(clause) and _LONG_AGO.search(before[-1]):
        return True  # "weak legs when i was diagnosed in 2019 because of a spinal cord compression"
    # "Years ago, before my diagnosis, I had a nosebleed": up to two bare phrases before
    return any(len(c.split()) <= 4 and _LONG_AGO.search(c)
               for c in before[-2:] + after[:1])


# A clause that carries on the one before it, with no subject of its own.
_CARRIES_ON = re.compile(r"^\W*(of|due to|from|after|with|caused by|as a result of|which)\b")


# A sign said to be recent beside a long-ago time: "no different than last year but I
# have noticed a lot of bruising lately".
_LATELY = re.compile(r"\b(lately|recently|these days|this (week|month|morning)|today|"
                     r"at the moment|right now|tonight|this (evening|afternoon)|"
                     r"all (day|evening|night)|last night|"
                     r"since (yesterday|last night|this morning|last week|the weekend))\b")


# History told as settled, or asked about: "been fine ever since", "always
# have", "does that matter now?".
_SETTLED = re.compile(r"\b(fine (ever )?since|ever since|no (problems|trouble|issues) since|"
                      r"always (have|has|had)|nothing new|all clear since|recovered|resolved|"
                      r"(does|did|would|will|could) (that|it|this) (matter|count|affect|mean)|"
                      r"is (that|it|this) (a problem|an issue|ok))\b")


def history_is_settled(message: str, parts: List[str]) -> bool:
    """Whether a sign told as long past may be left out: the message (split
    into ``parts``, its sentences) asks about that history, says it is
    settled, or is too short to be a story ("I had a DVT years ago"). A story
    that tells of a sign in 2009 and asks nothing still counts: the bot cannot
    know it is over."""
    return (any(asks(part) for part in parts) or bool(_SETTLED.search(message))
            or len(message.split()) < STORY_WORDS)


# Shaking told beside fear, with no word of heat or cold: fear, not a fever.
_SHAKING_WITH_FEAR = re.compile(r"^((can't|cannot|couldn't) stop )?(shaking|shakes|the shakes|"
                                r"trembling|shaky)$")
# The writer's own shaking ("I've been shaking all afternoon"), not a husband's rigors.
_MY_SHAKING = re.compile(r"\b(i've been|i have been|i'm|i am|i was|i'm still|left me|had me|"
                         r"got me|i can't stop|i cannot stop|i couldn't stop) (\w+ )?"
                         r"(shaking|trembling|shaky)\b")
_FEAR = re.compile(r"\b(scared|terrified|frightened|petrified|nervous|anxious|panic\w*|fear|"
                   r"afraid|upset|in shock|crying|angry)\b")
_FEVER_WORDS = re.compile(r"\b(temp\w*|fever\w*|hot|cold|warm|freezing|clammy|chill\w*|"
                          r"shiver\w*|sweat\w*|"
                          r"3[89](\.\d)?|10[0-4](\.\d)?|burning|flu)\b")


# Confused by words or figures read or heard, not a new confusion: "it keeps saying median
# ... but my son says that's not what median means and now i'm confused".
_I_AM_CONFUSED = (r"\b(i'm|i am|im|i was|i got|now i'm|getting) (so |really |a bit |totally |"
                  r"very |more )?confused\b")
_WHAT_WAS_READ = (r"\b(means|meant|median|figures|numbers|statistics?|stats|article|leaflet|"
                  r"website|reading|jargon|terms?)\b")
# Or said among feelings about it all: "I'm so confused, tired, and frustrated with
# everything that is happening".
_AMONG_FEELINGS = (r",? (\w+,? ){0,3}(and )?(frustrated|angry|upset|scared|overwhelmed|lost|sad|"
                   r"worried|anxious|fed up)\b|\b(about|by|with) (everything|it all|all (this|of "
                   r"it)|what('s| is) happening|the whole)")
_CONFUSED_BY_WHAT_WAS_READ = re.compile(
    rf"{_I_AM_CONFUSED}(?=.*{_WHAT_WAS_READ})|{_WHAT_WAS_READ}.*{_I_AM_CONFUSED}|"
    rf"{_I_AM_CONFUSED}(?:{_AMONG_FEELINGS})")


def _red_flags(text: str, settled: bool = True, fear_told: bool = False) -> List[str]:
    """Red-flag kinds said in ``text``: a match counts unless it is negated,
    supposed, long past in a message whose history is ``settled``, or its
    clause only asks in general ("what is the risk of bleeding?"); "mum had a
    temp on tuesday, is that the revlimid?" counts, as does a measured fever
    asked about. ``fear_told``: fear is said elsewhere in the message ("Terrified.
    ... I'm shaking typing this")."""
    kinds: List[str] = []
    text = _MUDDLED_FACTS.sub(" ", text)  # "sorry, i got confused, he did have one"
    if _NOT_A_PATIENT.search(text):  # "thirsty after football"
        return kinds
    text = _NOT_THEIR_SIGN.sub(" ", text)  # "my grandson has a fever" (not "and i have one")
    for kind, pattern in _RED_FLAG_RULES.items():
        for match in pattern.finditer(text):
            before = text[:match.start()]
            if _negated(before) or _supposed(before):
                continue
            clause = clause_around(text, match.start(), match.end())
            if settled and _told_long_ago(text, clause):
                continue  # "I had a DVT years ago"
            if kind == "clot" and _BOTH_SIDES.search(text) and not hard_to_breathe(text):
                continue
            if _advice_only(before):
                continue  # "the nurse told us to ring if he gets a temperature": advice
            if kind == "bleeding" and _A_KNOCK.search(text) and \
                    match.group().startswith("bruis") and "blood" not in text:
                continue
            if kind == "confusion" and _CONFUSED_BY_WHAT_WAS_READ.search(text):
                continue  # "my son says that's not what median means and now i'm confused"
            if kind == "fever" and _SHAKING_WITH_FEAR.search(match.group()) and \
                    _MY_SHAKING.search(text) and (fear_told or _FEAR.search(text)) and \
                    not _FEVER_WORDS.search(text):
                continue  # "I'm scared stiff and I've been shaking all afternoon"
            if _OVER_NOW.search(text[match.end():]):
                continue  # "had a chest infection last month, antibiotics sorted it, all clear now"
            if (_EVEN_AS_A_QUESTION.search(clause)
                    or not _GENERAL_QUESTION.asks_in_general(clause.strip())):
                kinds.append(kind)
                break
    return kinds


@dataclass(frozen=True)
class Finding:
    """What one sentence (or the whole message) raised, and which sentence."""

    alarm: "Alarm"
    kind: str
    sentence: str


# A story on a screen or a page ("In the book I'm reading a woman finds out she's pregnant").
_FICTION = re.compile(r"\b(in|watching|watched|reading|read) (a|the|this|that) (film|movie|book|"
                      r"novel|show|programme|program|series|episode|play|soap|drama)\b|"
                      r"\bon (the )?(tv|telly|television)\b")


# "asking for my mum who starts it next week": whom a question is for, which does
# not make a general question told of ("is getting breathless one of the side effects?").
_ASKING_FOR = re.compile(
    r"^\W*(i'm |im |i am |just )?(asking|enquiring|writing) (this )?(for|on behalf of) (my|a|our) "
    r"\w+( \w+)?(,? who (starts|is starting|will start|is about to start|is due to start|begins)\b"
    r"[^.!?]*)?\W*$")


# A message of at least this many sentences of at most this many words is
# written in fragments.
_FRAGMENTS, _FRAGMENT_WORDS = 3, 3
_STOPS = re.compile(r"\s*[.!?;]+\s*")


@lru_cache(maxsize=512)
def findings(text: str) -> Tuple[Finding, ...]:
    """Every alarm in a message, sentence by sentence, most urgent first.

    A past-tense story counts: the bot cannot know it is over. The whole
    message is read too, as one, so that "does len cause fevers? I've had one
    since Tuesday" still counts (a sentence alone would be a general question).
    The same text is read once however many callers ask (the NLU components,
    the actions and the channel all do).
    """
    norm = _normalise(text)
    parts = sentences(norm)
    settled = history_is_settled(norm, parts)
    # fear told anywhere, and no word of heat or cold: shaking is the fear's
    fear_told = bool(_FEAR.search(norm)) and not _FEVER_WORDS.search(norm)
    found: List[Finding] = []
    unflagged: List[str] = []
    # "he passed away after the flu turned into pneumonia": a death told of, not a
    # sign to act on now (the loss gets support, by its own rule). The whole
    # message is read again as one, without those sentences.
    deaths = {p for p in parts if _a_death_told_of(p)}
    # "I'm watching a film where a man has chest pain": a story on a screen or a page
    fiction = {p for p in parts if _FICTION.search(p)}
    not_signs = deaths | fiction
    whole = " ".join(p for p in parts if p not in not_signs and not _ASKING_FOR.search(p))
    if sum(len(p.split()) <= _FRAGMENT_WORDS for p in parts) >= _FRAGMENTS:
        # "There was blood . In my water .": a message written in fragments is read
        # whole without its stops too.
        whole = _STOPS.sub(" ", whole)
    for i, sentence in enumerate(parts + ([whole] if len(parts) > 1 and whole else [])):
        before = len(found)
        if _CRISIS.search(sentence) or (_TO_JOIN_THE_DEAD.search(sentence)
                                        and _BEREAVED.search(norm)):
            found.append(Finding(Alarm.CRISIS, "crisis", sentence))
        if sentence not in not_signs:
            found.extend(Finding(Alarm.RED_FLAG, kind, sentence)
                         for kind in _red_flags(sentence, settled, fear_told))
        put_aside = _AT_FIRST.search(sentence) or _FEELING_PUT_IN_ITS_PLACE.search(sentence)
        distress = None if put_aside else _DISTRESS.search(
            _FELT_ONCE_BETTER_NOW.sub(" ", _CALMING.sub(" ", sentence)))
        if distress and not (_DISTRESS_TERMS.fullmatch(distress.group())
                             and (_GENERAL_QUESTION.asks_in_general(sentence)
                                  or _ASKS_ABOUT.search(sentence))):
            found.append(Finding(Alarm.DISTRESS, "distress", sentence))
        if len(found) == before and i < len(parts) and not _advice_only(sentence) \
                and not _told_as_over(sentence) and not _NORMAL_TEMP.search(sentence) \
                and sentence not in fiction:
            readable = without_denials(_NOT_THEIR_SIGN.sub(" ", sentence))
            if readable:
                unflagged.append(readable)
    if not any(f.alarm in (Alarm.DISTRESS, Alarm.CRISIS) for f in found) \
            and _WORN_OUT.search(norm) and (
                # the cheap reading first; the story's subject needs a parse
                (_OTHER_PERSON.search(norm) and not _SPEAKER_IS_ILL.search(norm))
                or _a_carers_story(norm)):
        found.append(Finding(Alarm.DISTRESS, "distress", norm))
    # Where the rules found nothing, the backstop may add, never remove (one
    # batch for the whole message).
    found.extend(Finding(Alarm(alarm), LEARNED, sentence)
                 for sentence, alarm in _learned(unflagged))
    seen = set()
    unique = []
    for f in sorted(found, key=lambda f: _RANK[f.alarm]):
        if (f.alarm, f.kind) not in seen:
            seen.add((f.alarm, f.kind))
            unique.append(f)
    return tuple(unique)


# "sorry, i got confused, he did have one", "i get muddled about the figures": facts
# muddled by the writer, not new confusion.
_MUDDLED_FACTS = re.compile(
    r"\bsorry\W+(?:i|i'm|im|i've)(?: got| was| am| 'm| been| get)?(?: a bit| so| all)? "
    r"(?:confused|muddled|mixed up)\b|"
    r"\b(?:got|get|getting|am|i'm|im) (?:a bit |so |all )?(?:confused|muddled|mixed up) "
    r"(?:about|with|between|over|by) (?:the|what|which|it|his|her|all|these|those|this)\b")
# "At first, I was anxious about waiting": a feeling told as the start of a story
# that has moved on since (unlike "I was so low last week", which still counts).
_AT_FIRST = re.compile(r"^\W*(at first|in the beginning|initially),? (i|we) (was|were|felt)\b")
# A feeling the writer puts in its place: low once but helped since ("I was low after
# diagnosis but the support group helped a lot"), or sad about one thing in a life
# said to be good ("sad that I cant travel much any more but life is good otherwise").
_FEELING_PUT_IN_ITS_PLACE = re.compile(
    r"\b(life|things|everything|all)( is|'s| are)? (good|great|fine|ok|okay) (otherwise|apart from "
    r"that|other than that)\b|\botherwise (life is |things are |all is |i'm |im )?(good|great|"
    r"fine|ok|okay)\b")
# Low once but helped since ("I was low after diagnosis but the support group helped a
# lot"): that stretch is read out, and what follows it is still read.
_FELT_ONCE_BETTER_NOW = re.compile(
    r"\b(i|we) (was|were|felt|got|went through|had)\b.{0,60}\bbut\b.{0,60}\b(helped|(is|are|am|"
    r"i'm|im|we're) (ok|okay|fine|good|better|doing (\w+ )?(well|ok|okay|better))|better now|"
    r"fine now|got (me |us )?through)\b")
# "Stop panicking, I'm sure they know what they are doing": telling others to be calm.
_CALMING = re.compile(r"\b(stop|don't|do not|no need to|never) (panic\w*|worry\w*|fret\w*)\b")
# The writer's own illness or treatment, which makes tiredness theirs to be answered.
_SPEAKER_IS_ILL = re.compile(r"\b((i have|i've got|ive got) (myeloma|cancer|it)|i was diagnosed|"
                             r"my (myeloma|cancer|treatment|transplant|chemo|diagnosis)|"
                             r"(i'm|im|i am) on (len\w*|revlimid|the tablets|maintenance|it)|"
                             r"i take|i started)\b")
# A carer worn out ("an awful lot of hospital visiting ... and I am very tired"): distress,
# where a patient's "so tired" is a side effect told.
_WORN_OUT = re.compile(r"\b(i am|i'm|im|i feel|i'm feeling|feeling) (so|very|really|utterly|"
                       r"completely|totally|absolutely) (tired|exhausted|worn out|drained|"
                       r"shattered|knackered)\b(?!.{0,30}\b(on|from|since|with|after) "
                       r"(the |my |starting )?(len\w*|revlimid|tablets|capsules|it|maintenance|"
                       r"treatment|chemo|steroids|dex)\b)")
# "no swelling in my legs, no chest pain": a clause that denies a sign.
_DENIAL = re.compile(
    r"^\W*(?:(?:and|but|also|or|so)\s+)?(?:no|never|nor|nothing (?=black|red)|without|no signs? "
    r"of|not any|"
    r"not even(?: a)?|"
    r"(?:i |he |she )?(?:haven't|hasn't|have not|has not) (?:got|had)(?: a| any)?|"
    r"(?:i |he |she )?(?:don't|doesn't|do not|does not) have(?: a| any)?)\s+(?:\w+\s+){0,3}?"
    r"(?:fevers?|temperatures?|temps?|shiver\w*|swelling|swollen \w+|chest pain|pain|"
    r"breathless\w*|shortness of breath|bleeding|bleeds?|bruis\w*|numbness|tingling|clots?|"
    r"rash|diarrh\w*|sickness|vomiting|confusion|headaches?|cough\w*|infections?|blood|black|"
    r"redness|"
    r"reactions?|sore \w+|problems?|symptoms?|side effects?)\b"
    r"(?:\s+\w+){0,4}\W*$")


def without_denials(sentence: str) -> str:
    """A sentence as the backstop (and bot.symptoms) reads it: without the clauses that deny a sign
    (the rules read negation themselves; the backstop, trained on whole
    sentences, took "no fever, no bleeding, just tired" for an alarm)."""
    every = clauses(sentence)
    kept = [c for c in every if not _DENIAL.search(c)]
    return sentence if len(kept) == len(every) else ", ".join(kept)


def only_a_guess_of_distress(text: str) -> bool:
    """Distress that only the backstop read, with no rule behind it ("stupid me,
    should of known!", "I have sold my house and given up work"): too unsure to
    take over the answer. A short line of support goes first, then the answer
    to what they wrote (``soft_support``); rules' distress gets the full support."""
    found = findings(text)
    return bool(found) and all(f.alarm is Alarm.DISTRESS and f.kind == LEARNED for f in found)


# A message that puts a fact right ("oh wait no sorry, I already had it in january, I was
# thinking of my second one", "sorry I meant 66"): no doubt of a sign in it.
_PUTS_RIGHT = re.compile(r"^\W*((oh|ah|no|wait|sorry|oops|actually|hang on|my mistake)\W+){1,4}"
                         r"(i (meant|mean)\b|(i|he|she) (did|didn't|did not) have (one|it|a "
                         r"transplant)|(i|he|she) (already|never) had (one|it|a transplant)|"
                         r"(i'm|im|i am|he's|hes|she's|shes) \d\d\b(?!.{0,40}\b(temp|fever|pain|"
                         r"blood|breath|swoll\w*|sick)))")


@lru_cache(maxsize=512)
def safety_net(text: str) -> Optional[Line]:
    """The one line that goes first where no alarm is routed but help may be
    needed, or None. Distress only the backstop guessed at gets the line of
    support (``soft_support``). A message where nothing was found, but one of
    whose sentences the backstop doubts (safety_model.DOUBT: not sure enough
    for an alarm, too close to one to say nothing), gets the line its doubt
    leans to: the support line, or where to call if unwell now. Either way
    the answer to what they wrote follows."""
    if only_a_guess_of_distress(text):
        return soft_support()
    norm = _normalise(text)
    if findings(text) or _PUTS_RIGHT.search(norm):
        return None  # "oh wait no sorry, I already had it in january": a correction
    # A question asked ("i'm 38 and want kids one day, can i?") is answered for
    # what it asks; a doubt is read in what they tell.
    told = sentences(norm)
    deaths = [p for p in told if _a_death_told_of(p)]
    parts = [p for p in told if not p.rstrip().endswith("?") and p not in deaths
             and not _advice_only(p) and not _told_as_over(p) and not _NORMAL_TEMP.search(p)]
    leaning = safety_model.doubt([piece for p in parts for piece in _stretches(p)])
    if leaning == Alarm.RED_FLAG.value:
        return unwell_now()
    if deaths or any(_DIED.search(p) and _OTHER_PERSON.search(p) for p in told):
        # "my aunt, who passed away from myeloma last month", "Mam passed in January
        # ... and I keep reading this stuff": sorry first, and someone to talk
        # to, whatever the backstop made of the rest
        return condolence()
    return None if leaning is None else soft_support()


def routed_alarm(text: str) -> Optional[Alarm]:
    """The alarm that takes a message to the help-first action: ``detect``, less
    distress only the backstop guessed at (that message goes its own way, with
    a line of support first)."""
    return None if only_a_guess_of_distress(text) else detect(text)


def detect(text: str) -> Optional[Alarm]:
    """The most urgent alarm a message raises, if any: crisis, then a red
    flag, then distress."""
    found = findings(text)
    return found[0].alarm if found else None


def _stretches(sentence: str) -> List[str]:
    """A sentence as the backstop reads it: whole, or a run-on sentence too long
    for it in stretches of whole clauses."""
    if len(sentence.split()) <= safety_model.MAX_WORDS:
        return [sentence]
    stretches: List[str] = []
    current: List[str] = []
    for clause in clauses(sentence):
        if current and len(" ".join([*current, clause]).split()) > safety_model.MAX_WORDS // 2:
            stretches.append(" ".join(current))
            current = []
        current.append(clause)
    stretches.append(" ".join(current))
    return stretches


def _learned(sentences_: List[str]) -> List[Tuple[str, str]]:
    """(sentence, alarm) for each sentence where the backstop reads one."""
    pieces = [(sentence, piece) for sentence in sentences_ for piece in _stretches(sentence)]
    guesses = safety_model.guess_many([piece for _, piece in pieces])
    out: List[Tuple[str, str]] = []
    for (sentence, _), guessed in zip(pieces, guesses, strict=True):
        if guessed and sentence not in {s for s, _ in out}:
            out.append((sentence, guessed[0]))
    return out


# "he wants to kill himself", "my mum keeps saying she wants to die": a carer
# telling of someone else's crisis.
_SOMEONE_ELSES = re.compile(
    r"\b(him ?self|her ?self|them ?selves|he|she|he's|she's|he is|she is|shed|hed|she'd|he'd|"
    r"him indoors|(my|the) (husband|wife|hubby|missus|other half|"
    r"partner|mum|mom|mother|dad|father|son|daughter|brother|sister|friend))\b")
def about_someone_else(text: str) -> bool:
    """A crisis told of another person, not the speaker's own: read in the
    sentences that raised it ("the fever made me feel this was not a life worth
    living" is the speaker's, whatever else the story says of others)."""
    norm = _normalise(text)
    said = [f.sentence for f in findings(text) if f.alarm is Alarm.CRISIS] or [norm]
    return all(_SOMEONE_ELSES.search(s) and not _CRISIS_OF_SPEAKER.search(s) for s in said)


_CRISIS_OF_SPEAKER = re.compile(
    r"\b(i|i'm|i've|i am|i feel|i want|i wish|i keep|i can't|i don't)\b.{0,30}"
    r"\b(kill|die|dead|end|harm|hurt|cut|live|cope|go on|wake up|point|hopeless|depressed)|"
    r"\b(made|makes|making) me (feel|want|think|wish)\b|"
    # "id rather be with her", "id welcome the new cancer", "im done fighting"
    r"\b(i'd|id|i would|i'll|ill|im|ive|i've)\b.{0,30}\b(rather|welcome|mind|fighting|give up|"
    r"had enough|my way|be with)\b|"
    # "my husband would be better off if i wasnt here": the writer's own
    r"\bbetter off (if i|without me)\b|\bif i (wasn't|wasnt|was not|weren't) (here|around)\b")


_BREATHING = re.compile(
    r"\b(" + _CHEST + r"|" + _BREATHLESS + r"|"
    r"(sudden\w*|short of|can't catch my|cannot catch my|struggling for|out of) ?breath\w*|"
    + _HARD_TO_BREATHE + r"|"
    r"breathless\w*|coughing (up )?blood|winded|shortness of breath|"
    r"(unable to|can't|cannot|couldn't) breathe)")


def hard_to_breathe(text: str) -> bool:
    """Chest pain or breathlessness: the emergency number comes first."""
    return bool(_BREATHING.search(_normalise(text)))


def safety_check() -> Line:
    """One line for a message only the classifier took for an alarm, in the middle
    of a decision step: where to turn if it was one, without ending the step."""
    return join(say("If you do have a new symptom, such as a temperature of "
                    "{safety.fever_celsius} C or more, call your hospital's "
                    "{safety.hospital_line_hours}-hour advice line now."),
                say("If you are struggling to cope, call {safety.crisis_lines.0.name} on "
                    "{safety.crisis_lines.0.number} ({safety.crisis_lines.0.region})."))


def _all_signs() -> Line:
    return say("Call your hospital's {safety.hospital_line_hours}-hour advice line now if you "
               "have any of these. A temperature of {safety.fever_celsius} C or more. Shivers. "
               "A swollen, painful leg. Bleeding or bruising that is not usual for you, or "
               "black poo. Back pain with weak legs, or not able to pee. Fainting, confusion "
               "or great thirst. Not keeping fluids down. Yellow skin or eyes. A rash that "
               "blisters or peels. Too much of a medicine. A chance you may be pregnant. For "
               "chest pain or sudden breathlessness, call {safety.emergency}.")


def warning_signs() -> List[Line]:
    """Every warning sign, asked for (the button under a red-flag answer)."""
    return [
        _all_signs(),
        say("Call {safety.emergency} now for chest pain, sudden breathlessness, fainting or a "
            "fit. Call them too if you are very unwell and cannot reach your hospital."),
        Line("I am an automated tool and cannot check your symptoms. If in doubt, call."),
    ]


def urgent_help(alarm: Alarm, someone_else: bool = False, breathing: bool = False,
                imminent: bool = False) -> List[Line]:
    """The urgent-help messages with every warning sign and every line, for a
    message only the classifier took for an alarm (bot.safety found none).

    Each leads with the likelier route but also gives the other, because
    a classifier can mistake low mood for a symptom or the other way round.
    """
    crisis_lines = join(*[
        say(f"In the {{safety.crisis_lines.{i}.region}}, call {{safety.crisis_lines.{i}.name}} "
            f"on {{safety.crisis_lines.{i}.number}}.")
        for i in range(len(facts().safety.crisis_lines))])
    if alarm is Alarm.CRISIS and someone_else:
        return [
            Line("I'm so sorry. That is frightening to hear, and you did the right thing to "
                 "say it."),
            # Both routes in the first two messages, as for the speaker's own crisis.
            join(say("If they might act on it now, or you cannot keep them safe, call "
                     "{safety.emergency} now."),
                 "You can talk to someone any time of day, for them or for you.", crisis_lines),
            say("Please tell their care team or GP today. If they feel physically unwell, call "
                "their hospital's {safety.hospital_line_hours}-hour advice line."),
            Line("I am only an automated tool, so I cannot help in a crisis. A real person can."),
        ]
    if alarm is Alarm.CRISIS and imminent:
        # "I'm going to take all my tablets tonight": the emergency number first
        return [
            join(Line("I'm really sorry you are feeling like this. You matter."),
                 say("Please call {safety.emergency} now, or go to the emergency department, and "
                     "tell someone near you.")),
            join("You can also talk to someone now, any time of day.", crisis_lines),
            say("If you feel physically unwell, call your hospital's "
                "{safety.hospital_line_hours}-hour advice line."),
            Line("I am only an automated tool, so I cannot help in a crisis. A real person can."),
        ]
    if alarm is Alarm.CRISIS:
        return [
            Line("I'm really sorry you are feeling like this. You matter, and you do not "
                 "have to face this alone."),
            join("Please talk to someone now, any time of day.", crisis_lines,
                 say("If you might act on these thoughts, call {safety.emergency} now.")),
            say("If you feel physically unwell, call your hospital's "
                "{safety.hospital_line_hours}-hour advice line."),
            Line("I am only an automated tool, so I cannot help in a crisis. A real person can."),
        ]
    emergency = say("For sudden breathlessness or chest pain, call {safety.emergency} now. Call "
                    "them too if you are very unwell or cannot reach your hospital.")
    if breathing:  # chest pain or breathlessness: the emergency number leads
        return [
            Line("This could be serious. Please do this before you read anything else."),
            emergency,
            say("Other warning signs need a call to your hospital's "
                "{safety.hospital_line_hours}-hour advice line now. A temperature of "
                "{safety.fever_celsius} C or more. Shivers. A swollen, painful leg. Bleeding "
                "that is not usual for you."),
            join("If you are struggling to cope or thinking of harming yourself:", crisis_lines),
            Line("I am an automated tool and cannot check your symptoms. Please do not wait."),
        ]
    return [
        Line("This could be serious. Please do this before you read anything else."),
        _all_signs(),
        emergency,
        join("If you are struggling to cope or thinking of harming yourself:", crisis_lines),
        Line("I am an automated tool and cannot check your symptoms. Please do not wait."),
    ]


# --------------------------------------------------------------------------
# Help first, short and specific: the action for the symptom found, then
# what to do if it is happening now; the full list a button away.
# --------------------------------------------------------------------------
WARNING_SIGNS = ("All warning signs", "What are the warning signs?")
# What each sign can mean, then whom to call: the hospital line, the
# emergency number, or (pregnancy) the rule that goes with it.
_SIGN = {
    "fever": "A fever of {safety.fever_celsius} C or more, or shivers, on treatment can "
             "mean a serious infection.",
    "clot": "A swollen, painful, red or warm leg, calf or ankle can be a blood clot.",
    "breathing": "Chest pain or sudden breathlessness can be a blood clot in the lung, or a "
                 "heart problem.",
    "bleeding": "Bleeding or bruising that is not usual can mean the blood is not clotting well.",
    "spinal": "Numb or weak legs, above all with back pain, or trouble with the bladder or "
              "bowels, can mean pressure on the spine.",
    "collapse": "Fainting, a fit or signs of a stroke need help straight away.",
    "confusion": "New confusion, great thirst or being very drowsy can mean high calcium or an "
                 "infection.",
    "medicine": "Too much of a medicine needs advice straight away.",
    "child_medicine": "A child who may have swallowed a capsule or tablet needs help straight "
                      "away. Take the pack with you.",
    "falls": "Falls on treatment need advice straight away. A blow to the head, or being "
             "confused after a fall, needs {safety.emergency}.",
    "liver": "Yellow skin or yellow eyes can mean a problem with the liver.",
    "skin": "A rash that blisters or peels, or sores in the mouth with a rash, can be a serious "
            "skin reaction.",
    "fluids": "Bad diarrhoea, being sick and not keeping fluids down, or passing very little "
              "urine, needs advice straight away.",
    "pregnancy": "If you might be pregnant, stop taking lenalidomide and call your haematology "
                 "team or your hospital's {safety.hospital_line_hours}-hour advice line now. It "
                 "can harm an unborn baby.",
    "partner_pregnancy": "If your partner might be pregnant, she should call her doctor now. You "
                         "should tell your haematology team, or your hospital's "
                         "{safety.hospital_line_hours}-hour advice line out of hours. "
                         "Lenalidomide can harm an unborn baby.",
    "pregnant_woman_told_of": "If she might be pregnant, she should stop taking lenalidomide "
                              "and call her haematology team or her hospital's "
                              "{safety.hospital_line_hours}-hour advice line now. It can harm "
                              "an unborn baby.",
    "pregnant_partner_of_a_man_on_it": "If you might be pregnant and your partner takes "
                                       "lenalidomide, call your own doctor or midwife now. He "
                                       "should tell his haematology team, or his hospital's "
                                       "{safety.hospital_line_hours}-hour advice line out of "
                                       "hours. Lenalidomide can harm an unborn baby.",
}
_PREGNANCY = ("pregnancy", "partner_pregnancy", "pregnant_partner_of_a_man_on_it",
              "pregnant_woman_told_of")
# "my wife is on revlimid and her test came back positive": the woman who may be
# pregnant is the one on it, and someone else is writing.
_SHE_TAKES_IT = re.compile(
    r"\b(she|she's|she is|her|wife|daughter|girlfriend|partner|mum|mam|mom|mother|sister)\b"
    r"(\W+\w+){0,5}?\W+(takes?|taking|on|started|been on) (lenalidomide|lenalidamide|revlimid|"
    r"len|maintenance|the tablets?|the capsules?)\b")
_I_TAKE_IT = re.compile(r"\b(i'm|i am|im|i've been|i have been) (\w+ ){0,2}on\b|"
                        r"\bi (take|am taking|started)\b|\bi'm the one\b|\bme (on|taking)\b")
# "hubby takes revlimid and i just did a test and its positive": she may be
# pregnant, and he is the one on it.
_HE_TAKES_IT = re.compile(r"\b(husband|hubby|boyfriend|partner|fianc\w*|he|he's|he is|his)\b"
                          r".{0,40}\b(takes?|taking|on|started|been on)\b|"
                          # "is that a problem with his tablets?"
                          r"\b(his|husband's|partner's|hubby's) (tablets|capsules|pills|meds|"
                          r"medication|len\w*|revlimid|treatment)\b")
# "... and my period hasn't come": the writer is the one who may be pregnant.
_HER_OWN_SIGN = re.compile(r"\bmy period|\b(i|i'm|im|i am) (\w+ ){0,2}(late|pregnant)\b")
_I_MAY_BE_PREGNANT = re.compile(r"\b(i|i'm|im|i am)( think i'?m| think i am| might| may| could)?"
                                r"( be)? pregnant\b")
_PARTNER_TAKES_IT = re.compile(r"\b(partner|husband|hubby|boyfriend|fianc\w*)('s| is)? (\w+ ){0,2}"
                               r"(on|takes?|taking)\b")
# Kinds whose first call is the emergency number, not the hospital line.
_EMERGENCY_FIRST = ("breathing", "collapse", "child_medicine")
# A child and someone's capsules ("my grandson is 3 ... may have swallowed one"): the
# emergency number, not the patient's own hospital line.
_A_CHILD = re.compile(r"\b(grandson|granddaughter|grandchild\w*|grandkids?|toddler|child|kid|"
                      r"baby|little one|(\d|two|three|four|five) ?(year|yr)s? old|"
                      r"(my|our) (son|daughter) (is|who is|who's) [1-9]\b)")
_CALL_LINE = ("Call {whose} hospital's {safety.hospital_line_hours}-hour advice line now, day or "
              "night.")
_CALL_EMERGENCY = "Call {safety.emergency} now."
# A leg that only hurts, beside back pain with weak legs, is the spine's sign.
_CLOT_ITSELF = re.compile(r"\b(swollen|swelling|swelled|puffy|red|hot|warm|clots?|dvt|"
                          r"embol\w*|thromb\w*|calf|calves|ankles?)\b")
_SHE_WORDS = r"she|she's|her|wife|girlfriend"
_SHE = re.compile(rf"\b({_SHE_WORDS})\b")
_PARTNER = re.compile(rf"\b({_SHE_WORDS}|partner)\b")
_SPEAKER = re.compile(r"\b(i|i'm|i've|ive|i am|i have|me|myself)\b|"
                      r"\bmy (left |right |lower |upper )?(legs?|calf|calves|ankles?|foot|feet|"
                      r"arms?|chest|back|temp|temperature|head|breathing|skin|wee|pee|poo|stools?|nose|gums)\b")
_OTHER_PERSON = re.compile(
    r"\b(he|she|he's|she's|him|his|her|they|him indoors|other half|missus|hubby|"
    r"((husband|wife|partner|mum|mom|mam|mammy|mummy|mother|dad|daddy|father|son|"
    r"daughter|brother|sister|friend|grandad|granddad|grandma|nan|gran|grandfather|"
    r"grandmother|grandpa|granny|aunt|auntie|uncle|cousin|niece|nephew)(s|'s)?))\b")


def _for_someone_else(sentence: str) -> bool:
    """"my dad has a fever": told of another person, with no "I" in it but the
    speaker's own fear ("i'm terrified, mum's leg has swollen up")."""
    told = _SPEAKERS_FEAR.sub(" ", sentence)
    return bool(_OTHER_PERSON.search(told)) and not _SPEAKER.search(told)


# The speaker's fear for someone else, which does not make the sign theirs.
_SPEAKERS_FEAR = re.compile(r"\b(i'm|i am|im|i feel|i was|i got)( so| really| very| a bit)? "
                            r"(terrified|scared|worried|frightened|panicking|anxious|petrified)\b|"
                            # "my dad said to me last night he's had enough": words reported
                            r"\b(said|says|saying|told|tells|telling) (to )?me\b")


def red_flag_of_someone_else(text: str) -> bool:
    """"dad's temp is 38.5": every red flag in the message is told of another
    person (the help says "their hospital"), so the writer is caring for them."""
    flags = [f for f in findings(text) if f.alarm is Alarm.RED_FLAG]
    return bool(flags) and all(_for_someone_else(f.sentence) for f in flags)


# "he's had enough", "she says she is so low": the feeling told is another person's.
_THIRD_PERSON_TOLD = re.compile(r"\b(he|she)('s| is| has| was| said| says| keeps| told| feels)\b")
# A crisis with a time on it ("all my tablets tonight"): the emergency number first.
_IMMINENT = re.compile(r"\b(tonight|right now|today|this (evening|afternoon|morning)|now|"
                       r"when (they|everyone|he|she) (go|goes|leave|leaves|is out|are out))\b")


def help_first(text: str) -> List[Line]:
    """What to say first for a message with an alarm in it, or [] when none.

    A crisis gets the crisis answer. A red flag gets the action for the
    symptom found and what to do if it is happening now (two messages; the
    second also gives someone to talk to when distress was said too).
    Distress alone gets the support answer: warm, short, someone to talk to.
    """
    found = findings(text)
    if not found:
        return []
    if only_a_guess_of_distress(text):
        return [soft_support()]
    if found[0].alarm is Alarm.CRISIS:
        return urgent_help(Alarm.CRISIS, someone_else=about_someone_else(text),
                           imminent=any(_IMMINENT.search(f.sentence) for f in found
                                        if f.alarm is Alarm.CRISIS))
    flags = [f for f in found if f.alarm is Alarm.RED_FLAG]
    sad = any(f.alarm is Alarm.DISTRESS for f in found)
    if not flags:
        worried = any(_WORRY.search(f.sentence) for f in found if f.alarm is Alarm.DISTRESS)
        norm = _normalise(text)
        # "Lost my wife to myeloma in March ... Nothing seems worth it without her": the
        # loss may be told in a sentence of its own
        bereaved = bool(_BEREAVED.search(norm))
        guilty = any(_GUILT.search(f.sentence) for f in found if f.alarm is Alarm.DISTRESS)
        # "my dad said to me he's had enough ... what do I do": the distress is his
        theirs = all(_for_someone_else(f.sentence) and _THIRD_PERSON_TOLD.search(f.sentence)
                     for f in found if f.alarm is Alarm.DISTRESS)
        # the bereaved are spoken to for themselves: the one they cared for has died
        return support_first(others=not bereaved and (
                                 _for_someone_else(norm) or theirs
                                 or bool(_CARING.search(norm)) or _a_carers_story(text)),
                             worried=worried,
                             bereaved=bereaved, guilty=guilty)
    action, then = _red_flag_help(flags, _normalise(text))
    # Both within the first two messages: the sign's action, then what to do
    # now with someone to talk to.
    return [action, join(then, _distress_line()) if sad else then]


def _whose_pregnancy(told: str) -> str:
    """The pregnancy kind for what was ``told``: who may be pregnant, and who takes it."""
    if _CONDOM_FAILED.search(told) and _PARTNER_TAKES_IT.search(told) and \
            not _I_TAKE_IT.search(told):
        # "my husband is on lenalidomide and the condom split": she may be pregnant
        return "pregnant_partner_of_a_man_on_it"
    if _CONDOM_FAILED.search(told) and not _HER_OWN_SIGN.search(told):
        return "partner_pregnancy"  # "condom split, I'm a man on lenalidomide"
    if _I_MAY_BE_PREGNANT.search(told) and _PARTNER_TAKES_IT.search(told) and \
            not _I_TAKE_IT.search(told):
        # "my partner is on lenalidomide and ... I might be pregnant"
        return "pregnant_partner_of_a_man_on_it"
    if _SHE_TAKES_IT.search(told) and not _I_TAKE_IT.search(told):
        return "pregnant_woman_told_of"
    if _HE_TAKES_IT.search(told) and not _SHE.search(told):
        return "pregnant_partner_of_a_man_on_it"
    if _PARTNER.search(told):
        return "partner_pregnancy"
    return "pregnancy"


def _red_flag_help(flags: List[Finding], whole: str = "") -> Tuple[Line, Line]:
    """The action for the signs found, and what to do now. ``whole``: the message,
    for who takes the drug where a pregnancy is told in a sentence of its own ("My
    husband takes lenalidomide. I've just found out I'm pregnant")."""
    kinds: List[str] = []
    for f in flags:
        kind = f.kind
        if kind == "clot" and hard_to_breathe(f.sentence):
            kind = "breathing"
        elif kind == "clot" and any(g.kind == "spinal" for g in flags) and \
                not _CLOT_ITSELF.search(f.sentence):
            continue
        if kind == "medicine" and _A_CHILD.search(f.sentence):
            kind = "child_medicine"
        if kind == "pregnancy":
            # who is pregnant and who takes it: the sentence, and the whole message
            kind = _whose_pregnancy(f"{f.sentence} {whole}" if whole else f.sentence)
        if kind not in kinds:
            kinds.append(kind)
    kinds.sort(key=lambda k: (k not in _EMERGENCY_FIRST, k not in _PREGNANCY, k == LEARNED))
    whose = "their" if all(_for_someone_else(f.sentence) for f in flags) else "your"
    # A clot in the leg can move to the lungs: chest pain or breathlessness is 999.
    lungs = ", have chest pain or sudden breathlessness," if "clot" in kinds else ","
    happening_now = ("If this is happening now, please do not wait. If "
                     + ("they are" if whose == "their" else "you are")
                     + " very unwell" + lungs
                     + " or you cannot reach the hospital, call {safety.emergency}. "
                     "Tell {whose} haematology team about it too. " + _ONLY_A_TOOL)
    if kinds == [LEARNED]:  # which sign is not known: every sign, then what to do now
        return _all_signs(), say(happening_now.replace("{whose}", whose))
    kinds = [k for k in kinds if k != LEARNED]
    signs = [_SIGN[k] for k in kinds[:2]]
    if kinds[0] in _PREGNANCY:
        first = " ".join(signs if len(kinds) == 1 else [*signs, _CALL_LINE])
        then = ("I am an automated tool and cannot give medical advice. Your team will tell "
                "you what to do next.")
    elif kinds[0] in _EMERGENCY_FIRST:
        first = " ".join([*signs, _CALL_EMERGENCY])
        then = ("Then tell {whose} hospital's {safety.hospital_line_hours}-hour advice line. "
                + _ONLY_A_TOOL)
    else:
        first, then = " ".join([*signs, _CALL_LINE]), happening_now
    return say(first.replace("{whose}", whose)), say(then.replace("{whose}", whose))


# Why the help is all it can give: what this tool is, and so what it cannot do (a story
# about another cancer or its drugs learns that the tool is not about them).
_ONLY_A_TOOL = ("I am an automated tool that only explains one myeloma trial, so I cannot "
                "check symptoms.")


def soft_support() -> Line:
    """One warm line of support, for distress the rules did not find but the
    backstop guessed at: help is a line away, and the answer still follows. The
    hospital line is in it as in the full support: a guess of distress can be a
    sign the rules missed."""
    return say("If things feel hard at the moment, you don't have to face it alone. You can "
               "talk to {safety.crisis_lines.0.name} on {safety.crisis_lines.0.number} "
               "({safety.crisis_lines.0.region}) or {safety.crisis_lines.1.number} "
               "({safety.crisis_lines.1.region}), any time, or the {support_lines.0.name} on "
               "weekdays. If you feel physically unwell, call your hospital's "
               "{safety.hospital_line_hours}-hour advice line.")


def condolence() -> Line:
    """For a death told of, with no alarm: sorry, and someone to talk to."""
    return say("I'm sorry for your loss. If you would like to talk to someone, the "
               "{support_lines.2.name} ({support_lines.2.number}, weekdays) is there for "
               "families too, and {safety.crisis_lines.0.name} ({safety.crisis_lines.0.number}) "
               "any time.")


def unwell_now() -> Line:
    """The safety net for a doubt that leans to a red flag: no sign named (none
    was found for sure), where to call if it is happening now."""
    return say("I can't check symptoms. If you, or the person you care for, feel unwell now, "
               "or something is new or getting worse, call the hospital's "
               "{safety.hospital_line_hours}-hour advice line. In an emergency, call "
               "{safety.emergency}.")


def _distress_line() -> Line:
    return say("You also said things feel hard. You can talk to {safety.crisis_lines.0.name} on "
               "{safety.crisis_lines.0.number} ({safety.crisis_lines.0.region}) or "
               "{safety.crisis_lines.1.number} ({safety.crisis_lines.1.region}), any time, or "
               "to the {support_lines.0.name} for support on weekdays.")


# Worry and fear said in a story ("every day I worry that the myeloma will return").
_WORRY = re.compile(r"\b(worr\w*|fears?|afraid|scared|frightened|terrified|anxi\w*|dread\w*)\b")
# A carer speaking of their own strain ("I'm falling apart looking after my mum"):
# the support is for a carer, not for someone with myeloma.
_CARING = re.compile(r"\b(looking after|look after|looks after|caring for|care for|carer|caregiver|"
                     r"my (husband|wife|"
                     r"partner|mum|mom|mother|dad|father)'?s? (myeloma|cancer|illness|"
                     r"treatment|diagnosis))\b")
# Self-blame said in a story ("I would just like to know whether it was my fault").
# Self-blame for the illness; not "I feel so guilty living 200 miles away" (a carer's
# guilt, which gets the plain opening).
_GUILT = re.compile(r"\b(my (own )?fault|blam(e|ing) myself|what did i do (wrong|to deserve)|"
                    r"guilt\w*(?!.{0,30}\b(living|live|away|far|not (being )?there|work\w*|"
                    r"moving|moved|can.?t (visit|be there)|leaving)\b))")
AT_YOUR_PACE = ("When you feel ready, I can go through the trial at your pace, only what you "
                "want to know.")


# A death told of: not "he nearly died", "she could have died", "I thought he would die".
_DIED = re.compile(r"\b(passed away|passed on|"
                   # "Mam passed in January", "dad passed last year"
                   r"(?:mam|mum|mom|dad|da|wife|husband|hubby|son|daughter|brother|sister|"
                   r"father|mother|friend|partner|nan|gran|grandad|grandma) passed(?= (in|last|"
                   r"on|this|away|recently|a (week|month|year)|\d|two|three|peacefully|"
                   r"suddenly|just))|(?<!nearly )(?<!almost )(?<!have )(?<!to )"
                   r"(?<!would )(?<!might )(?<!could )died)\b")


def _a_death_told_of(sentence: str) -> bool:
    """"he passed away after the flu turned into pneumonia": someone else's
    death, so the signs in the same sentence are not to act on now."""
    return bool(_DIED.search(sentence)) and _for_someone_else(sentence)


# A loss told of: a death (as _DIED reads one), a funeral, "lost my mum".
_BEREAVED = re.compile(_DIED.pattern + r"|\b((\w+'s|his|her) (death|passing)|we miss (him|her)|"
                       r"(?<!at his )(?<!at her )(?<!my own )funeral|"
                       r"lost (her|him|my (mum|mom|dad|husband|"
                       r"wife|partner|mother|father)))\b")


def _a_carers_story(text: str) -> bool:
    """"My husband is 64 and had his transplant last year. I feel like I am grieving
    for someone who is still here": the story is of the one they care for (as the
    profile reader reads whom a story is about), so the feeling is a carer's."""
    from bot.profile.reader import story_about  # the reader is loaded only when needed

    return story_about(text) is not None


def support_first(others: bool = False, worried: bool = False,
                  bereaved: bool = False, guilty: bool = False) -> List[Line]:
    """Low mood, not coping, despair: warm and short, someone to talk to, the
    care team, and what to do if it becomes a crisis; ``worried``: the worry
    or fear they told of is named, as common; ``guilty``: so is self-blame."""
    from bot.everyday import every_support_line  # bot.everyday imports facts only; no cycle at use

    if bereaved:
        # not "after caring for someone": the one who grieves may have myeloma too
        opening = Line("I'm so sorry for your loss. Grief is hard, and you do not have to "
                       "carry it alone.")
    elif others:
        opening = Line("I'm sorry, that sounds like a lot to carry. Caring for someone with "
                       "myeloma is hard, and how you feel matters too.")
    elif guilty:
        opening = Line("I'm sorry you are carrying this. Many people with myeloma wonder if it "
                       "was their fault. That feeling is common, and you do not have to carry "
                       "it alone.")
    elif worried:
        opening = Line("I'm sorry you are carrying this worry. Worry and fear like this are "
                       "very common with myeloma. You do not have to face it alone.")
    else:
        opening = Line("I'm sorry things feel so hard. You do not have to face this alone. "
                       "Many people with myeloma, and their carers, feel like this at times.")
    # Both routes inside the first two messages, as the other alarms give them:
    # low mood and a symptom are easily told in one breath.
    return [
        opening,
        say("You can talk to someone now, any time: {safety.crisis_lines.0.name} on "
            "{safety.crisis_lines.0.number} ({safety.crisis_lines.0.region}), or "
            "{safety.crisis_lines.1.number} ({safety.crisis_lines.1.region}). If "
            + ("they feel" if others else "you feel") + " physically unwell, call "
            + ("their" if others else "your") + " hospital's {safety.hospital_line_hours}-hour "
            "advice line."),
        join(every_support_line(),
             say("Please tell " + ("their" if others else "your") + " care team or GP how "
                 + ("you are both" if others else "you are") + " feeling. If anyone might come "
                 "to harm, call {safety.emergency} now."), AT_YOUR_PACE),
    ]
