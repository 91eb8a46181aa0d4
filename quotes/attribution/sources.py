"""Who is the grammatical source of a cue: the mention the parse attaches to it.

`Wallace said` (subject), `said the minister` (inverted subject), `told by the Kremlin` (passive
agent), `Lavrov, who complained` (relative clause: the noun it hangs on), `..., saying` /
`sought to emphasise` / `warned ... and said` (no subject of its own: the governing clause's),
`according to X` (object of `to`), `his warning` (owner). An apposition gives the name and the
role: `Russia’s representative at the talks, Dmitry Kozak`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..ruleset import Rules
from . import rule_names as R
from .cues import NOUN, PHRASE, Cue

NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_KEEP_RIGHT = {"prep", "pobj", "compound", "flat", "amod", "nummod", "poss", "case", "det", "nmod", "quantmod"}

@dataclass
class Mention:
    """A speaker mention: its tokens' span and, where an apposition gives one, a second span."""

    head: Token
    start: int          # token index, inclusive
    end: int            # token index, exclusive
    appos: Mention | None = None
    how: str = "subject"
    antecedent: Mention | None = None   # for a relative pronoun: the noun its clause hangs on

    @property
    def text(self) -> str:
        return self.head.doc[self.start:self.end].text

    @property
    def char_span(self) -> tuple[int, int]:
        doc = self.head.doc
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


def entity_bounds(tok: Token) -> tuple[int, int]:
    """Token range of the named entity `tok` is in (read from the IOB tags: `doc.ents` builds
    every span of the Doc on each access)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def name_start(doc, ent_start: int, rules: Rules, *, with_titles: bool = False) -> int:
    """Where a name starts that the recognizer began at `ent_start`: `Dmitry Kozak` where it only
    took `Kozak` (name compounds on the same line; titles such as `Secretary General` only
    `with_titles`, for the name index, which reads roles off them)."""
    start = ent_start
    while start > 0:
        prev = doc[start - 1]
        # (with titles, a title word compounded with the title: `Attorney General Eric Schneiderman`)
        on_title = with_titles and prev.head.i >= start and prev.lower_ in rules.title_words
        if not (prev.pos_ == "PROPN" and prev.dep_ == "compound" and (prev.head.i >= ent_start or on_title)
                and not prev.ent_type_ and "\n" not in prev.whitespace_):
            break
        if not with_titles and (not prev.text[:1].isupper() or prev.lower_ in rules.words["not_name"]):
            break
        start -= 1
    return start


def mention_of(tok: Token, rules: Rules) -> Mention:
    """The noun phrase a speaker token heads (its entity, or its modifiers and prepositional tail)."""
    doc = tok.doc
    if tok.ent_type_ in NAME_ENTS:
        ent_start, ent_end = entity_bounds(tok)
        return within_line(Mention(tok, name_start(doc, ent_start, rules), ent_end))
    start = tok.i
    for left in reversed(list(tok.lefts)):
        if left.dep_ in ("punct", "cc", "preconj") or left.right_edge.i != start - 1:
            break
        start = left.left_edge.i
    end = tok.i + 1
    for right in tok.rights:
        if right.dep_ not in _KEEP_RIGHT or right.i != end:
            break
        end = right.right_edge.i + 1
    while end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha:
        end += 2         # `His ex-wife`, `the vice-president`: a hyphenated word is one
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1        # (`the former secretary of state and …`: a conjunction the parse hung on `state`)
    return within_line(Mention(tok, start, end))


def within_line(m: Mention) -> Mention:
    """Cut a mention at line breaks around its head (names never run across paragraphs)."""
    doc = m.head.doc
    for i in range(m.head.i - 1, m.start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            m.start = i + 1
            break
    for i in range(m.head.i, m.end):
        if "\n" in doc[i].whitespace_ or doc[i].is_space and "\n" in doc[i].text:
            m.end = i + 1 if not doc[i].is_space else i
            break
    return m


def with_appos(tok: Token, how: str, rules: Rules) -> Mention:
    """The mention `tok` heads, with its apposition (`Russia’s representative, Dmitry Kozak`)."""
    m = mention_of(tok, rules)
    m.how = how
    for child in tok.rights:
        if child.dep_ == "appos":
            m.appos = (_name_before_parenthesis(child) or _parenthesised(child) or _party_state(child)
                       or mention_of(child, rules))
            break
    else:
        twin = _second_subject(tok)
        if twin is not None:
            m.appos = mention_of(twin, rules)
    return m


def _parenthesised(app: Token) -> Mention | None:
    """`Sen. Rand Paul (R-Ky.)`: an apposition in brackets is all that the brackets hold (`R-Ky.`,
    the party and state), not the one word the parse made its head (`Ky.`)."""
    doc = app.doc
    lo = app.left_edge.i
    while lo > 0 and doc[lo].text != "(" and lo > app.i - 6:
        lo -= 1
    if doc[lo].text != "(":
        return None
    hi = next((t.i for t in doc[app.i:app.i + 6] if t.text == ")"), None)
    if hi is None or hi - lo < 2:
        return None
    return Mention(app, lo + 1, hi)


def _party_state(app: Token) -> Mention | None:
    """`Rep. Jo Smith, D-Calif., said`: the apposition is the party and state (`D-Calif.`), not
    the state the entity recogniser found in it (`Calif.`)."""
    doc = app.doc
    lo = app.left_edge.i
    if lo + 1 < app.i and doc[lo].text in ("D", "R", "I") and doc[lo + 1].text == "-" \
            and not doc[lo].whitespace_ and not doc[lo + 1].whitespace_:
        return Mention(app, lo, app.i + 1)
    return None


def _second_subject(tok: Token) -> Token | None:
    """`the mayor's niece, state Del. Ana Ruiz (D-Norfolk), shouted`: a name the parse made a
    second subject of the verb, right after the description and a comma, is its apposition."""
    if tok.dep_ != "nsubj" or tok.pos_ != "NOUN":
        return None
    doc = tok.doc
    after = tok.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    for c in tok.head.children:
        if c.dep_ == "nsubj" and c.i > after and c.pos_ == "PROPN" and (
                c.left_edge.i == after + 1 or all(t.text[:1].isupper() or t.dep_ == "compound" for t in doc[after + 1:c.i])):
            return c
    return None


def _name_before_parenthesis(app: Token) -> Mention | None:
    """`the mayor's niece, state Del. Ana Ruiz (D-Norfolk), shouted`: the parse made the party and
    district the apposition's head; the name is the proper nouns before the parenthesis."""
    doc = app.doc
    paren = next((t for t in doc[app.left_edge.i:app.i] if t.text == "("), None)
    if paren is None or paren.i - 1 < app.left_edge.i:
        return None
    name = doc[paren.i - 1]
    if not name.text[:1].isupper() or name.pos_ not in ("PROPN", "NOUN"):
        return None
    start = paren.i - 1
    while start > app.left_edge.i and (doc[start - 1].text[:1].isupper() or doc[start - 1].is_quote):
        start -= 1
    return within_line(Mention(name, start, paren.i))


def _subject(verb: Token, rules: Rules | None = None) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return outside_brackets(g)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and any(ch.isalnum() for ch in c.text)]
    if not subjects:     # (a dash parsed as a noun is no subject)
        if rules is not None and rules.enabled(R.ADVERB_SUBJECT):
            return _name_as_adverb(verb)
        return None
    if rules is not None and rules.enabled(R.COLON_SUBJECT) and len(subjects) > 1:
        subjects = [c for c in subjects if not _across_colon(c, verb)] or subjects
    if rules is not None and rules.enabled(R.COMMA_SUBJECT) and len(subjects) > 1:
        subjects = [c for c in subjects if not _fronted_before_comma(c, verb, subjects)] or subjects
    if rules is not None and rules.enabled(R.PREPOSITION_SUBJECT) and subjects[0].pos_ == "ADP":
        # `Of Carson, Levine, who gave to Rubio, said …`, parsed with `Of` as the subject: the
        # person the parse made its object is the one speaking (`Al From said`: no object, kept)
        person = next((g for g in subjects[0].children if g.dep_ == "pobj" and (g.ent_type_ == "PERSON" or g.pos_ == "PROPN")), None)
        if person is not None:
            return outside_brackets(person)
    person = next((c for c in subjects if c.ent_type_ == "PERSON"), None)
    if len(subjects) > 1 and person is not None and subjects[0].ent_type_ != "PERSON":
        return outside_brackets(person)      # `Acme co-founder Jo Reyes said`, split at the hyphen
    composite = composite_description(subjects[0])
    return outside_brackets(composite if composite is not None else subjects[0])


def _name_as_adverb(verb: Token) -> Token | None:
    """`And Skelly called Braynard “…”`, `But Connolly said`: a surname ending in -ly the parse
    took for an adverb, right before a cue that has no subject, capitalised after the sentence's
    first word (or tagged a proper noun), is the cue's subject."""
    if not verb.i:
        return None
    c = verb.doc[verb.i - 1]
    if c.head.i != verb.i or c.dep_ != "advmod" or not c.text[:1].isupper() or not c.text.isalpha() \
            or not c.lower_.endswith("ly"):
        return None
    if c.ent_type_ not in ("", "PERSON", "ORG") or not (c.i > c.sent.start or c.pos_ == "PROPN"):
        return None
    return c


def _across_colon(subj: Token, verb: Token) -> bool:
    """`The Latest: Trump urges supporters …`, parsed with two subjects: a subject before a colon
    that stands between it and its verb labels the line; the one after the colon is the verb's."""
    doc = subj.doc
    return subj.i < verb.i and any(t.text == ":" for t in doc[subj.right_edge.i + 1:verb.i])


def _next_to(subj: Token, verb: Token) -> bool:
    """The subject's phrase runs right up to the verb, with no comma in it or after it, and is
    not the last of a list (`The family, protesters and civic leaders demanded …`)."""
    return subj.i < verb.i and not subj.conjuncts and not any(
        t.text == "," for t in subj.doc[subj.left_edge.i:verb.i])


def _fronted_before_comma(subj: Token, verb: Token, subjects: list[Token]) -> bool:
    """`His promises to stick it to the rich notwithstanding, independent analyses agree …`,
    parsed with two subjects: a phrase closed by a comma, with another subject between it and the
    verb that runs right up to the verb, is set before the clause; the nearer subject is the verb's.
    (`Jo Reyes, the mayor's niece, shouted`: the nearer one ends in a comma too, and stays; a
    name is no such phrase: `Speaker Paul Ryan, despite admitting …, the victims need …` is his;
    nor is a noun set off by commas of its own: `a Reuters poll, by 43%-41%, the public says`.)"""
    if subj.i > verb.i or subj.pos_ != "NOUN" or subj.ent_type_ or subj.conjuncts or _next_to(subj, verb):
        return False
    doc = subj.doc
    return any(o.i > subj.i and _next_to(o, verb) and doc[o.left_edge.i - 1].text == ","
               and not any(t.text == "," for t in doc[subj.i:o.left_edge.i - 1]) for o in subjects)


def composite_description(subj: Token) -> Token | None:
    """`British engineer and inventor James Pike said`: a description conjoined with a name that
    has a role word of its own before it is one person, the name."""
    if subj.pos_ != "NOUN" or subj.ent_type_ == "PERSON":
        return None
    for conj in subj.conjuncts:
        if conj.i > subj.i and conj.ent_type_ == "PERSON" and any(
                c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < conj.i for c in conj.children) and not any(
                c.dep_ in ("det", "poss") for c in conj.children):
            return conj
    return None


def outside_brackets(tok: Token) -> Token:
    """`Gov. John Kasich (R-OH), said`: a subject parsed inside brackets is the name before them."""
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].text != "(" and not doc[i].is_sent_start and i > tok.i - 6:
        i -= 1
    if doc[i].text != "(" or i == 0:
        return tok
    closing = next((t.i for t in doc[tok.i:tok.i + 6] if t.text == ")"), None)
    if closing is None:
        return tok
    before = doc[i - 1]
    return before if before.pos_ == "PROPN" else tok


def _verbless_subject(verb: Token, rules: Rules, judge: Callable[[Token], str | None] | None) -> Mention | None:
    """`Aaron Kall, the director of …, compared Trump to …`: a sentence the parse gave no verb at
    its root, the cue (a past participle) hung on its subject. Other participles on a noun
    (`the report released by …`) have no source of their own."""
    noun = verb.head
    if noun.dep_ == "ROOT" and noun.pos_ in ("PROPN", "NOUN") and noun.i < verb.i and not any(
            c.dep_ == "agent" for c in verb.children) and (judge is None or judge(noun) == "speaker"):
        return with_appos(noun, "subject", rules)
    return None


def _tensed_modifier_noun(verb: Token, judge: Callable[[Token], str | None] | None) -> Token | None:
    """`which Apple's chief executive, Tim Cook, called “total political crap”`, parsed with
    `called` as a modifier of `Cook`: a verb the tagger read as past tense (not a participle, so
    no reduced relative), right after the noun it hangs on with only punctuation between and no
    agent, has that noun as its subject (rule `tensed_modifier`)."""
    noun = verb.head
    doc = verb.doc
    if noun.pos_ not in ("NOUN", "PROPN") or not noun.i < verb.i or any(c.dep_ == "agent" for c in verb.children):
        return None
    if not all(t.is_punct for t in doc[noun.i + 1:verb.i]):
        return None
    return noun if judge is None or judge(noun) == "speaker" else None


def _clause_verb(verb: Token) -> Token | None:
    """`for his role in … and for saying`, `aside from saying`: up from a participle through the
    prepositions and adverbs it hangs on to its clause's verb."""
    node = verb.head
    while node.dep_ in ("prep", "conj", "advmod", "cc") and node.pos_ in ("ADP", "ADV", "CCONJ") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") and node.sent == verb.sent else None


def _participle_in_report(verb: Token, rules: Rules) -> bool:
    """`Smith said the plan was fine, going on to say …`, `…, adding that …`: a participle set off
    by a comma that the parse hung on the reported clause belongs to the one reporting it."""
    clause = verb.head
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and clause.dep_ == "ccomp" and clause.head.i < clause.i < verb.i \
        and clause.head.lemma_.lower() in rules.verb_class and verb.doc[verb.i - 1].text == ","


def _content_conjunct(clause: Token, arrived: str | None, rules: Rules) -> bool:
    """`Her brief said that was not her view and dismissed those reports as …`: a verb the
    parse conjoined to a reported clause whose subject is a bare `that` (a demonstrative, with
    no noun before it to stand for) is the reporter's second act, not the clause's (rule
    `demonstrative_content`)."""
    return rules.enabled(R.DEMONSTRATIVE_CONTENT) and arrived == "conj" and clause.dep_ == "ccomp" \
        and clause.head.i < clause.i and clause.head.lemma_.lower() in rules.verb_class


def _passive_subject(verb: Token, rules: Rules) -> Token | None:
    """The subject of a passive clause, which the participle of its prepositional adjunct
    (`after saying`, `for calling`) has as its own: `she was whisked off after saying …` is hers,
    not an agent's (`was criticized by aides for saying`); a relative pronoun is left alone."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None or passive.lower_ in rules.words["relative_pronouns"]:
        return None
    return outside_brackets(passive)


def _participle_partner(verb: Token, rules: Rules) -> Token | None:
    """`…, saying he was a pioneer in promoting women and calling him “a feminist”`, `treating
    her remark as a compliment -- “That makes me smart” -- and, when questioned, asserting …`:
    a participle the parse conjoined to a word it cannot be coordinated with (a participle
    inside a prepositional phrase), or hung outside quotation marks on a verb inside them (`“…,”
    Sanders said, suggesting a few questions, including, “Do you …?”`), goes with the nearest
    participle before it in its sentence that is set off by a comma and outside quotation marks,
    or for the one hung on a quotation, the nearer finite cue verb there (`but said, “It's time,”
    promising …`: said; not `when questioned`) (rule `conjoined_participle`)."""
    if not rules.enabled(R.CONJOINED_PARTICIPLE) or verb.dep_ not in ("conj", "advcl") or verb.tag_ != "VBG":
        return None
    head = verb.head
    into_quotation = _quoted(head) and not _quoted(verb)
    if not (into_quotation or verb.dep_ == "conj" and head.tag_ == "VBG" and head.dep_ == "pcomp"):
        return None
    doc = verb.doc
    for t in reversed(doc[verb.sent.start:verb.i]):
        if _quoted(t):
            continue
        if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj") and doc[t.i - 1].text == "," and t.head.pos_ in ("VERB", "AUX"):
            return t
        if into_quotation and t.tag_ in ("VBD", "VBZ", "VBP") and t.lemma_.lower() in rules.verb_class:
            return t         # `“…,” Sanders said, suggesting a few questions, including, “Do you …?”`: said
    return None


def _quoted(tok: Token) -> bool:
    """Is `tok` between quote marks (an odd number of marks before it in its paragraph, which a
    sentence may not be: the parse can start one inside a quotation)?"""
    doc = tok.doc
    start = tok.i
    while start > 0 and tok.i - start < 400 and "\n" not in doc[start - 1].whitespace_ and "\n" not in doc[start - 1].text:
        start -= 1
    marks = [t for t in doc[start:tok.i] if t.is_quote and t.text not in ("'", "’", "‘")]
    return len(marks) % 2 == 1


def _participle_past_relative(verb: Token, rules: Rules) -> bool:
    """`Trump was defensive about not paying an architect who said he was stiffed, saying, “…”`:
    a participle set off by a comma after a restrictive relative clause that made a report of
    its own (a cue with its complement) goes with the clause the relative clause's noun stands
    in, not with the relative clause (which would have said `and said`)."""
    rel = verb.head
    if not rules.enabled(R.PARTICIPLE_PAST_RELATIVE) or verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    if rel.dep_ != "relcl" or rel.lemma_.lower() not in rules.verb_class or verb.doc[verb.i - 1].text != ",":
        return False
    noun = rel.head
    restrictive = rel.left_edge.i == noun.i + 1        # `an architect who said …`, no comma between
    comps = [c for c in rel.children if c.dep_ == "ccomp" and c.i > rel.i and c.right_edge.i < verb.i]
    return restrictive and bool(comps) and noun.dep_ in ("dobj", "pobj")


def _tensed_conjunct(verb: Token, rules: Rules) -> Token | None:
    """`May said that the country would declare … and suggested that it would withdraw`: a
    past or present verb the parse conjoined to a bare infinitive (after `would`, `to`) cannot
    be that verb's partner; it goes with the nearest verb above in its own tense (`said`)."""
    if not rules.enabled(R.TENSED_CONJUNCT) or verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    bare = verb.head
    if bare.tag_ != "VB" or not any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in bare.children):
        return None
    return next((a for a in bare.ancestors if a.tag_ == verb.tag_ and a.pos_ in ("VERB", "AUX")), None)


def _name_before_cue(m: Mention, verb: Token, rules: Rules) -> Mention:
    """`To understand the real Dred Scott, Chief Justice Roberts said, one should …`: where the
    parse made a person's name right before the cue an apposition of the subject before a comma,
    that name is the cue's subject, and the words before the comma are part of what was said
    (rule `name_before_cue`)."""
    ap = m.appos
    if not rules.enabled(R.NAME_BEFORE_CUE) or ap is None or ap.end != verb.i or ap.start <= m.end:
        return m
    if verb.doc[m.end].text != "," or ap.head.ent_type_ != "PERSON" or ap.head.pos_ != "PROPN":
        return m
    return Mention(ap.head, ap.start, ap.end, how=m.how)


def _asked_unnamed(verb: Token, rules: Rules) -> bool:
    """`Asked whether …, Devine replied`, `Christie said when asked whether …`: a cue verb in an
    adverbial clause with no subject or auxiliary of its own is a past participle, passive (the
    parse tags one that opens its sentence, or follows `when`, as past tense): the subject of the
    clause it hangs on is the one asked, not the one asking, who is not named (rule
    `asked_unnamed`)."""
    if not rules.enabled(R.ASKED_UNNAMED) or verb.dep_ != "advcl" or verb.i > verb.head.i and verb.tag_ != "VBN" \
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "agent") for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return True
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    return verb.tag_ == "VBD" and (before is None or before.lower_ in rules.words["participle_markers"])


def _issuer(document: Token, rules: Rules) -> Token | None:
    """The verb whose subject issued a document: `X issued a statement`, `X placed ads`,
    `X unleashed a series of tweets`."""
    amount = document.head.head if document.dep_ == "pobj" and document.head.lower_ == "of" else None
    if amount is not None and amount.dep_ == "dobj" and amount.lower_ in rules.words["quantity_nouns"]:
        document = amount      # `a series of tweets`: the series is the object
    verb = document.head
    if document.dep_ == "dobj" and verb.pos_ == "VERB" and _subject(verb) is not None:
        return verb
    return None


def who_antecedent(who: Token, noun: Token, rules: Rules) -> Token:
    """The noun a `who` clause is about, where the parse hung it elsewhere: the last of a list
    right before its comma (`Will Smith, Patti LaBelle and Stevie Wonder, who joked`: Wonder), or
    the people a thing belongs to (`listeners to his radio program who said`: the listeners)."""
    if who.lower_ != "who":
        return noun
    doc = who.doc
    if who.i >= 2 and doc[who.i - 1].text == ",":
        last = doc[who.i - 2]
        while last.dep_ in ("compound", "flat") and last.head.i > last.i:
            last = last.head
        if last.i != noun.i and last in noun.conjuncts and last.ent_type_ == noun.ent_type_ == "PERSON":
            return last
    if noun.pos_ == "PRON" or noun.tag_ == "NNS" or _people(noun, rules):
        return noun
    node = noun
    while not _people(node, rules) and node.dep_ == "pobj" and node.head.dep_ == "prep" \
            and node.head.head.pos_ in ("NOUN", "PROPN"):
        node = node.head.head
    if _people(node, rules):
        return node
    return _people_before(noun, rules) or noun


def _before_relative(m: Mention, rel: Token) -> Mention:
    """The antecedent's mention ends before its own relative clause (`tenants of the block who
    said …` is `tenants of the block`)."""
    if m.start < rel.i < m.end:
        m.end = rel.i
        doc = rel.doc
        while m.end - 1 > m.start and doc[m.end - 1].is_punct:
            m.end -= 1
    return m


def _people_before(noun: Token, rules: Rules) -> Token | None:
    """`calls from black listeners to his “Keepin' It Real” radio program who said …`, with `to`
    hung on `calls`: `who` stands for people, so for a thing (not a named body) it goes back over
    the noun phrases before it to the nearest plural noun or person (rule `who_person`)."""
    if not rules.enabled(R.WHO_PERSON) or noun.ent_type_ in ("ORG", "NORP", "GPE") or noun.tag_ != "NN":
        return None
    doc = noun.doc
    for t in reversed(doc[max(noun.sent.start, noun.left_edge.i - 10):noun.left_edge.i]):
        if t.tag_ in ("NNS", "NNPS") or _people(t, rules):
            while t.dep_ == "pobj" and t.head.lower_ == "of" and (t.head.head.tag_ in ("NNS", "NNPS") or _people(t.head.head, rules)):
                t = t.head.head          # `relatives of the miners … who`: the relatives
            return t
        if t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ") or t.text in (",", ";", ":"):
            return None      # (a clause or a list between: not the same phrase)
    return None


def _people(tok: Token, rules: Rules) -> bool:
    return tok.ent_type_ in ("PERSON", "NORP") or tok.lower_ in rules.people_nouns


def _quantified_relative(subj: Token, rules: Rules) -> Mention | None:
    """`family members of 9/11 victims, many of whom say …`: a quantity `of whom` stands for
    (part of) the noun phrase before its comma, however the parse hung the clause."""
    if subj.lower_ in rules.words["distributives"]:
        return None      # `Herring and Howard at the University, both of whom …`: a group, not the nearest noun
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or not any(g.dep_ == "pobj" and g.lower_ in rules.words["relative_pronouns"] for g in of.children):
        return None
    doc = subj.doc
    i = subj.left_edge.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    noun = doc[i - 1]
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head        # `members of 9/11 victims`: the phrase's head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    m = Mention(subj, subj.left_edge.i, subj.right_edge.i + 1, how="relative")
    m.antecedent = with_appos(noun, "relative", rules)
    return m


def _misparsed_phrase(to: Token) -> Mention | None:
    """`according to show insiders`, parsed as `to show` + object: the noun phrase the parse
    read as a clause right after `to` (nouns and modifiers only, up to its last noun)."""
    doc = to.doc
    comp = next((c for c in to.children if c.dep_ == "pcomp" and c.i == to.i + 1), None)
    if comp is None:
        return None
    end = to.i + 1
    while end < len(doc) and end <= comp.right_edge.i and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "DET", "NUM") \
            and doc[end].tag_ not in ("VBD", "VBZ", "MD") and not doc[end].is_punct:
        end += 1
    nouns = [t for t in doc[to.i + 1:end] if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or end - to.i - 1 > 5 or nouns[-1].i != end - 1:
        return None
    return within_line(Mention(nouns[-1], to.i + 1, end, how="phrase"))


def source_of(cue: Cue, rules: Rules, judge: Callable[[Token], str | None] | None = None) -> Mention | None:
    """The mention that is the source of `cue`, or None when the parse gives none.

    `judge` says of a noun whether it can be a source ("speaker"), is a document its issuer
    speaks through ("document"), or neither (None); without it every noun can be a source."""
    head = cue.head
    if cue.form == PHRASE:
        to = cue.tokens[-1]      # the phrase's last word: `according to`, `in the words of`
        for c in list(to.children) + list(head.children):
            if c.dep_ == "pobj":
                return with_appos(c, "phrase", rules)
        return _misparsed_phrase(to)
    if cue.form == NOUN:
        for c in head.children:
            if c.dep_ == "poss":
                return with_appos(c, "owner", rules)
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in rules.words["owner_prepositions"]:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return with_appos(g, "owner", rules)
        return None
    before = head.doc[head.i - 1] if head.i else None
    if head.tag_ == "VBG" and before is not None and before.dep_ in ("pobj", "dobj") and before.ent_type_ in ("", "PERSON", "ORG", "NORP") \
            and (before.pos_ == "PROPN" or before.ent_type_ == "PERSON" or before.lower_ in rules.words["object_pronouns"]):
        return with_appos(before, "participle", rules)       # `footage of Hillary Clinton asking, “…”` (not `on Friday saying`)
    if _asked_unnamed(head, rules):
        return None          # `Asked whether …, Devine replied`: Devine was asked; the asker is not named
    verb, how, via = head, "subject", None
    for _ in range(5):
        arrived, via = via, None       # the relation climbed last (`xcomp`: a controlled verb)
        if arrived == "adjunct" and rules.enabled(R.ADJUNCT_PASSIVE):
            patient = _passive_subject(verb, rules)
            if patient is not None:      # `she was whisked off after saying …`, `was fired for saying`
                return with_appos(patient, "inherited", rules)
        if how == "inherited" and verb.lemma_.lower() in rules.words["quoted_passives"]:
            quoted = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if quoted is not None:      # `X was quoted (by the Herald) as saying …`: X
                return with_appos(quoted, "inherited", rules)
        subj = _subject(verb, rules)
        if subj is not None:
            group = _quantified_relative(subj, rules)
            if group is not None:
                return group
            if subj.lower_ in rules.words["relative_pronouns"] and verb.dep_ == "relcl":
                noun = verb.head
                if noun.dep_ == "appos" and noun.head.pos_ in ("PROPN", "NOUN") and rules.enabled(R.RELATIVE_ON_APPOSITION):
                    noun = noun.head     # `China and the US, the two biggest polluters, which vowed`: China
                if judge is not None and judge(noun) == "document" and _issuer(noun, rules) is not None:
                    verb, how = _issuer(noun, rules), "inherited"     # `X released an ad that urges ...`: X
                    continue
                m = Mention(subj, subj.i, subj.i + 1, how="relative")
                ante = who_antecedent(subj, noun, rules)     # (the last of a list: it alone, no joint speakers)
                how = "relative_last" if ante.i != noun.i and ante in noun.conjuncts else "relative"
                m.antecedent = _before_relative(with_appos(ante, how, rules), subj)
                return m
            if subj.pos_ == "PRON" and subj.lower_ in rules.words["relative_pronouns"]:
                # `the Chicago Police Department which reported …`, parsed without the relative
                # clause: the noun right before the pronoun is what it stands for
                prev = subj.doc[subj.i - 1] if subj.i else None
                if prev is None or prev.pos_ not in ("NOUN", "PROPN"):
                    if _content_conjunct(verb, arrived, rules):
                        verb, how = verb.head, "inherited"     # `X's brief said that was not her view and dismissed …`: X's brief
                        continue
                    return None
                m = Mention(subj, subj.i, subj.i + 1, how="relative")
                m.antecedent = with_appos(prev, "relative", rules)
                return m
            found = with_appos(subj, how, rules)
            return _name_before_cue(found, verb, rules) if verb is head else found
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if arrived == "xcomp" and passive.lower_ not in rules.words["relative_pronouns"]:
                return with_appos(passive, "inherited", rules)   # `X can be heard yelling that …`
            return None          # `X was told`: X is the hearer, not the speaker
        if verb.dep_ == "acl" and verb.tag_ == "VBD" and rules.enabled(R.TENSED_MODIFIER):
            noun = _tensed_modifier_noun(verb, judge)
            if noun is not None:        # `which Apple's chief, Tim Cook, called “…”`: Tim Cook
                return with_appos(noun, "subject", rules)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return _verbless_subject(verb, rules, judge)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = verb.head
            kind = judge(noun) if judge is not None else "speaker"
            if kind == "document" and _issuer(noun, rules) is not None:
                verb, how = _issuer(noun, rules), "inherited"      # `X issued a statement calling ...`: X
                continue
            if kind is not None:
                return with_appos(noun, "participle", rules)      # `voters saying ...`, `signs calling ...`
            # `at one point calling ...`, `on “Morning Joe,” calling ...`: the clause's subject
            governor = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if governor is None:
                return None
            verb, how = governor, "inherited"
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            # (`is justified by arguing`: in a passive, `by` with a participle is the agent, not an adjunct)
            verb, how, via = verb.head.head, "inherited", "adjunct" if verb.head.lower_ != "by" else None
            continue
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and _clause_verb(verb) is not None:
            verb, how, via = _clause_verb(verb), "inherited", "adjunct"     # `for saying`, `aside from saying`
            continue
        partner = _participle_partner(verb, rules)
        if partner is not None:
            verb, how = partner, "inherited"      # `…, saying he was a pioneer in promoting women and calling him …`
            continue
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i:
            return None          # `Asked about it, X said`: X was asked; the asker is not named
        if _participle_in_report(verb, rules):
            verb, how = verb.head.head, "inherited"    # `X said Y was fine, going on to say …`: X
            continue
        if how == "subject" and _participle_past_relative(verb, rules):
            governor = next((a for a in verb.head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if governor is not None:       # `… an architect who said he was stiffed, saying, “…”`
                verb, how = governor, "inherited"
                continue
        tensed = _tensed_conjunct(verb, rules)
        if tensed is not None:
            verb, how = tensed, "inherited"     # `X said that Y would go and suggested …`: X
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp":
                break
            via = verb.dep_
            verb, how = verb.head, "inherited"
            if verb.pos_ not in ("VERB", "AUX"):
                break
            continue
        break
    return None
