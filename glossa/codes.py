"""The diagnostic code vocabulary: every code Glossa reports, with one meaning each.

This is the only module that spells a code. Every `error(...)`/`warning(...)` names a member of `Code`;
docs/diagnostics.md and the table in CONTRIBUTING.md are generated from it
(`python scripts/diagnostics_doc.py`). A code is a `str` ("G130"), so it prints, sorts and compares as
the stable code contributors search for. Numbers are never reused for another meaning.

Bands: G10x a file or its YAML, G11x a value against its schema, G12x names shared across files,
G13x anchoring to the text, G14x computations, G15x templates, G16x unused content, G17x content/ itself, G18x the base text,
G19x the editorial model (kinds of statement, witnesses, variant readings).
"""
from __future__ import annotations

from enum import Enum, StrEnum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


_E, _W = Severity.ERROR, Severity.WARNING


class Code(StrEnum):
    """A diagnostic code: its number (the value), severity, headline, one-line meaning and usual fix.
    (`headline`, not `title`: a code is a str, and str.title is a method.)"""

    severity: Severity
    headline: str
    meaning: str
    fix: str

    def __new__(cls, number: str, severity: Severity, headline: str, meaning: str, fix: str) -> Code:
        member = str.__new__(cls, number)
        member._value_ = number
        member.severity, member.headline, member.meaning, member.fix = severity, headline, meaning, fix
        return member

    @classmethod
    def of(cls, number: str) -> Code:
        """The code with this number ("G130"); ValueError for a number the registry does not hold."""
        for code in cls:
            if code.value == number:
                return code
        raise ValueError(f"{number!r} is not a diagnostic code of glossa.codes")

    # --- G10x: the file and its YAML ---------------------------------------------------------------
    MALFORMED_YAML = (
        "G100", _E, "Malformed YAML",
        "The file is not valid YAML (indentation, quoting, more than one document); the line and column "
        "of the problem are given.",
        "Check indentation and quoting on that line; put text containing ': ' or starting with a quote, "
        "'-', '[' or '{' inside double quotes.")
    NOT_UTF8 = (
        "G101", _E, "Not UTF-8",
        "The file is not valid UTF-8.",
        "Save the file as UTF-8 in your editor.")
    EMPTY_FILE = (
        "G102", _E, "Empty file",
        "The file is empty or holds only comments.",
        "Fill in the fields this kind of file needs (see CONTRIBUTING.md), or delete the file.")
    FILE_TOO_LARGE = (
        "G103", _E, "File too large",
        "The file is larger than allowed: by default 64 KiB for an annotation, 16 MiB for `source.txt` "
        "(settings `limits: annotation_bytes` and `text_bytes` in site.yaml).",
        "Shorten or split it: annotation files hold one short annotation each.")
    MISSING_FILE = (
        "G104", _E, "Required file missing",
        "A file or folder the build needs is missing: no edition folder, or an edition without "
        "`edition.yaml` or `source.txt`, or no `site.yaml`.",
        "Create it; CONTRIBUTING.md shows what each file holds.")
    YAML_ANCHOR = (
        "G105", _E, "YAML anchor or alias",
        "The file uses a YAML anchor (`&name`), alias (`*name`) or `<<` merge; content never needs them, "
        "and they are how YAML is abused.",
        "Write the value out in full where it is needed.")
    TRANSCRIPTION_SHAPE = (
        "G106", _E, "Transcription without provenance or body",
        "`source.txt` has no provenance block (`Label: value` lines), or no body paragraphs after it.",
        "Start source.txt with its provenance lines, a blank line, then the text as received.")
    YAML_TAG = (
        "G107", _E, "YAML tag",
        "The file uses a YAML tag (`!…` or `!!…`) other than `!!str`.",
        "Remove the tag; write a plain value (quote it to make it text).")
    YAML_KEY = (
        "G108", _E, "Key that is not a name",
        "A key is not a plain name: a number, true/false, or a list or group used as a key.",
        "Field names are words such as 'paragraph' or 'quote', written as 'name: value'.")
    YAML_TOO_DEEP = (
        "G109", _E, "YAML nested too deeply",
        "Lists and groups nest deeper than 12 levels (or brackets deeper than 64).",
        "Annotation files are shallow; remove the extra nesting.")
    # --- G11x: a value against its schema ----------------------------------------------------------
    WRONG_TYPE = (
        "G110", _E, "Wrong type",
        "A value of the wrong type (text where a whole number is needed, an unquoted number where text is "
        "needed), or a file that is not a set of `name: value` fields.",
        "Write the value as the field needs it; quote numbers that are text.")
    MISSING_FIELD = (
        "G111", _E, "Required field missing",
        "A field the schema requires is missing.",
        "Add the field with a value; see CONTRIBUTING.md for a complete example.")
    UNKNOWN_FIELD = (
        "G112", _E, "Unknown field",
        "A field the schema does not define (often a misspelling; the hint suggests the right name).",
        "Remove it or correct its name.")
    BAD_FORM = (
        "G113", _E, "Value not in the expected form",
        "A value does not have the form its field needs: an id, URL or language tag, a date that is not in "
        "the calendar, a term without a letter, or a number Glossa cannot read.",
        "Write the value in the form the field's description gives.")
    NOT_A_CHOICE = (
        "G114", _E, "Not one of the choices",
        "A value is not one of the values its field allows.",
        "Use one of the listed values.")
    TOO_SMALL = (
        "G115", _E, "Below the lower limit",
        "A value is below its field's lower limit: empty text, a list or group without enough items, or "
        "a number below its minimum.",
        "Add what is missing, or remove the field if it is optional.")
    TOO_LARGE = (
        "G116", _E, "Above the upper limit",
        "A value is above its field's upper limit: text too long, too many items, or a number above its "
        "maximum.",
        "Shorten it, or split it into several files.")
    BAD_NAME = (
        "G117", _E, "Invalid name",
        "The name of a file, an edition folder or a computation input is not in the allowed form.",
        "Use lowercase letters, digits and hyphens for files and folders (letters, digits and underscores "
        "for inputs).")
    SCHEMA_RULE = (
        "G118", _E, "Schema rule not met",
        "A value breaks a rule of its JSON Schema that no more specific code describes.",
        "Compare the value with its field's description in schemas/.")
    CONTROL_CHARACTER = (
        "G119", _E, "Invisible control character",
        "The file holds an invisible control character (U+0000–U+001F other than tab and newline, U+007F, "
        "or a lone surrogate), written directly or as an escape.",
        "Delete it; retype the text if you pasted it from elsewhere.")
    # --- G12x: names shared across files ----------------------------------------------------------
    FORM_CLAIMED_TWICE = (
        "G120", _E, "Glossary form claimed twice",
        "The same form (term or alias) belongs to two glossary entries, so links to it would be ambiguous.",
        "Keep the form in one entry only.")
    BROKEN_REFERENCE = (
        "G121", _E, "Cross-reference to nothing",
        "A cross-reference (`glossary:`, `note:`, `computation:`, `paragraph:`, `edition:`) points at nothing.",
        "Correct the id, or add what it should point at.")
    DUPLICATE_FIELD = (
        "G122", _E, "Field given twice",
        "The same field is given twice in one file (YAML would silently keep only the last).",
        "Keep one of the two and delete the other.")
    # --- G13x: anchoring annotations to the text --------------------------------------------------
    QUOTE_NOT_FOUND = (
        "G130", _E, "Quote not found",
        "The quote is not in the given paragraph (the hint shows the closest passage).",
        "Copy the words exactly from the transcription, or correct the paragraph number.")
    QUOTE_AMBIGUOUS = (
        "G131", _E, "Quote occurs more than once",
        "The quote occurs more than once in the paragraph and no `occurrence` is given.",
        "Add 'occurrence: N', or quote more words.")
    NO_SUCH_PARAGRAPH = (
        "G132", _E, "No such paragraph",
        "There is no paragraph with that number (for an anchor or a computation input).",
        "Use the number shown in the reader's margin (the #p-N permalink).")
    OCCURRENCE_OUT_OF_RANGE = (
        "G133", _E, "Occurrence out of range",
        "`occurrence` is larger than the number of times the quote occurs.",
        "Use an occurrence from 1 to the number of times the quote occurs.")
    ORIGINAL_NOT_FOUND = (
        "G134", _E, "Emendation's original not found",
        "An emendation's `original` reading is not in the given paragraph.",
        "Copy the reading exactly from the transcription, or correct the paragraph number.")
    EMENDATIONS_OVERLAP = (
        "G135", _E, "Emendations overlap",
        "Two emendations change overlapping words.",
        "Merge them into one emendation.")
    EMENDATION_CHANGES_NOTHING = (
        "G136", _E, "Emendation changes nothing",
        "An emendation's `corrected` reading is the same as its `original`.",
        "Write the reading this edition should print, or delete the file.")
    PART_MISSING = (
        "G137", _E, "No part named",
        "The edition is book-length (edition.yaml lists `parts:`), so an annotation or computation input that "
        "gives `paragraph:` must also say which part it is in: paragraph numbers restart in each part.",
        "Add 'part: ID' beside 'paragraph:', with the id of a part listed in edition.yaml.")
    PART_NOT_ALLOWED = (
        "G138", _E, "Part in an edition of one text",
        "An annotation gives `part:`, but its edition has no `parts:` in edition.yaml (its text is source.txt).",
        "Remove the 'part:' line.")
    NO_SUCH_PART = (
        "G139", _E, "No such part",
        "`part:` names a part that edition.yaml does not list under `parts:`.",
        "Use the id of a part listed under `parts:` in edition.yaml.")
    # --- G14x: computations -----------------------------------------------------------------------
    FORMULA_SYNTAX = (
        "G140", _E, "Formula cannot be read",
        "A formula is not in the formula language: an unknown character or function, unbalanced brackets, "
        "or wrong arguments to `round`.",
        "Use numbers, input names, + - * / % ( ) and round, min, max, sum, mean.")
    UNDECLARED_INPUT = (
        "G141", _E, "Undeclared input",
        "A formula uses a name that is not a declared input.",
        "Declare it under inputs:, or correct the name.")
    UNUSED_INPUT = (
        "G142", _W, "Unused input",
        "An input is declared but the formula does not use it.",
        "Use it in the formula or remove it.")
    DIVISION_BY_ZERO = (
        "G143", _E, "Division by zero",
        "A formula divides by zero.",
        "Check the inputs and the formula.")
    OUT_OF_RANGE = (
        "G144", _E, "Number out of range",
        "A number or result in a formula is not finite or exceeds 10^15.",
        "Check the inputs' magnitudes and the formula.")
    FORMULA_TOO_BIG = (
        "G145", _E, "Formula too big",
        "A formula is longer than 500 characters, nests deeper than 32 levels, or has a number with more "
        "than 20 digits.",
        "Split the calculation into several computations chained by `computation:` inputs.")
    COMPUTATION_CYCLE = (
        "G146", _E, "Computations in a cycle",
        "Computations depend on each other in a cycle.",
        "Break the cycle: one of them must take its value from the text or a source.")
    UNKNOWN_COMPUTATION = (
        "G147", _E, "Unknown computation",
        "An input takes the result of a computation that does not exist.",
        "Correct the id after 'computation:'.")
    INPUT_ORIGIN = (
        "G148", _E, "Input without one origin",
        "An input does not say where its value comes from in exactly one way (`paragraph`, `source` or "
        "`computation`).",
        "Give exactly one of paragraph (with value), source (with value) or computation.")
    CLAIM_MISFIT = (
        "G149", _E, "Claim does not fit its comparator",
        "A claim's fields do not fit its comparator: `value` or `low`/`high` missing or misplaced, `low` "
        "above `high` or in other units, `about` without a `tolerance`, a negative tolerance, or a "
        "percentage claim whose tolerance is not written with `%`.",
        "Give the fields the comparator needs (see CONTRIBUTING.md, 'Claims').")
    # --- G15x-G17x ----------------------------------------------------------------------------------
    TEMPLATE_ERROR = (
        "G150", _E, "Template error",
        "A template cannot be compiled or rendered (for developers: the template and line are given).",
        "Fix the template at the line given.")
    BROKEN_SCHEMA = (
        "G151", _E, "Broken schema",
        "A file in `schemas/` is not valid JSON, or not a JSON Schema the validator can use (for developers: "
        "the schema file and line are given).",
        "Fix the schema file; `python -m json.tool FILE` shows JSON syntax errors.")
    SEARCH_INDEX_FAILED = (
        "G152", _E, "Search index not built",
        "Pagefind could not index the rendered pages (for developers: its own message is given).",
        "Reinstall the project's dependencies (`make .venv/.installed` installs Pagefind's binary); the message "
        "says what Pagefind reported.")
    UNLINKED_ENTRY = (
        "G160", _W, "Glossary entry nothing links to",
        "Nothing links to a glossary entry: the text does not contain its term or aliases, and no "
        "annotation links to it with `[text](glossary:ID)`.",
        "Add the form the text uses as an alias, link to it from an annotation, or remove the entry.")
    SYMLINK = (
        "G170", _E, "Symbolic link",
        "A symbolic link under `content/`; it is not followed.",
        "Replace the link with the file itself.")
    TOO_MANY_FILES = (
        "G171", _E, "Too many files",
        "`content/` holds more files and folders than `limits: files` in site.yaml allows (by default "
        "1,000,000).",
        "Remove files that are not part of an edition.")
    STRAY_FILE = (
        "G172", _E, "Stray file",
        "A file under `content/` that the build does not know what to do with (wrong folder or extension).",
        "Move it where its kind of file belongs (see CONTRIBUTING.md), or delete it.")
    NO_BASE_URL = (
        "G173", _E, "No site address",
        "`site.yaml` gives no `base_url`, and the build writes absolute URLs (canonical links, citations, "
        "the sitemap, the feed): it refuses to guess them.",
        "Add `base_url: https://…/` (the address the site is published at) to content/site.yaml.")
    FROZEN_VERSION_CHANGED = (
        "G174", _E, "Released version changed",
        "A file of a released version (`versions/VERSION/` in an edition's folder, written by `build.py "
        "release`) is not the file that was released: its SHA-256 differs from the one its manifest.json "
        "records. A citation of that version must keep pointing at what it said.",
        "Restore the file from version control (`git checkout -- PATH`). To publish changed content, declare a "
        "new version (and its changelog entry) in edition.yaml and run `build.py release SLUG`.")
    FROZEN_VERSION_INCOMPLETE = (
        "G175", _E, "Released version incomplete",
        "A released version's folder (`versions/VERSION/`) lacks its manifest.json, its manifest is not what "
        "`build.py release` writes, a file it lists is missing or is not one a release freezes, a file is not "
        "listed, or the version has no entry in the edition's changelog.",
        "Restore the folder from version control, or delete it and run `build.py release SLUG` while "
        "edition.yaml gives that version.")

    # --- G18x: the base text's integrity and invisible characters -------------------------------------
    SOURCE_CHECKSUM = (
        "G180", _E, "Base text changed or unchecked",
        "`source.txt` does not match the `source_sha256` recorded in `edition.yaml`, or none is recorded, so "
        "a change to the author's text would pass unnoticed.",
        "If the change to source.txt is intended, write the checksum the message gives into edition.yaml's "
        "source_sha256, so the change shows in review; otherwise restore source.txt.")
    SOURCE_CONTROL_CHARACTER = (
        "G181", _E, "Control character in the base text",
        "`source.txt` holds a control character (other than tab and line breaks) that would be written into "
        "the pages.",
        "Delete the character from source.txt (and update source_sha256); it is never part of the text.")
    SOURCE_BIDI_CONTROL = (
        "G182", _E, "Invisible direction control in the base text",
        "`source.txt` holds a bidirectional control character that could reorder what readers see, and no "
        "emendation records it.",
        "Record an emendation whose original is the character (written as an escape such as \"\\u202e\") "
        "and whose corrected reading omits it.")
    ANNOTATION_INVISIBLE_CHARACTER = (
        "G183", _E, "Invisible character in an annotation",
        "A content file holds a control or bidirectional control character, which could hide or reorder text.",
        "Delete the character; an emendation's original may name a bidi control only as an escape.")
    RESERVED_EDITION_NAME = (
        "G184", _E, "Edition name taken by the site",
        "An edition folder is named like a page or folder the site itself writes (compared without case), or "
        "so that a file the edition names after itself would overwrite another of its files (`source`: its plain "
        "text, SLUG/SLUG.txt, is where the transcription as received, SLUG/source.txt, is published), or like "
        "another edition but for case.",
        "Rename the edition folder.")
    PARTS_LIST = (
        "G185", _E, "Parts listed wrongly",
        "A book-length edition's `parts:` list gives two parts the same id or the same file, or the edition "
        "has a source.txt beside its parts (a book's text is in its part files).",
        "Give each part its own id and file; move source.txt's text into the first part's file.")
    # --- G19x: the editorial model: kinds of statement, witnesses and variant readings --------------
    CONTEXT_WITH_VERDICT = (
        "G190", _E, "Context with a verdict",
        "A computation of kind `context` gives a `claim` or a `rationale`: context is the editor's working "
        "and gets no verdict.",
        "Make it `kind: claim` if the author asserts the figure; otherwise remove `claim:` and `rationale:`.")
    UNKNOWN_WITNESS = (
        "G191", _E, "Unknown witness",
        "A variant reading names a witness that edition.yaml does not list.",
        "Use the id of a witness under `witnesses:` in edition.yaml, or add the witness there.")
    BASE_READING_MISMATCH = (
        "G192", _E, "Variant disagrees with the base text",
        "A variant gives no reading for the base text, or its base reading is not the quoted words, or a "
        "computation input on those words states another value than the base reading's.",
        "Give the base witness's reading exactly as transcribed (the quote), with the value the input states.")
    BASE_WITNESS = (
        "G193", _E, "No single base witness",
        "An edition that lists witnesses (or has variants) must mark exactly one witness `base: true`: the "
        "text it transcribes.",
        "Mark the transcription's witness `base: true`, and no other.")
    DISPLAY_ON_CLAIM = (
        "G194", _E, "Display on a claim",
        "A claim gives `display:`; a claim's result is printed at the precision of the author's figure.",
        "Remove `display:`, or make the computation `kind: context`.")
    VERSION_NOT_IN_CHANGELOG = (
        "G195", _E, "Version without a changelog entry",
        "edition.yaml has a `changelog`, but no entry for its `version` (or two entries for one version), so "
        "a citation of this version would point at nothing.",
        "Add a changelog entry for the version (its date, and what changed), or correct `version`.")
