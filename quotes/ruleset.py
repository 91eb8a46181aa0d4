"""Loading the rule data in `rules/` (cue verbs by class, pronouns, titles, word lists, rule
settings).

Rules are data, read once when the component is created, so a user extends them without
touching code: copy the folder, edit it, and pass it as the component's `rules_dir` (or save the
pipeline: the component carries the files). Imports only the standard library, so the store and
`quotes check` read their word lists without loading spaCy.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

RULE_FILES = ("cues.toml", "pronouns.toml", "titles.toml", "patterns.toml", "words.toml", "speakers.toml", "names.toml",
              "given_names.toml")
OPTIONAL_FILES = ("names.toml", "given_names.toml")    # a rules folder copied before they existed still loads


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    confidence: float
    enabled: bool = True
    settings: dict = field(default_factory=dict)


@dataclass
class Rules:
    """Everything the attributor reads from `rules/`, in the shapes it looks them up by."""

    verb_class: dict[str, str]          # cue verb lemma -> class name
    object_verbs: set[str]              # cue verbs whose object is the content (`called him a fraud`)
    noun_class: dict[str, str]          # cue noun lemma -> class name
    phrasal_class: dict[tuple[str, str], str]   # (verb lemma, particle) -> class name: `shot back`
    class_kind: dict[str, str]          # class name -> "speech" | "belief"
    object_only: set[str]               # classes whose verbs report only through a quoted object
    subject_nouns: dict[str, set[str]]  # class name -> the only subjects its verbs count with
    phrases: dict[str, list[str]]       # phrase cue group -> phrases ("according to")
    pronouns: dict[str, dict]           # pronoun -> {number, gender, relative, first_person}
    honorifics: dict[str, str]          # "mr" -> "male"
    title_words: set[str]
    people_nouns: set[str]
    rules: dict[str, Rule]
    words: dict[str, frozenset[str]]    # words.toml: list name -> words
    as_object_class: str | None = None  # the class any verb joins with `OBJECT as “…”` (cues.toml `as_object`)
    first_names: dict[str, str] = field(default_factory=dict)   # names.toml: "hillary" -> "female"
    furniture: list[re.Pattern] = field(default_factory=list)   # names.toml: credit and byline lines
    markup: list[re.Pattern] = field(default_factory=list)      # names.toml: markup tags left in the text
    body_names: set[str] = field(default_factory=set)           # names.toml: "downing street", "kremlin"
    body_heads: set[str] = field(default_factory=set)           # names.toml: "street", "ministry"
    confidence_factors: dict[str, float] = field(default_factory=dict)  # patterns.toml [confidence]
    object_nouns: dict[str, set[str]] = field(default_factory=dict)  # cues.toml: class -> the only objects it reports through

    def rule(self, name: str) -> Rule:
        return self.rules[name]

    def factor(self, name: str) -> float:
        """A confidence factor of patterns.toml `[confidence]` (1.0 when a copied rules folder
        predates it)."""
        return self.confidence_factors.get(name, 1.0)

    def enabled(self, name: str) -> bool:
        r = self.rules.get(name)
        return bool(r and r.enabled)


def default_rules_dir() -> Path:
    """The rule folder installed with the package (the project's `rules/`)."""
    return Path(str(resources.files("quotes") / "rules"))


def read_rule_files(rules_dir: str | Path | None = None) -> dict[str, bytes]:
    """The rule files of `rules_dir` (default: the packaged rules), by file name, as bytes."""
    folder = Path(rules_dir) if rules_dir else default_rules_dir()
    files = {}
    for name in RULE_FILES:
        path = folder / name
        try:
            files[name] = path.read_bytes()
        except FileNotFoundError:
            if name in OPTIONAL_FILES:
                continue
            raise FileNotFoundError(f"{path}: rule file missing (expected {', '.join(RULE_FILES)})") from None
    return files


def _parse(files: dict[str, bytes], name: str, origin: str | Path | None) -> dict:
    try:
        return tomllib.loads(files[name].decode("utf-8"))
    except KeyError:
        raise FileNotFoundError(f"{name}: rule file missing (expected {', '.join(RULE_FILES)})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        where = Path(origin) / name if origin else name
        raise ValueError(f"{where}: {exc}") from None


def rule_file(file: str, rules_dir: str | Path | None = None) -> dict:
    """One rule file of `rules_dir` (default: the packaged rules), parsed."""
    folder = Path(rules_dir) if rules_dir else default_rules_dir()
    path = folder / file
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: rule file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: {exc}") from None


def word_lists(file: str, rules_dir: str | Path | None = None) -> dict[str, frozenset[str]]:
    """The word lists of one rule file (`[name] words = [...]` tables), lower-cased."""
    return _lists(rule_file(file, rules_dir))


def _lists(data: dict) -> dict[str, frozenset[str]]:
    return {name: frozenset(w.lower() for w in table.get("words", [])) for name, table in data.items()}


def load_rules(rules_dir: str | Path | None = None, classes: list[str] | None = None) -> Rules:
    """Read the rule files from `rules_dir` (default: the packaged rules).

    `classes` names the cue classes to switch on; by default each class's `enabled` setting.
    """
    return rules_from_files(read_rule_files(rules_dir), classes, origin=rules_dir or default_rules_dir())


def rules_from_files(files: dict[str, bytes], classes: list[str] | None = None, origin: str | Path | None = None) -> Rules:
    """Build the rules from rule file contents by file name (as `read_rule_files` gives them)."""
    cues = _parse(files, "cues.toml", origin)
    pronouns = _parse(files, "pronouns.toml", origin)
    titles = _parse(files, "titles.toml", origin)
    patterns = _parse(files, "patterns.toml", origin)
    words = _parse(files, "words.toml", origin)
    names = _parse(files, "names.toml", origin) if "names.toml" in files else {}
    given = _parse(files, "given_names.toml", origin) if "given_names.toml" in files else {}

    known = set(cues.get("classes", {}))
    if classes is not None:
        unknown = set(classes) - known
        if unknown:
            raise ValueError(f"unknown cue class(es) {sorted(unknown)}; known: {sorted(known)}")
    verb_class: dict[str, str] = {}
    object_verbs: set[str] = set()
    noun_class: dict[str, str] = {}
    phrasal_class: dict[tuple[str, str], str] = {}
    class_kind: dict[str, str] = {}
    object_only: set[str] = set()
    subject_nouns: dict[str, set[str]] = {}
    object_nouns: dict[str, set[str]] = {}
    for cname, spec in cues.get("classes", {}).items():
        on = cname in classes if classes is not None else spec.get("enabled", True)
        if not on:
            continue
        class_kind[cname] = spec.get("kind", "speech")
        if spec.get("content") == "quoted_object":
            object_only.add(cname)
        if "subject_nouns" in spec:
            subject_nouns[cname] = {n.lower() for n in spec["subject_nouns"]}
        if "object_nouns" in spec:
            object_nouns[cname] = {n.lower() for n in spec["object_nouns"]}
        for v in spec.get("verbs", []):
            verb_class.setdefault(v.lower(), cname)
        for v in spec.get("object_verbs", []):
            verb_class.setdefault(v.lower(), cname)
            object_verbs.add(v.lower())
        for p in spec.get("phrasal_verbs", []):
            verb, particle = p.lower().split()
            phrasal_class.setdefault((verb, particle), cname)
        for n in spec.get("nouns", []):
            noun_class.setdefault(n.lower(), cname)

    honorifics = {w: g for g, words in titles.get("honorifics", {}).items() for w in words}
    rules = {
        name: Rule(
            name=name,
            description=spec.get("description", ""),
            confidence=float(spec.get("confidence", 0.5)),
            enabled=bool(spec.get("enabled", True)),
            settings={k: v for k, v in spec.items() if k not in {"description", "confidence", "enabled"}},
        )
        for name, spec in patterns.get("rules", {}).items()
    }
    return Rules(
        verb_class=verb_class,
        object_verbs=object_verbs,
        noun_class=noun_class,
        phrasal_class=phrasal_class,
        class_kind=class_kind,
        object_only=object_only,
        subject_nouns=subject_nouns,
        object_nouns=object_nouns,
        phrases=cues.get("phrases", {}),
        pronouns={k.lower(): v for k, v in pronouns.get("pronouns", {}).items()},
        honorifics=honorifics,
        title_words={w.lower() for w in titles.get("titles", {}).get("words", [])},
        people_nouns={w.lower() for w in titles.get("people_nouns", {}).get("words", [])},
        rules=rules,
        words=_lists(words),
        as_object_class=next((c for c, spec in cues.get("classes", {}).items() if spec.get("as_object")), None),
        first_names=_first_names(given.get("given_names", {}), names.get("first_names", {})),
        furniture=[_pattern(p, origin) for p in names.get("furniture", {}).get("line_patterns", [])],
        markup=[_pattern(p, origin) for p in names.get("furniture", {}).get("markup_patterns", [])],
        body_names={n.lower() for n in names.get("bodies", {}).get("names", [])},
        body_heads={n.lower() for n in names.get("bodies", {}).get("heads", [])},
        confidence_factors={k: float(v) for k, v in patterns.get("confidence", {}).items()},
    )


def _first_names(generated: dict, hand: dict) -> dict[str, str]:
    """Given name -> usual gender: the generated list (given_names.toml), then the hand-made one
    (names.toml `[first_names]` male/female), which wins; its `neutral` names tell nothing."""
    out = {n.lower(): g for g in ("male", "female") for n in generated.get(g, [])}
    out.update({n.lower(): g for g in ("male", "female") for n in hand.get(g, [])})
    for n in hand.get("neutral", []):
        out.pop(n.lower(), None)
    return out


def _pattern(pattern: str, origin: str | Path | None) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        where = Path(origin) / "names.toml" if origin else "names.toml"
        raise ValueError(f"{where}: bad line pattern {pattern!r}: {exc}") from None
