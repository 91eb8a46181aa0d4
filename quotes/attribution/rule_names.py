"""The name of every rule, once: what a quote's `rule` field says and what `rules/patterns.toml`
configures (confidence, `enabled`, settings). Code refers to rules only through these names."""
from __future__ import annotations

# verb cues (verb_cues.py)
CUE_QUOTE = "cue_quote"
SEMICOLON_BOUND = "semicolon_bound"
ONE_WORD_QUOTE = "one_word_quote"
CUE_COMPLEMENT = "cue_complement"
RELATIVE_CLAUSE = "relative_clause"
CUE_OBJECT = "cue_object"
OBJECT_CONTENT = "object_content"
PARENTHETICAL = "parenthetical"
TRAILING_CUE = "trailing_cue"
INTERRUPTED_CLAUSE = "interrupted_clause"
# who a cue's subject is, where the parse gives none or the wrong one (asides.py, ...)
ASIDE_SUBJECT = "aside_subject"
COLON_SUBJECT = "colon_subject"
COMMA_SUBJECT = "comma_subject"
CONTENT_NOT_SOURCE = "content_not_source"
NEARER_CUE = "nearer_cue"
TENSED_CONJUNCT = "tensed_conjunct"
PARTICIPLE_PAST_RELATIVE = "participle_past_relative"
WHO_PERSON = "who_person"
PREPOSITION_SUBJECT = "preposition_subject"
INTRODUCED_PERSON = "introduced_person"
ADVERB_SUBJECT = "adverb_subject"
ASKED_UNNAMED = "asked_unnamed"
HONORIFIC_GENDER = "honorific_gender"
NAME_BEFORE_CUE = "name_before_cue"
ADJUNCT_PASSIVE = "adjunct_passive"
CONJOINED_PARTICIPLE = "conjoined_participle"
NUMBER_SUBJECT = "number_subject"
PLURAL_BEFORE_CUE = "plural_before_cue"
ONE_WORD_BODY = "one_word_body"
RELATIVE_ON_APPOSITION = "relative_on_apposition"
DEMONSTRATIVE_CONTENT = "demonstrative_content"
DEMONSTRATIVE_SUBJECT = "demonstrative_subject"
TENSED_MODIFIER = "tensed_modifier"
JOINT_SPEAKERS = "joint_speakers"
# phrase and noun cues (phrase_cues.py)
ACCORDING_TO = "according_to"
WORDS_OF = "words_of"
NOUN_CUE = "noun_cue"
# headline and transcript lines (line_labels.py)
HEADLINE_COLON = "headline_colon"
TRANSCRIPT_LABEL = "transcript_label"
# quotations no cue reported (placement.py)
CONTINUATION = "continuation"
FLOATING_QUOTE = "floating_quote"
DASH_SOURCE = "dash_source"
COLON_INTRO = "colon_intro"
COLON_NOUN = "colon_noun"
UNATTRIBUTED = "unattributed"
SCARE_QUOTE = "scare_quote"
HEADLINE_NAMES = "headline_names"
PRINCIPAL_SURNAME = "principal_surname"
REPORTED_CLAUSE_NAME = "reported_clause_name"
TITLE_ROLE_HOLDER = "title_role_holder"
DESCRIBED_SUBJECT = "described_subject"
PRINCIPAL_BEFORE_RUNNING = "principal_before_running"
UTTERANCE_MAKER = "utterance_maker"
PRINCIPAL_TITLE = "principal_title"
QUOTED_THING_BEFORE = "quoted_thing_before"

# the rules that decide who a cue's subject is rather than whether there is a quote
SPEAKER_RULES = frozenset({ASIDE_SUBJECT, COLON_SUBJECT, COMMA_SUBJECT, CONTENT_NOT_SOURCE, SEMICOLON_BOUND, NEARER_CUE, TENSED_CONJUNCT,
                           PARTICIPLE_PAST_RELATIVE, WHO_PERSON,
                           PREPOSITION_SUBJECT, INTRODUCED_PERSON, ADVERB_SUBJECT, ASKED_UNNAMED,
                           HONORIFIC_GENDER, NAME_BEFORE_CUE,
                           ADJUNCT_PASSIVE, CONJOINED_PARTICIPLE,
                           NUMBER_SUBJECT, PLURAL_BEFORE_CUE, ONE_WORD_BODY,
                           RELATIVE_ON_APPOSITION, DEMONSTRATIVE_CONTENT, DEMONSTRATIVE_SUBJECT,
                           TENSED_MODIFIER, JOINT_SPEAKERS, HEADLINE_NAMES, PRINCIPAL_SURNAME, REPORTED_CLAUSE_NAME,
                           TITLE_ROLE_HOLDER, DESCRIBED_SUBJECT, PRINCIPAL_BEFORE_RUNNING, INTERRUPTED_CLAUSE,
                           UTTERANCE_MAKER, PRINCIPAL_TITLE, QUOTED_THING_BEFORE})

ALL = frozenset(v for k, v in dict(globals()).items() if k.isupper() and isinstance(v, str))
