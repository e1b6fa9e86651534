"""A story's question sentences, read on their own by the classifier
(components/question_sentence.py), and what components/story_intent.py takes
from them."""
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.question_sentence import (MAX_QUESTIONS, SENTENCE_OF, QuestionSentences,
                                          question_sentences)
from components.story_intent import QUESTION_SURE, StoryIntentHint

MRD_STORY = ("Consultant told me after my transplant that I was MRD negative which apparently "
             "is really good. Now he wants me on lenalidomide maintenance anyway. Does the trial "
             "say anything about MRD?")
UNCUED_STORY = ("Consultant told me after my transplant that my marrow looked really good. Now "
                "he wants me on lenalidomide maintenance anyway. Does the trial say anything "
                "about that kind of result?")


def test_a_storys_questions_are_its_sentences_put_as_questions():
    assert question_sentences(MRD_STORY) == ["Does the trial say anything about MRD?"]
    assert question_sentences("does the trial say anything about MRD?") == []  # not a story
    wondering = ("Every 6 months I had to go over the fact I had leukaemia and was there for my "
                 "check. I was told they were ok but this left me wondering what ok was!")
    assert question_sentences(wondering) == []


def test_at_most_the_last_few_questions_are_read():
    story = "I have been on it two years and I am doing well. " + " ".join(
        f"Question number {n}?" for n in range(MAX_QUESTIONS + 2))
    assert question_sentences(story) == [f"Question number {n}?"
                                         for n in range(2, MAX_QUESTIONS + 2)]


def test_the_questions_are_added_marked_and_the_training_data_is_left_alone():
    story, short = Message(data={TEXT: MRD_STORY}), Message(data={TEXT: "what is MRD?"})
    out = QuestionSentences().process([story, short])
    assert out[:2] == [story, short] and len(out) == 3
    assert out[2].get(TEXT) == "Does the trial say anything about MRD?"
    assert out[2].get(SENTENCE_OF) == 0
    data = TrainingData([Message(data={TEXT: MRD_STORY, INTENT: "inform"})])
    assert QuestionSentences().process_training_data(data).training_examples == \
        data.training_examples


def _read(text, whole, question, confidence):
    """The story's intent after StoryIntentHint, the classifier having said ``whole``
    of all of it and ``question`` of its question sentence."""
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": whole, "confidence": 1.0})
    sentence = Message(data={TEXT: "a question?", SENTENCE_OF: 0})
    sentence.set(INTENT, {"name": question, "confidence": confidence})
    out = StoryIntentHint().process([message, sentence])
    assert out == [message]  # the added sentence goes no further
    return message.get(INTENT)["name"]


def test_a_storys_question_read_alone_leads_over_the_profile_it_states():
    """A sixth review: "Does the trial say anything about MRD?" after a transplant got
    the transplant group's figures."""
    assert _read(MRD_STORY, "inform", "ask_other_evidence", 0.93) == "ask_other_evidence"
    # the question sentence's own guess decides where no topic's words are said (MRD
    # now has its own, eighth session): unsure, or a guess a question cannot lead with,
    # and the profile it states is answered
    assert _read(UNCUED_STORY, "inform", "ask_other_evidence", 0.93) == "ask_other_evidence"
    assert _read(UNCUED_STORY, "inform", "ask_other_evidence", QUESTION_SURE - 0.01) == \
        "inform"
    assert _read(UNCUED_STORY, "inform", "ask_why_profile", 0.99) == "inform"


def test_what_this_tool_covers_still_leads_a_story_of_another_cancer():
    story = ("I have chronic lymphocytic leukaemia and go every 6 months for my check. My "
             "results were never explained to me. Will the doctor go through them next time?")
    assert _read(story, "inform", "ask_design", 0.95) == "ask_other_condition"
