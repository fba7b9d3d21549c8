"""Deployments are never casualties; quotes get their speaker and role."""
from harmwatch.extract import nlp
from harmwatch.extract.deployments import extract_deployments
from harmwatch.extract.quotes import extract_quotes


def deployments(text):
    return [d for s in nlp.sentences(nlp.parse(text)) for d in extract_deployments(s.span, s.offset)]


def test_troops_sent_with_count_and_status():
    (d,) = deployments("Germany will send 650 soldiers to Lithuania next year.")
    assert d.count == 650 and d.status == "planned" and "soldiers" in d.asset


def test_past_deployment_of_a_ship():
    (d,) = deployments("Britain deployed the destroyer HMS Diamond to the Red Sea on Monday.")
    assert d.status == "occurred" and "destroyer" in d.asset and d.count is None


def test_no_deployment_without_military_asset():
    assert deployments("The ministry sent a letter to the United Nations.") == []


def test_quote_with_title_and_name():
    text = '"We will not let this crime go unanswered," Foreign Minister Maria Olsen said on Friday.'
    (q,) = extract_quotes(nlp.parse(text), text)
    assert q.text == "We will not let this crime go unanswered"
    assert q.speaker == "Maria Olsen" and q.role == "Foreign Minister"
    assert text[q.span[0]:q.span[1]] == q.text


def test_scare_quotes_are_not_quotes():
    text = 'The so-called "security zone" was expanded.'
    assert extract_quotes(nlp.parse(text), text) == []


def test_pronoun_speaker_resolves_to_last_person():
    text = ('General Omar Said toured the base on Monday. '
            '"The situation on the front is stable but difficult," he said.')
    (q,) = extract_quotes(nlp.parse(text), text)
    assert q.speaker == "Omar Said"
