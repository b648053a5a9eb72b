"""Exercise feedback in the learner's language, with Python's own gettext.

English is the source language: every message is written in English in the code, as a whole
sentence in one string literal. `N_("...")` marks a message that is translated only when it is
shown (the hints of `Mistake`, which are built at import); `_("...")` translates at once. The
catalogue of each other language is a gettext `.po` file in ``locale/<ll_CC>/LC_MESSAGES/``
(compiled to the `.mo` beside it by ``python tools/i18n.py messages``); a test checks that every
English message has a translation in every language and that the `.mo` matches its `.po`.

Which language? ``COURSE_LANG`` (``en`` or ``zh-CN``) if it is set; otherwise the course folder the
notebook runs in: Jupyter and nbval start a notebook's kernel in the notebook's folder, so the
notebooks in ``notebooks/zh-CN/`` (and a learner's copies in ``my_notebooks/zh-CN/``) get Chinese
feedback while running exactly the same code as the English ones.
"""

import gettext
import os
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "language", "N_", "translate"]

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "exercises"
# course language code (the folder name of an edition) -> gettext locale name (None: the source)
LANGUAGES = {"en": None, "zh-CN": "zh_CN"}
_ALIASES = {"zh": "zh-CN", "zh_cn": "zh-CN", "zh-cn": "zh-CN", "zh_CN": "zh-CN"}


def language():
    """The course language of this kernel: ``"en"`` or ``"zh-CN"``."""
    chosen = os.environ.get("COURSE_LANG", "").strip()
    if chosen:
        chosen = _ALIASES.get(chosen, chosen)
        if chosen not in LANGUAGES:
            raise ValueError(f"COURSE_LANG == {chosen!r}, must be one of {sorted(LANGUAGES)}")
        return chosen
    folders = set(Path.cwd().parts)
    return next((code for code in LANGUAGES if code in folders), "en")


@cache
def _catalogue(code):
    locale = LANGUAGES[code]
    if locale is None:
        return gettext.NullTranslations()
    # fallback: an install without the compiled catalogue gives English feedback, never a crash
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale], fallback=True)


def _(message):
    """`message` in the current course language (English when no translation exists)."""
    return _catalogue(language()).gettext(message)


def translate(message):
    """Translate a message held in a variable (one marked with `N_` where it was written)."""
    return _catalogue(language()).gettext(message)


def N_(message):
    """Mark `message` for translation when it is shown; returns it unchanged."""
    return message
