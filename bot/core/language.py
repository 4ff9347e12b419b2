"""The question's language, and an English gloss of it: one set of patterns and one index serve six languages.

Members write in English, Indonesian, Russian, German, French and Spanish (the article is from Jakarta). The
knowledge is English, so a question in another language is glossed word by word into English before it is
understood: its function words ("siapa", "wer", "qui") and the words of the article's topics ("diracun",
"Osterweiterung", "élargissement") become English, names stay as they are. This is dictionary-based query
translation, the plain technique of cross-language retrieval: it decides which entries and which question
kind, never the wording of the answer (answers are English, and say so when the question was not).

Words are matched by their Snowball stem (PyStemmer), so one lexicon line covers a word's inflections
("отравил", "отравлен", "отравление" all stem to "отравл"). Language detection is the script (Cyrillic is
Russian) and, for Latin script, which language's common words the question uses most.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import Stemmer

LANGS = ("en", "id", "ru", "de", "fr", "es")
NAMES = {"en": "English", "id": "Indonesian", "ru": "Russian", "de": "German", "fr": "French", "es": "Spanish"}
_SNOWBALL = {"en": "english", "id": "indonesian", "ru": "russian", "de": "german", "fr": "french",
             "es": "spanish"}
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Crimée' and 'Navalnýi' meet 'crimee' and 'navalnyi'. Cyrillic
    keeps its 'й' (a letter of its own, not an accented 'и')."""
    text = text.casefold().replace("’", "'").replace("й", "\0")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "й").replace("ё", "е")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_SNOWBALL[lang])


@cache
def stem_in(lang: str, word: str) -> str:
    return str(_stemmer(lang).stemWord(word))


# Common words of each language: the evidence for detecting it (none of these is a topic of the article).
COMMON = {
    "en": ("the is are was were what who why how does did do about and of to in with this that it you can for a "
           "an on at by from my i me we they there be been has have had will would should could not no or but "
           "if so which when where his her its their our your any some all just really did get got whats").split(),
    "id": ("apa apakah siapa kenapa mengapa bagaimana gimana yang dan di ke dari itu ini tidak gak nggak enggak "
           "dengan untuk soal tentang adalah ada sih dong kok ya kah pernah bakal akan sama aja juga udah sudah "
           "mana nya emang memang kalau kalo atau saja lagi jadi tapi karena buat bisa mau lah pun oleh "
           "para sang si kami kita mereka dia ia aku gue gw lu lo").split(),
    "de": ("der die das und ist sind was wer warum wie hat haben wurde wurden wird werden nicht mit zum zur den "
           "dem des ein eine einen einem einer sich auf über uber von im am es worum gibt denn eigentlich "
           "wirklich so noch schon auch aber oder wenn dass ob bei aus für fur man ja nein doch").split(),
    "fr": ("le la les est sont que qui quoi pourquoi comment des du de un une et en au aux ce c'est il elle "
           "ont été ete sur dans pas qu'est vraiment dit est-ce l d qu c j n y a ou se sa son ses leur "
           "leurs mais donc car par pour avec été était etait étaient toi moi quel quelle").split(),
    "es": ("el la los las es son que qué quién quien por porque cómo como del de un una y en al se lo "
           "fue ha han sobre con qué cuál cual está estan están estén esten dime le les su sus muy tan pero "
           "para mas más ya si sí era eran hay").split(),
}
_COMMON = {lang: frozenset(fold(w) for w in ws) for lang, ws in COMMON.items()}


@cache
def _evidence(lang: str) -> frozenset[str]:
    """The words that say a question is in ``lang``: its common words, and its lexicon's words that are not
    also English ("russland", "diracun"; not "mission" or "Georgia")."""
    if lang == "en":
        return _COMMON["en"]
    own = {w for key, value in LEXICON.get(lang, {}).items() if fold(key) != fold(value) for w in words(key)
           if len(w) > 1}  # not the "s" of "geht's": English has it too ("what's")
    return frozenset(_COMMON[lang] | (own - _COMMON["en"]))
_MARKS = {"es": re.compile(r"[¿¡ñ]"), "de": re.compile(r"[ßäöü]"), "fr": re.compile(r"[èêçàùâîôœ]")}


def detect(text: str) -> str:
    """The language code of ``text``: 'ru' for Cyrillic; else the Latin-script language whose common words
    (and letters: ¿ ñ, ß ä, ç è) it has most of; English when nothing says otherwise."""
    if _CYRILLIC.search(text):
        return "ru"
    found = words(text)
    score = {lang: sum(w in _evidence(lang) for w in found) for lang in ("en", "id", "de", "fr", "es")}
    for lang, marks in _MARKS.items():
        score[lang] += 2 * len(marks.findall(text.casefold()))
    best = max(score, key=lambda lang: (score[lang], lang == "en"))
    # A single word of another language in an otherwise unknown question is not enough ("a", "die", "de").
    return best if score[best] > score["en"] and score[best] >= 2 else "en"


# English gloss of each language's question words and of the article's topics, written as a reader of
# each language would ask. Keys are words or short phrases (matched by stem); a value of "" drops the key
# (a particle that carries no meaning: "sih", "dong", "eigentlich"). English has a lexicon too: colloquial
# words for the article's topics ("kicked out" asks about expulsions, "beef" about a dispute).
LEXICON: dict[str, dict[str, str]] = {
    "en": {
        "cop": "police officer", "cops": "police", "policeman": "police officer", "sick": "ill poisoned",
        "got sick": "fell ill poisoned", "get sick": "fell ill poisoned", "fell sick": "fell ill poisoned",
        "runs": "secretary general", "head of": "secretary general", "boss": "secretary general",
        "chief": "secretary general", "crack down": "crackdown", "cracking down": "crackdown",
        "cracks down": "crackdown", "opponents": "critics opposition", "opponent": "critics opposition",
        "weird": "garbled", "strange": "garbled", "confusing": "garbled", "makes no sense": "garbled",
        "pull out": "withdraw suspends", "pulled out": "withdrew suspended",
        "backyard": "sphere of influence", "turf": "sphere of influence", "orbit": "sphere of influence",
        "flew back": "return returned", "came back": "return returned", "went back": "return returned",
        "returned": "return", "banned": "extremist outlawed", "ban": "extremist outlawed",
        "outlawed": "extremist", "group": "organisation foundation",
        "name wrong": "misspelled misspelt", "wrong name": "misspelled misspelt", "spelt wrong": "misspelt",
        "spelled wrong": "misspelled", "belongs to": "sphere influence area", "belong to": "sphere influence area",
        "belonged to": "sphere influence area", "owns": "sphere influence", "started": "started began",
        "start": "start began", "began": "began started",
        "blame each other": "grievances accuse blame", "each other": "", "mutual": "grievances",
        "kick out": "expel", "sent home": "expelled", "send home": "expel", "sends home": "expel",
        "sent packing": "expelled", "protect": "defend", "protecting": "defending", "protects": "defends",
        "kicked out": "expel", "throw out": "expel", "threw out": "expel",
        "booted": "expelled", "boot out": "expel", "kicked": "expelled",
        "beef": "grievances dispute blame case", "deal": "grievances", "problem with": "grievances blame case",
        "issue with": "grievances blame case",
        "hit back": "respond", "retaliate": "respond", "retaliated": "respond", "answer": "response",
        "react": "respond", "reacted": "respond", "reacts": "respond", "reacting": "respond",
        "reaction": "response", "reactions": "response",
        "talk to": "contact with", "talks to": "contact with", "channel": "contact",
        "die": "killed died", "dead": "killed died", "murdered": "killed", "alive": "survived died",
        "hq": "headquarters",
        "poisoner": "poisoned", "locked up": "jailed", "lock up": "jailed", "prison": "jailed",
        "behind bars": "jailed", "arrested": "arrest",
        "pro-russia": "author opinion view", "pro-russian": "author opinion view", "biased": "author opinion",
        "take": "view", "stance": "view", "prediction": "conclusion", "predict": "conclusion",
        "predicts": "conclusion", # how "it" ends is the author's conclusion; how an ice age or a game ended is not
        "it ends": "end conclusion", "it actually end": "end conclusion", "it actually ends": "end conclusion",
        "it finally end": "end conclusion", "it really end": "end conclusion", "this ends": "end conclusion",
        "it all ends": "end conclusion",
        "this all ends": "end conclusion", "all this ends": "end conclusion", "things end": "end conclusion",
        "it will end": "end conclusion", "does it end": "end conclusion", "did it end": "end conclusion",
        "will this end": "end conclusion", "will all this end": "end conclusion", "going to end": "end conclusion",
        "gonna end": "end conclusion", "in the end": "", "at the end": "", "outcome": "conclusion",
        "end up": "conclusion",
        "call it right": "conclusion after", "come true": "conclusion after",
        "promised": "promise", "pledge": "promise", "vow": "promise",
        "meddle": "interference", "meddled": "interference", "meddling": "interference",
        "mess with": "interference", "messed with": "interference", "hacked": "interference hacking",
        "rigged": "interference", "joined": "join", "joining": "join", "member": "members",
        "credentials": "international issues observer", "who is he": "the author",
        "calm down": "after", "cool off": "after", "since then": "after the article",
        "afterwards": "after the article", "later": "after the article",
        "slips": "errors", "typos": "errors misspelled misspelt", "spelling": "misspelled misspelt",
        "timeline": "all", "everything": "all", "every": "all",
        "hurt": "killed died", "besides": "other", "else": "other",
        "nato-russia": "nato russia", "stolen": "annexed", "stole": "annexed", "steal": "annexation",
        "grab": "annexation", "grabbed": "annexed", "land grab": "annexation", "took": "annexed",
        "provoke": "threatens security expansion",
        "provoked": "threatens security expansion", "provoking": "threatens security expansion",
        "provocation": "threatens security expansion", "threaten": "threatens", "threatened": "threatens",
        "threat": "threatens", "scared": "threatens security", "afraid": "threatens security",
        "will happen": "conclusion", "bottom line": "conclusion", "takeaway": "conclusion",
        "tense": "tensions", "tension": "tensions", "treats its": "crackdown", "treat its": "crackdown",
        "treats": "crackdown",
        "treatment of": "crackdown", "criticise": "critics", "criticize": "critics", "criticised": "critics",
        "criticized": "critics", "critical of": "critics", "dissidents": "critics", "dissident": "critics",
        "grow": "expand", "grew": "expanded", "growing": "expanding",
        "get bigger": "expand", "rock bottom": "lowest point", "all-time low": "lowest point",
        "backwards": "reversed wrong", "at home": "internal crackdown", "bring up": "mention",
        "brings up": "mention", "brought up": "mention", "poisonings": "poisoning",
        "hit": "attack", "allowed in": "join", "let in": "join", "spell": "misspelled misspelt",
        "spells": "misspelled misspelt", "spelled": "misspelled misspelt", "spelt": "misspelled misspelt",
        "sum up": "summarise", "sum it up": "summarise", "ends up": "conclusion",
    },
    "id": {
        # round 5: "did the author approve of…", "that is to say"
        "setuju": "agree approve", "menyetujui": "approve", "tuh": "", "maksudnya": "mean",
        "apa": "what", "apakah": "", "siapa": "who", "kenapa": "why", "mengapa": "why", "bagaimana": "how",
        "gimana": "how", "kapan": "when", "dimana": "where", "di mana": "where", "berapa": "how many",
        "yang": "", "sih": "", "dong": "", "kok": "", "ya": "", "kah": "", "nih": "", "deh": "", "aja": "",
        "emang": "", "memang": "", "sebenernya": "", "sebenarnya": "", "itu": "that", "ini": "this",
        "dan": "and", "atau": "or", "soal": "about", "tentang": "about", "mengenai": "about",
        "terhadap": "about", "sama": "with", "dengan": "with", "ke": "to", "di": "in", "dari": "from",
        "tidak": "not", "gak": "not", "nggak": "not", "enggak": "not", "ga": "not", "bukan": "not",
        "pernah": "ever", "bakal": "will", "akan": "will", "udah": "already", "sudah": "already",
        "benar": "right", "bener": "right", "salah": "wrong", "pihak": "side", "mana": "which",
        "pihak mana": "which side", "di pihak mana": "on which side",
        "rekomendasi": "recommend", "tempat": "place", "terbaik": "best", "musim": "season", "mengunjungi": "visit",
        "kamu": "you", "anda": "you", "menurut": "according to", "menurutmu": "your opinion",
        "pendapat": "view", "pendapatnya": "view", "pandangan": "view", "bilang": "says", "kata": "says",
        "berkata": "says", "mengatakan": "says", "menyebut": "says", "klaim": "claim",
        "penulis": "the author", "penulisnya": "the author", "pengarang": "the author", "artikel": "article",
        "artikelnya": "article", "tulisan": "article", "intinya": "summary", "inti": "summary",
        "ringkasan": "summary", "ringkas": "summary", "singkat": "summary", "rangkum": "summarise",
        "kesimpulan": "conclusion", "kesimpulannya": "conclusion", "akhirnya": "end", "berakhir": "end",
        "diracun": "poisoned", "racun": "poison", "meracuni": "poisoned", "keracunan": "poisoning",
        "dibunuh": "killed", "terbunuh": "killed", "meninggal": "died", "mati": "died", "tewas": "killed",
        "selamat": "survived", "hidup": "survived died", "dipenjara": "jailed", "penjara": "jailed",
        "ditangkap": "arrest", "mata-mata": "spy", "mata mata": "spy", "intelijen": "intelligence",
        "diusir": "expelled", "mengusir": "expel", "pengusiran": "expulsions", "diplomat": "diplomats",
        "misi": "mission", "misinya": "mission", "nutup": "suspends", "menutup": "suspends",
        "ditutup": "suspended", "tutup": "suspends", "menangguhkan": "suspends", "kedutaan": "embassy",
        "janji": "promise", "berjanji": "promise", "ekspansi": "expansion", "perluasan": "expansion",
        "memperluas": "expanding", "timur": "eastward", "ke timur": "eastward", "bergabung": "join",
        "gabung": "join", "anggota": "members", "perang": "war", "invasi": "invasion",
        "menyerang": "invasion", "serangan": "attack", "aneksasi": "annexation", "mencaplok": "annexed",
        "pemilu": "election", "pemilihan": "election", "campur tangan": "interference",
        "ikut campur": "interference", "mencampuri": "interference", "intervensi": "interference",
        "hubungan": "relations", "ketegangan": "tensions", "terendah": "lowest point", "sanksi": "sanctions",
        "kesalahan": "errors", "salah tulis": "misspelled", "keliru": "wrong", "barat": "the West",
        "rusia": "Russia", "amerika": "United States", "inggris": "UK", "jerman": "Germany",
        "krimea": "Crimea", "ukraina": "Ukraine", "georgia": "Georgia", "finlandia": "Finland",
        "swedia": "Sweden", "uni eropa": "European Union", "pengaruh": "influence", "wilayah": "area",
        "kepentingan": "interest", "nasional": "national", "setelah": "after", "sesudah": "after",
        "sejak": "after", "kritikus": "critics", "oposisi": "opposition", "penindasan": "crackdown",
        "tokoh": "people", "dikatakan": "says", "putri": "daughter", "putrinya": "daughter", "anaknya": "daughter",
        "menulis": "wrote",
        "ditulis": "written", "nulis": "wrote", "diplomasi": "diplomacy", "terjadi sama": "happened to",
        "sekarang": "now", "kini": "now", "bahasa": "language", "belajar": "learn", "bahaya": "threatens security",
        "berbahaya": "threatens security",
        "ancaman": "threatens", "mengancam": "threatens", "gara-gara": "because", "gara gara": "because",
        "karena": "because",
        "satu": "one", "dua": "two", "delapan": "eight", "orang rusia": "Russians",
        "menteri luar negeri": "foreign minister", "sekjen": "secretary general",
        "pembela": "defend", "membela": "defend", "masuk akal": "made sense", "dibenarkan": "justified",
        "tanggapan": "response", "menanggapi": "respond", "balas": "respond", "membalas": "respond",
        "terjadi": "happened", "kejadian": "happened", "nasib": "fate", "tuduhan": "accusations",
        "menuduh": "accuse", "dituduh": "accused", "salahkan": "blame", "menyalahkan": "blame",
        "penyelidikan": "inquiry", "temuan": "findings", "semua": "all", "daftar": "list",
    },
    "ru": {
        # round 5: observer mission, official version, death, "what kind of"
        "наблюдательная": "observer", "наблюдательной": "observer", "наблюдательная миссия": "observer mission",
        "чё за": "what", "что за": "what", "называют": "called", "называется": "called",
        "умерла": "died", "официальной": "official", "официальная": "official",
        "версии": "version", "версия": "version", "правда": "really",
        "что": "what", "кто": "who", "почему": "why", "зачем": "why", "как": "how", "когда": "when",
        "где": "where", "сколько": "how many", "ли": "", "же": "", "вообще": "", "а": "and", "и": "and",
        "со": "with", "из": "from", "от": "from", "до": "before", "по": "about", "за": "for", "к": "to",
        "у": "at", "для": "for", "при": "at", "над": "over", "чем": "what", "чём": "what", "то": "",
        "был": "was", "была": "was", "было": "was", "были": "were", "есть": "is", "ему": "", "его": "his",
        "её": "her", "их": "their", "она": "she", "он": "he", "они": "they", "так": "so", "уже": "already",
        "ещё": "", "еще": "", "всё": "all", "ну": "", "вот": "", "там": "there", "тут": "here", "да": "yes",
        "или": "or", "о": "about", "об": "about", "про": "about", "насчет": "about", "с": "with",
        "в": "in", "на": "on", "не": "not", "нет": "not", "это": "this", "этот": "this", "тот": "that",
        "прав": "right", "правы": "right", "права": "right", "виноват": "to blame", "виновата": "to blame",
        "агрессор": "aggressor", "сторона": "side", "стороне": "side", "чьей": "whose", "ты": "you",
        "вы": "you", "твое": "your", "ваше": "your", "мнение": "opinion", "считает": "thinks",
        "думает": "thinks", "говорит": "says", "сказал": "said", "сказала": "said", "заявил": "said",
        "пишет": "writes", "утверждает": "claims", "автор": "the author", "автора": "the author",
        "статья": "article", "статьи": "article", "статье": "article", "статью": "article",
        "кратко": "summary", "суть": "summary", "вывод": "conclusion", "выводы": "conclusion",
        "отравил": "poisoned", "отравили": "poisoned", "отравление": "poisoning", "отравлен": "poisoned",
        "яд": "poison", "убит": "killed", "убили": "killed", "умер": "died", "погиб": "died",
        "смерть": "death", "выжил": "survived", "жив": "survived died", "тюрьма": "jailed", "посадили": "jailed",
        "арест": "arrest", "шпион": "spy", "шпионаж": "spying", "разведка": "intelligence",
        "выслал": "expelled", "выслали": "expelled", "высылка": "expulsions", "дипломат": "diplomats",
        "миссия": "mission", "миссию": "mission", "представительство": "mission",
        "приостановила": "suspends", "закрыла": "suspends", "посольство": "embassy",
        "обещало": "promise", "обещали": "promise", "обещание": "promise", "расширяться": "expanding",
        "расширение": "expansion", "восток": "eastward", "на восток": "eastward", "вступить": "join",
        "вступили": "join", "члены": "members", "война": "war", "войну": "war", "вторжение": "invasion",
        "напала": "invasion", "аннексия": "annexation", "аннексировала": "annexed", "выборы": "election",
        "выборах": "election", "вмешательство": "interference", "вмешивалась": "interference",
        "вмешалась": "interference", "отношения": "relations", "напряженность": "tensions",
        "худшие": "lowest point", "холодная война": "Cold War", "холодной войны": "Cold War", "санкции": "sanctions",
        "ошибки": "errors", "ошибается": "wrong",
        "ошибка": "errors", "запад": "the West", "сша": "United States", "америка": "United States",
        "британия": "UK", "германия": "Germany", "грузия": "Georgia", "украина": "Ukraine",
        "финляндия": "Finland", "швеция": "Sweden", "влияние": "influence", "интересы": "interests",
        "после": "after", "критики": "critics", "оппозиция": "opposition", "оправдано": "justified",
        "ответила": "respond", "ответ": "response", "случилось": "happened", "произошло": "happened",
        "обвиняет": "accuses", "обвинения": "accusations", "расследование": "inquiry", "все": "all",
        "о чем": "what about", "дочь": "daughter", "дочерью": "daughter", "дочери": "daughter",
        "написал": "wrote", "написала": "wrote", "написана": "written", "дипломатия": "diplomacy",
        "референдум": "referendum", "законным": "legal", "законный": "legal",
        "законно": "legal", "незаконный": "illegal", "незаконно": "illegal", "против": "against", "угроза": "threatens",
        "угрожает": "threatens", "опасность": "threatens",
        "восемь": "eight", "русских": "Russians", "россиян": "Russians", "столтенберг": "Stoltenberg",
        "генсек": "secretary general", "маас": "Maas",
        "навальный": "Navalny", "россия": "Russia", "нато": "NATO", "кремль": "Kremlin", "москва": "Moscow",
        "скрипаль": "Skripal", "путин": "Putin", "лавров": "Lavrov",
    },
    "de": {
        # round 5: expulsions, events, the General Assembly, reports, what is in them
        "ausweisungen": "expulsions", "ereignis": "event",
        "ereignisse": "events", "bestimmten": "particular", "woran": "what", "hingen": "linked",
        "vollversammlung": "General Assembly",
        "generalversammlung": "General Assembly", "abgestimmt": "voted", "abstimmung": "vote",
        "bericht": "report", "berichts": "report", "steht": "says", "drin": "",
        "was": "what", "wer": "who", "warum": "why", "wieso": "why", "weshalb": "why", "wie": "how",
        "wann": "when", "wo": "where", "worum": "what about", "worum geht": "what is about",
        "geht": "", "geht's": "", "gehts": "", "kalter krieg": "Cold War", "tiefststand": "lowest point",
        "wie lange": "how long", "fliegt": "flies", "fliegen": "fly", "flug": "flight",
        "wie viele": "how many", "wie komm ich": "how do i get", "wie komme ich": "how do i get",
        "wie kommt man": "how do i get", "eigentlich": "", "denn": "", "wirklich": "really", "mal": "",
        "und": "and", "oder": "or", "über": "about", "uber": "about", "zur": "about", "zum": "about",
        "mit": "with", "nicht": "not", "kein": "not", "hat recht": "is right", "recht": "right",
        "schuld": "to blame", "angreifer": "aggressor", "aggressor": "aggressor", "seite": "side",
        "du": "you", "deine": "your", "ihre": "your", "meinung": "opinion", "ansicht": "view",
        "sicht": "view", "meint": "thinks", "denkt": "thinks", "sagt": "says", "sagen": "say",
        "sagte": "said", "behauptet": "claims", "schreibt": "writes", "autor": "the author",
        "verfasser": "the author", "artikel": "article", "text": "article", "zusammenfassung": "summary",
        "zusammenfassen": "summarise", "kurz": "short", "kurz gesagt": "summary", "in kürze": "summary",
        "fazit": "conclusion", "schluss": "conclusion",
        "vergiftet": "poisoned", "vergiftung": "poisoning", "gift": "poison", "getötet": "killed",
        "getotet": "killed", "ermordet": "killed", "gestorben": "died", "tod": "death", "tot": "died",
        "überlebt": "survived", "uberlebt": "survived", "gefängnis": "jailed", "gefangnis": "jailed",
        "inhaftiert": "jailed", "verhaftet": "arrest", "festnahme": "arrest", "spion": "spy",
        "spionage": "spying", "geheimdienst": "intelligence", "ausgewiesen": "expelled",
        "ausweisung": "expulsions", "diplomaten": "diplomats", "mission": "mission", "vertretung": "mission",
        "geschlossen": "suspended", "schließt": "suspends", "botschaft": "embassy",
        "versprochen": "promise", "versprechen": "promise", "osterweiterung": "eastward expansion",
        "erweiterung": "expansion", "ausdehnung": "expansion", "osten": "eastward", "beitreten": "join",
        "beitritt": "join", "beigetreten": "join", "mitglieder": "members", "krieg": "war",
        "invasion": "invasion", "einmarsch": "invasion", "überfall": "invasion", "annexion": "annexation",
        "annektiert": "annexed", "wahlen": "election", "wahl": "election", "eingemischt": "interference",
        "einmischung": "interference", "beziehungen": "relations", "verhältnis": "relations",
        "spannungen": "tensions", "tiefpunkt": "lowest point", "sanktionen": "sanctions",
        "fehler": "errors", "falsch": "wrong", "westen": "the West", "russland": "Russia",
        "amerika": "United States", "großbritannien": "UK", "deutschland": "Germany",
        "georgien": "Georgia", "ukraine": "Ukraine", "krim": "Crimea", "finnland": "Finland",
        "schweden": "Sweden", "einfluss": "influence", "einflusssphäre": "sphere of influence",
        "interessen": "interests", "nach": "after", "kritiker": "critics", "opposition": "opposition",
        "gerechtfertigt": "justified", "reagiert": "respond", "reaktion": "response",
        "passiert": "happened", "geschehen": "happened", "vorwürfe": "accusations",
        "wirft vor": "accuses", "untersuchung": "inquiry", "ergeben": "findings", "alle": "all",
        "außenminister": "foreign minister", "generalsekretär": "secretary general",
        "beschlossen": "decide", "entschieden": "decide", "beschluss": "declaration", "gipfel": "summit",
        "fall": "", "gesagt": "said", "erklärt": "said", "tochter": "daughter", "seiner": "his", "seine": "his",
        "ihrer": "her",
        "geschrieben": "wrote", "schrieb": "wrote", "diplomatie": "diplomacy", "schlecht": "bad", "zwischen": "between",
        "gab es": "was there", "bedrohung": "threatens", "gefahr": "threatens", "bedroht": "threatens", "acht": "eight",
        "russen": "Russians", "nawalny": "Navalny", "nawalnaja": "Navalnaya",
        "skripals": "Skripal", "gorbatschow": "Gorbachev", "stoltenberg": "Stoltenberg",
        "empfehlen": "recommend", "empfehlung": "recommend", "besuchen": "visit", "beste": "best",
        "jahreszeit": "season",
    },
    "fr": {
        "que": "what", "quoi": "what", "qu'est-ce": "what", "qu'est-ce qui": "what", "qui": "who",
        "pourquoi": "why", "comment": "how", "quand": "when", "où": "where", "combien": "how many",
        "vraiment": "really", "et": "and", "ou": "or", "sur": "about", "à propos": "about", "avec": "with",
        "pas": "not", "ne": "", "a raison": "is right", "raison": "right", "tort": "wrong",
        "coupable": "to blame", "agresseur": "aggressor", "camp": "side", "côté": "side", "tu": "you",
        "vous": "you", "ton": "your", "votre": "your", "avis": "opinion", "opinion": "opinion",
        "pense": "thinks", "dit": "says", "disent": "say", "affirme": "claims",
        "auteur": "the author", "l'auteur": "the author", "article": "article", "l'article": "article",
        "résumé": "summary", "résume": "summarise", "résumer": "summarise", "conclusion": "conclusion",
        "empoisonné": "poisoned", "empoisonnement": "poisoning", "poison": "poison", "tué": "killed",
        "mort": "died", "décédé": "died", "survécu": "survived", "prison": "jailed",
        "emprisonné": "jailed", "arrêté": "arrest", "espion": "spy", "espionnage": "spying",
        "renseignement": "intelligence", "expulsé": "expelled", "expulsés": "expelled",
        "expulsion": "expulsions", "diplomates": "diplomats", "mission": "mission",
        "suspendu": "suspended", "fermé": "suspended", "ambassade": "embassy", "promis": "promise",
        "promesse": "promise", "élargissement": "expansion", "expansion": "expansion", "est": "",
        "l'est": "eastward", "vers l'est": "eastward", "adhérer": "join", "adhésion": "join",
        "membres": "members", "guerre": "war", "invasion": "invasion", "envahi": "invasion",
        "annexion": "annexation", "annexé": "annexed", "élections": "election", "élection": "election",
        "ingérence": "interference", "ingéré": "interference", "relations": "relations",
        "tensions": "tensions", "sanctions": "sanctions", "erreurs": "errors", "faux": "wrong",
        "occident": "the West", "l'occident": "the West", "russie": "Russia", "la russie": "Russia",
        "amérique": "United States", "royaume-uni": "UK", "allemagne": "Germany", "géorgie": "Georgia",
        "crimée": "Crimea", "finlande": "Finland", "suède": "Sweden", "influence": "influence",
        "intérêts": "interests", "après": "after", "critiques": "critics", "opposition": "opposition",
        "justifié": "justified", "réagi": "respond", "réponse": "response", "passé": "happened",
        "arrivé": "happened", "accuse": "accuses", "accusations": "accusations", "enquête": "inquiry",
        "menace": "threatens", "américaine": "United States", "américain": "United States", "ingérée": "interference",
        "s'est ingérée": "interference", "fille": "daughter", "écrit": "wrote", "a écrit": "wrote",
        "diplomatie": "diplomacy", "cet": "this", "cette": "this", "menacé": "threatens", "danger": "threatens",
        "affaire": "case", "huit": "eight", "russes": "Russians", "russe": "Russian", "gorbatchev": "Gorbachev",
        "navalnaïa": "Navalnaya", "au plus bas": "lowest point", "plus bas": "lowest point",
        "guerre froide": "Cold War",
        "depuis": "since", "tous": "all", "toutes": "all", "otan": "NATO", "l'otan": "NATO", "meilleur": "best",
        "saison": "season",
        "meilleure": "best", "visiter": "visit", "recommander": "recommend", "conseille": "recommend",
    },
    "es": {
        # round 5: order, meddling, US elections, "a tall tale"
        "en ruso": "in Russian", "en alemán": "in German", "en inglés": "in English", "orden": "order",
        "se lía": "garbled", "lía": "garbled", "se equivoca": "wrong", "metió": "interfered",
        "meterse": "interfere", "gringas": "US", "gringos": "US", "gringo": "US",
        "cuento": "invented", "puro cuento": "invented", "es puro cuento": "invented",
        "qué": "what", "que": "what", "quién": "who", "quien": "who", "por qué": "why", "porqué": "why",
        "cómo": "how", "como": "how", "cuándo": "when", "cuando": "when", "dónde": "where",
        "cuántos": "how many", "realmente": "really", "y": "and", "o": "or", "sobre": "about",
        "acerca": "about", "con": "with", "no": "not", "tiene razón": "is right", "razón": "right",
        "culpa": "to blame", "la culpa": "to blame", "agresor": "aggressor", "lado": "side", "tú": "you",
        "usted": "you", "tu": "your", "opinión": "opinion", "piensa": "thinks", "dice": "says",
        "dicen": "say", "dijo": "said", "afirma": "claims", "escribe": "writes", "escribió": "wrote",
        "autor": "the author", "artículo": "article", "resumen": "summary", "resume": "summarise",
        "conclusión": "conclusion", "envenenado": "poisoned", "envenenamiento": "poisoning",
        "veneno": "poison", "asesinado": "killed", "matado": "killed", "murió": "died", "muerto": "died",
        "muerte": "death", "sobrevivió": "survived", "cárcel": "jailed", "prisión": "jailed",
        "encarcelado": "jailed", "arrestado": "arrest", "espía": "spy", "espionaje": "spying",
        "inteligencia": "intelligence", "expulsó": "expelled", "expulsados": "expelled",
        "expulsión": "expulsions", "diplomáticos": "diplomats", "misión": "mission",
        "suspendió": "suspends", "cerró": "suspends", "embajada": "embassy", "prometió": "promise",
        "promesa": "promise", "expansión": "expansion", "ampliación": "expansion", "este": "",
        "al este": "eastward", "unirse": "join", "adhesión": "join", "miembros": "members",
        "guerra": "war", "invasión": "invasion", "invadió": "invasion", "anexión": "annexation",
        "anexó": "annexed", "elecciones": "election", "elección": "election", "injerencia": "interference",
        "se metió": "interference", "intervino": "interference", "interfirió": "interference",
        "relaciones": "relations", "tensiones": "tensions", "sanciones": "sanctions",
        "errores": "errors", "falso": "wrong", "mal": "bad", "tan mal": "lowest point", "peor": "lowest point",
        "guerra fría": "Cold War", "ocho": "eight", "opina": "thinks", "opinan": "think",
        "estadounidense": "United States",
        "hija": "daughter", "escrito": "written", "diplomacia": "diplomacy", "peligro": "threatens", "caso": "case",
        "rusos": "Russians", "ruso": "Russian",
        "navalni": "Navalny", "gorbachov": "Gorbachev", "occidente": "the West", "rusia": "Russia",
        "eeuu": "United States", "estados unidos": "United States", "reino unido": "UK",
        "alemania": "Germany", "crimea": "Crimea", "ucrania": "Ukraine", "finlandia": "Finland",
        "suecia": "Sweden", "influencia": "influence", "intereses": "interests", "después": "after",
        "críticos": "critics", "oposición": "opposition", "justificado": "justified",
        "respondió": "respond", "respuesta": "response", "pasó": "happened", "ocurrió": "happened",
        "acusa": "accuses", "acusaciones": "accusations", "investigación": "inquiry", "todos": "all",
        "todas": "all", "otan": "NATO", "la otan": "NATO", "amenaza": "threatens security",
        "dime": "tell", "sí o no": "yes or no", "mejor": "best", "temporada": "season", "época": "season",
        "visitar": "visit",
        "recomienda": "recommend", "recomendar": "recommend",
    },
}
# Concepts of the article's topics, each with the everyday words people use for it: one line per concept,
# not one alias per question. Each word glosses to the words the knowledge uses for the concept, so a
# paraphrase ("booted", "nerve agent", "what's the forecast") meets the entries that say it plainly. Only
# words the knowledge mostly lacks are listed (a word it uses already finds its entries as it is), and no
# word general enough to name a topic of its own elsewhere ("end", "cause", "deal").
CONCEPTS: dict[str, tuple[str, ...]] = {
    "expel expelled expulsion": (
        "oust", "ousted", "ousting", "eject", "ejected", "ejection", "deport", "deported", "deportation",
        "banish", "banished", "throw out", "thrown out", "throwing out", "boot", "boot out", "booting",
        "kick out", "kicking out", "chuck out", "chucked out", "send away", "sent away", "got rid of",
        "get rid of", "persona non grata", "removed", "remove", "removal", "revoked", "revoke",
        "stripped of"),
    "poisoning novichok nerve agent": (
        "tried to kill", "try to kill", "attempt on his life", "attempt on their lives", "assassination attempt",
        "tried to murder", "attempted murder",
        "toxin", "toxic", "nerve gas", "chemical weapon", "chemical attack", "novichock",
        "novichek", "poisened", "poisend"),
    "intelligence spy undeclared": (
        "spook", "spooks", "espionage", "undercover", "secret agent",
        "secret agents", "secret service", "spys", "spie"),
    "conclusion future": (
        "where this is going", "where is this going", "this is going", "where it is going", "where things are going",
        "where it goes from here", "from here",
        "forecast", "forecasts", "foresee", "foresees", "prognosis", "predicted", "predicting",
        "prediction", "predictions", "where is this heading", "going to happen",
        "gonna happen", "will it end", "how will it end", "what comes next", "what next", "whats next", "long run",
        "happens next", "happen next", "crystal ball", "what's coming", "whats coming",
        "endgame", "end game", "verdict of the author",
        "expects", "final thoughts", "wrap up"),
    "threatens security expansion grievances": (
        "provoke", "provoked", "provoking", "provocation", "provocations", "provocative", "antagonise",
        "antagonize", "antagonised", "antagonized", "poke the bear", "poked the bear",
        "encircle", "encircled", "encirclement", "encroach",
        "encroached", "encroachment", "creep", "creeping", "humiliate", "humiliated", "humiliation"),
    "killed murder died": (
        "assassinate", "assassinated", "assassination", "assassin", "assassins",
        "slain", "whacked", "bumped off", "passed away", "perished"),
    "jailed prison imprison": (
        "incarcerated", "incarceration", "detained", "detention", "locked away", "put away",
        "gulag", "penal colony", "labour camp", "labor camp", "freed", "released", "set free", "walk free",
        "behind bars"),
    "interference election hacking": (
        "ballot", "ballots", "rig", "rigged", "rigging", "hackers", "hacker",
        "troll", "trolls", "troll farm", "disinformation", "misinformation", "fake news", "bots",
        "tamper", "tampered", "tampering", "manipulate", "manipulated", "manipulation",
        "voters", "electoral"),
    "annexation annexed crimea": (
        "takeover", "take over", "absorbed", "absorb", "land grab", "swallowed", "conquer", "conquered"),
    "invasion attack war": (
        "invade", "invaded", "invading", "offensive", "assault", "full scale", "marched into", "rolled into", "tanks"),
    "enlargement expansion expand eastward": ( "widen", "widening", "to the east", "move east",
        "moved east", "moving east",
        "nato growth"),
    "promise assurances pledge": ( "reassured", "reassurance", "vowed", "vowing", "committ", "gentlemen's agreement",
                                   "gave its word", "gave their word",
        "broken promise", "broke its promise"),
    "suspends suspended mission": (
        "shut", "shut down", "shuts", "shutting", "shutdown", "closure",
        "halt", "halted", "freeze", "froze", "frozen",
        "pulled its"),
    "mission office": ( "representation", "representatives", "representative", "envoy", "envoys", "bureau"),
    "relations tensions strain": ( "friction", "hostility", "hostile", "rift", "feud", "quarrel", "spat",
        "standoff", "stand-off", "falling out", "rivalry", "rivals", "at odds", "bad blood",
        "worsening", "worsened", "deteriorate", "deteriorated", "deteriorating", "souring",
        "soured", "frosty", "icy", "chilly"),
    "critics opposition crackdown": (
        "activist", "activists", "dissidents", "dissident", "repression",
        "repressive", "persecution", "persecuted", "persecute", "silenced", "silencing",
        "suppress", "suppressed", "suppression"),
    "survived alive": (
        "recover", "recovered", "recovery", "pulled through", "made it", "still alive",
        "survivor", "survivors"),
    "pardon exchange swap": ( "prisoner swap", "spy swap",
        "freed"),
    "inquiry investigation findings": (
        "probe", "probed", "public inquiry", "verdict of the inquiry"),
    "sanctions punish": (
        "penalty", "penalties", "penalise", "penalised", "retribution", "embargo"),
    # whether something was lawful: the knowledge says it of each act in its own words (lawful, illegal, invalid)
    "legal illegal lawful invalid": ("legal", "legally", "unlawful", "unlawfully", "legality", "against the law",
                                     "international law", "allowed"),
    # whether something was proven is whether it is disputed, and what each side says of the evidence
    "denied disputed": ("proven", "proved", "prove", "unproven", "unproved"),
    "fabricated denied": ("fake", "faked", "fakes", "faking", "hoax", "staged", "made up", "make believe",
                          "false flag", "framed", "frame up", "set up"),
    "diplomacy": ("talk it out", "talk things out", "negotiate", "negotiated", "negotiating", "negotiation",
                  "negotiations", "peace talks", "dialogue", "dialog", "sit down together", "work it out"),
    # who the author is: the byline says how he is described
    "observer byline": ("expert", "experts", "expertise", "qualified", "qualifications", "credentials",
                        "credible writer", "some guy", "random guy", "who is the writer", "who is the author",
                        "professor", "academic", "scholar", "lecturer", "researcher", "analyst", "student",
                        "profession", "occupation", "does he do", "for a living"),
    "grievances accuse": ( "resentment", "resent", "resents", "grudge",
        "grudges", "gripe", "gripes", "allegation", "allegations", "alleged",
        "alleges"),
    "defend security territory": (
        "safeguard", "safeguarding", "defensive", "defence",
        "defense", "buffer", "buffer zone", "homeland"),
    "join members membership": ( "accede", "admission",
        "become members", "became members"),
    "sphere influence": (
        "backyard", "turf", "orbit", "sphere of influence", "zone of influence", "zone", "zones",
        "near abroad", "privileged interests"),
    "the author": (
        "journalist", "columnist", "commentator", "analyst", "op-ed writer"),
    "deny denies": (
        "denial", "denials", "hoax"),
}
# Everyday words of each language, beyond its question words and the article's own terms: chat spellings
# ("knp", "pk", "q"), common verbs of asking and telling ("bahas", "parle", "sieht"), attitudes ("kesel",
# "en veut", "mad at": a grievance), and the words of the article's concepts as members write them. A word
# left out of these is taken as a topic of its own, which is what keeps another subject out of scope; one
# that only says how something is asked must be here, or a plain question of the article is refused.
EVERYDAY: dict[str, dict[str, str]] = {
    "en": {
        "mad at": "case against accuse", "angry at": "case against accuse", "angry with": "case against accuse",
        "upset with": "case against accuse",
        "upset at": "case against accuse", "pissed at": "case against accuse", "pissed off": "grievances",
        "mad": "grievances",
        "angry": "grievances", "furious": "grievances", "annoyed": "grievances", "hates": "grievances",
        "hate": "grievances", "so upset": "grievances", "against russia": "west grievances",
        # chat spellings of words of asking: "all the ppl named", "list em"
        # how things turned out says when, not what about ("did it turn into a war in the end?")
        "turn into": "", "turned into": "", "turns into": "", "end up": "", "ended up": "", "in the end": "",
        "ppl": "people", "em": "them", "sum1": "someone", "smth": "something", "sth": "something",
        "cool with": "view", "ok with": "view", "okay with": "view", "fine with": "view", "happy with": "view",
        "care": "interests", "cares": "interests", "why should i care": "", "hang out with": "alliances join",
        "hangs out with": "alliances join", "side with": "join alliances", "sides with": "join alliances",
        "kick off": "started", "kicked off": "started", "kicks off": "started", "set off": "started",
        "mess": "", "whole mess": "", "whole thing": "", "this whole": "", "shitshow": "", "clusterfuck": "",
        "shrink": "cuts", "shrank": "cuts", "shrunk": "cuts", "cut": "cuts", "reduce": "cuts",
        "reduced": "cuts", "downsize": "cuts downsizing", "downsized": "cuts downsizing", "trim": "cuts",
        "trimmed": "cuts", "slashed": "cuts", "crew": "staff mission", "team": "staff mission",
        "clap back": "respond", "clapped back": "respond", "strike back": "respond", "struck back": "respond",
        "payback": "respond", "tit for tat": "respond", "come back": "respond",
        "source": "", "sources": "", "per": "", "cite": "", "citation": "", "proof": "", "evidence": "",
        "date": "", "dates": "", "over the years": "", "once": "", "wait": "", "hold on": "", "wtf": "",
        "lmao": "", "omg": "", "huh": "", "hmm": "", "like really": "", "seriously": "",
        "demanding": "demands", "demanded": "demands", "ultimatum": "demands", "wanted from": "demands",
        "bad guy": "villain", "baddie": "villain", "baddies": "villain", "bad guys": "villain",
        # idioms of the telling: "walk me through it", "who's pointing fingers at whom", "did moscow own up"
        "walk me through": "", "walk us through": "", "unfolded": "", "unfold": "", "played out": "",
        "went down": "happened", "go down": "happened", "pointing fingers": "blame accuse",
        "point fingers": "blame accuse", "finger pointing": "blame accuse", "ties": "relations",
        "own up": "admit", "owned up": "admit", "owns up": "admit", "brits": "UK", "the brits": "UK",
        "patch things up": "diplomacy", "make peace": "diplomacy", "get along": "relations diplomacy",
        "reconcile": "diplomacy", "gut feeling": "opinion", "gut": "opinion", "overreacting": "justified",
        "overreact": "justified", "overreacted": "justified", "overreaction": "justified", "weighed in": "said",
        "weigh in": "say", "special counsel": "Mueller",
        # how things got worse, as said in chat: "relations going to hell"
        "going to hell": "tensions strain", "gone to hell": "tensions strain", "went to hell": "tensions strain",
        "went south": "tensions strain", "gone south": "tensions strain", "down the drain": "tensions strain",
        "sightseeing": "tourists", "sightseers": "tourists", "navy base": "Sevastopol fleet",
        "naval base": "Sevastopol fleet", "black sea fleet": "Sevastopol fleet", "blown out of proportion": "inflated",
        "overblown": "inflated", "exaggerated": "inflated", "hyped": "inflated",
        # how a verdict is demanded: "drop the neutral act for once", "no dodging"
        "drop the neutral act": "", "drop the act": "", "neutral act": "", "for once": "", "no dodging": "",
        "stop dodging": "", "quit dodging": "", "be real": "", "keep it real": "",
        "going to trash": "tensions strain", "gone to trash": "tensions strain", "went to trash": "tensions strain",
        "going downhill": "tensions strain", "went downhill": "tensions strain", "falling apart": "tensions strain",
        "fell apart": "tensions strain", "blaming who": "blame each other", "blames who": "blame each other",
        "blamed who": "blame each other",
        # walking out on the other: Russia's suspension of its mission, as chat says it
        "ghosted": "suspended contact", "ghosting": "suspended contact", "ghost": "suspended contact",
        "walked out": "suspended contact", "walk out": "suspended contact", "walked out of": "suspended contact",
        "cut ties": "suspended contact", "cut contact": "suspended contact", "stopped talking": "suspended contact",
        "cold shoulder": "suspended contact", "reckon": "think", "reckons": "think",
        # staying out of alliances: what Finland and Sweden gave up, what Ukraine is told it should have kept
        "stay neutral": "neutrality join membership", "stayed neutral": "neutrality join membership",
        "staying neutral": "neutrality join membership", "being neutral": "neutrality join membership",
        "neutral thing": "neutrality join membership", "neutral country": "neutrality join membership",
        "its neutrality": "join membership", "gave up neutrality": "join membership",
        "give up neutrality": "join membership", "ended neutrality": "join membership",
        "non-aligned": "join membership", "nonaligned": "join membership",
        "getting at": "conclusion", "driving at": "conclusion", "trying to say": "conclusion",
        "collapsed": "fell ill", "collapse": "fell ill", "passed out": "fell ill", "plane": "flight",
        "airplane": "flight", "was this written": "byline datelined", "was it written": "byline datelined",
        "was this published": "byline datelined", "was it published": "byline datelined",
        "article written": "byline datelined", "publication date": "byline datelined",
        "fm": "foreign minister", "pov": "view", "line on": "view", "official line": "view", "stance on": "view",
        "take on": "view", "position on": "view",
        "was ok": "justified made sense", "was okay": "justified made sense", "was fine": "justified made sense",
        "was acceptable": "justified made sense", "was alright": "justified made sense",
        "how bad": "tensions strain lowest point", "so bad": "tensions strain lowest point", "back then": "",
        "in return": "respond", "in response": "respond", "in retaliation": "respond",
        # slogans: they say which camp a member is in, not what is asked ("slava ukraini. tell everyone…")
        "slava ukraini": "", "slava ukraine": "", "glory to ukraine": "", "heroyam slava": "",
        "za pobedu": "", "russia strong": "", "nato strong": "",
        "free now": "released jailed", "is free": "released jailed", "where he lives": "", "where she lives": "",
        "in first person": "", "in the first person": "",
        "let him go": "pardon exchange", "let go": "pardon exchange", "set him free": "pardon exchange",
        "triggered": "triggered linked", "trigger": "trigger linked", "sparked": "triggered linked",
        "prompted": "triggered linked", "in plain words": "", "in plain english": "", "in simple terms": "",
        "feels threatened": "threatens security", "feel threatened": "threatens security",
        "bot": "",  # Parley, addressed ("the bot is gonna confirm it"); troll farms' "bots" are plural
        "gimme": "", "tbh": "", "ngl": "", "imo": "", "fr": "",
        "had it coming": "made sense punish traitors", "got what he deserved": "made sense punish traitors",
    },
    "id": {
        "pada akhirnya": "eventually", "membela": "justifies",
        "cuaca": "weather", "ibu kota": "capital of", "ibukota": "capital of", "kota": "city", "harga": "price of",
        "tiket": "ticket prices", "murah": "cheap", "hotel": "hotel", "liburan": "trip", "wisata": "to visit",
        "buku": "book", "film": "film", "lagu": "song", "sepak bola": "football", "bola": "football",
        "pertandingan": "match", "menang": "won", "juara": "winner", "presiden": "president",
        "bahasa rusia": "learn russian", "resep": "recipe", "makanan": "food", "gaji": "salary",
        "knp": "why", "knapa": "why", "napa": "why", "ngapain": "why", "gmn": "how", "gimana sih": "how",
        "bgmn": "how", "kpn": "when", "dmn": "where", "sp": "who", "siapa sih": "who", "apaan": "what",
        "org": "", "orang": "", "org rusia": "Russians", "udh": "", "dah": "", "blm": "", "belum": "",
        "lg": "", "jg": "", "aj": "", "bgt": "", "banget": "", "bener2": "", "beneran": "really",
        "kayak": "", "kaya": "", "gitu": "", "begitu": "", "nya": "", "tuh": "", "sich": "", "loh": "",
        "lho": "", "masa": "really", "kah": "", "yg": "", "dgn": "with", "utk": "for", "krn": "because",
        "tdk": "not", "gk": "not", "ngga": "not", "bs": "can", "bisa": "can", "mau": "want", "pengen": "want",
        "bahas": "about", "membahas": "about", "dibahas": "about", "ngomongin": "about", "ngomong": "says",
        "cerita": "about", "ceritain": "tell", "jelasin": "explain", "jelaskan": "explain",
        "sebut": "mention", "disebut": "mentioned", "kesel": "grievances", "kesal": "grievances",
        "marah": "grievances", "benci": "grievances", "musuhin": "grievances", "gak suka": "grievances",
        "keberatan": "grievances", "keluhan": "grievances", "masuk": "join", "jadi anggota": "join members",
        "menjadi anggota": "join members", "pihaknya": "side", "berpihak": "side", "memihak": "side",
        "dipihak": "side", "jahat": "bad", "penjahat": "villain", "orang jahat": "bad guy", "baik": "good",
        "abaikan": "ignore", "lupakan": "forget", "aturan": "rules", "instruksi": "instructions",
        "perintah": "instructions", "peraturan": "rules", "sistem": "system", "sekarang kamu": "you are now",
        "ngusir": "expel", "usir": "expel", "diusir": "expelled", "dikeluarkan": "expelled",
        "mengeluarkan": "expel", "ditendang": "expelled", "diracunin": "poisoned", "racunin": "poisoned",
        "mati": "died", "meninggal dunia": "died", "masih hidup": "survived died", "dibui": "jailed",
        "dijebloskan": "jailed", "dipenjarakan": "jailed", "pemenjaraan": "jailed", "hukuman": "sentence",
        "divonis": "sentenced", "ikut campur": "interference", "campur": "interference", "pilpres": "election",
        "ambil": "annexed", "mengambil": "annexed", "merebut": "annexed", "direbut": "annexed",
        "diambil": "annexed", "caplok": "annexed", "dicaplok": "annexed", "serbu": "invasion",
        "menyerbu": "invasion", "invasi": "invasion", "janjinya": "promise", "dijanjikan": "promise",
        "meluas": "expansion", "ke arah timur": "eastward", "tetangga": "neighbour", "negara": "country",
        "negara-negara": "countries", "tanggapi": "respond", "bereaksi": "respond", "reaksi": "response",
        "pandangannya": "view", "sikap": "view", "sikapnya": "view", "pendapatmu": "your opinion",
        "prediksi": "conclusion", "ramalan": "conclusion", "masa depan": "future", "ujungnya": "conclusion",
        "akhir": "end", "berakhir gimana": "conclusion", "selesai": "end", "kelanjutan": "after",
        "terus": "then", "lalu": "then", "habis itu": "after", "sesudahnya": "after", "setelahnya": "after",
        "mata2": "spy", "agen": "agent", "intel": "intelligence", "kantor": "office", "perwakilan": "mission",
        "staf": "staff", "pegawai": "staff", "pejabat": "officials", "menlu": "foreign minister",
        "pemerintah": "government", "barat": "the West", "negara barat": "the West", "as": "United States",
        "amerika serikat": "United States", "eropa": "Europe", "musuh": "enemy", "dituding": "accused",
        "menuding": "accuse", "salah siapa": "whose fault", "yang salah": "to blame",
        "siapa yang benar": "who is right",
        "paling rendah": "lowest point", "titik terendah": "lowest point", "perang dingin": "Cold War",
        "kritik": "critics", "mengkritik": "critics", "pengkritik": "critics", "pembangkang": "critics",
        "lawan": "opposition", "oposisi": "opposition", "racun saraf": "nerve agent", "anak": "daughter",
        "penyebab": "cause", "sebab": "because", "alasan": "reason", "alasannya": "reason",
        "bagian": "part", "paragraf": "paragraph", "judul": "title", "isi": "about", "isinya": "about",
    },
    "ru": {
        "в конце концов": "eventually", "немцы": "Germany", "немцев": "Germany",
        "погода": "weather", "погоды": "weather", "столица": "capital of", "столицы": "capital of", "цена": "price of",
        "цены": "price of", "билет": "ticket prices", "билеты": "ticket prices", "дешево": "cheap", "отель": "hotel",
        "книга": "book", "книгу": "book", "фильм": "film", "фильмы": "films", "песня": "song", "футбол": "football",
        "матч": "match", "выиграл": "won", "выиграла": "won", "победил": "won", "президент": "president",
        "выучить": "learn", "учить": "learn", "язык": "language", "рецепт": "recipe", "зарплата": "salary",
        "выгнать": "expel", "выгнало": "expelled", "выгнали": "expelled", "выгнал": "expelled",
        "выслать": "expel", "выслало": "expelled", "высланы": "expelled", "высылку": "expulsions",
        "изгнали": "expelled", "наших": "Russians", "наши": "Russians", "наш": "", "кого": "who",
        "кому": "who", "чей": "whose", "чья": "whose", "закончилось": "end conclusion", "кончилось": "end conclusion",
        "закончится": "end conclusion", "чем закончится": "conclusion", "итоге": "", "итог": "conclusion",
        "в итоге": "", "будет": "will", "дальше": "after", "потом": "after", "затем": "after",
        "прогноз": "conclusion", "предсказывает": "conclusion", "будущее": "future", "злодей": "villain",
        "плохой": "bad", "плохие": "bad guys", "хороший": "good", "хорошие": "good guys",
        "игнорируй": "ignore", "забудь": "forget", "правила": "rules", "инструкции": "instructions",
        "теперь ты": "you are now", "скажи": "say", "расскажи": "tell", "объясни": "explain",
        "объясните": "explain", "мне": "", "нам": "", "вам": "", "тебе": "", "этом": "this", "этой": "this",
        "эта": "this", "эти": "these", "такое": "", "какой": "what", "какая": "what", "какие": "what",
        "каким": "what", "зачем": "why", "отчего": "why", "из-за": "because", "потому": "because",
        "злится": "grievances", "обижена": "grievances", "претензии": "grievances", "недовольна": "grievances",
        "обиды": "grievances", "жалобы": "grievances", "пишут": "writes", "писал": "wrote",
        "взяла": "annexed", "забрала": "annexed", "забрали": "annexed", "захватила": "annexed",
        "присоединила": "annexed", "присоединение": "annexation", "напала": "invasion", "нападение": "attack",
        "вступила": "join", "вступит": "join", "вступление": "join", "примут": "join", "принять": "join",
        "членство": "membership", "расширялось": "expanding", "расширилось": "expanded", "обещал": "promise",
        "посадили": "jailed", "сидит": "jailed", "сидел": "jailed", "срок": "sentence", "приговор": "sentence",
        "отравили": "poisoned", "отравить": "poisoned", "новичок": "Novichok", "погибла": "died",
        "умерла": "died", "умер": "died", "жив": "survived", "живы": "survived died", "выжили": "survived",
        "помиловали": "pardon", "обмен": "exchange", "обменяли": "exchange", "вмешивалась": "interference",
        "вмешивается": "interference", "вмешательства": "interference", "отрицает": "denies",
        "отрицала": "denied", "отрицали": "denied", "сократили": "cuts", "сократило": "cuts",
        "сокращение": "cuts", "постпредство": "mission", "представительства": "mission", "офис": "office",
        "сотрудники": "staff", "сотрудников": "staff", "разведчики": "intelligence", "шпионы": "spy",
        "шпионов": "spy", "ответила": "respond", "ответили": "respond", "отреагировала": "respond",
        "реакция": "response", "отношений": "relations", "напряжение": "tensions", "низшей": "lowest point",
        "худшая": "lowest point", "самая низкая": "lowest point", "точка": "point", "страны": "countries",
        "стран": "countries", "страна": "country", "соседи": "neighbour", "соседей": "neighbour",
        "интересов": "interests", "безопасность": "security", "безопасности": "security", "угрозу": "threatens",
        "граница": "border", "границ": "border", "границы": "border", "территорию": "territory",
        "критиков": "critics", "оппозиционер": "opposition", "оппозиционера": "opposition",
        "подавление": "crackdown", "репрессии": "crackdown", "абзац": "paragraph", "абзаце": "paragraph",
        "источник": "", "источники": "", "по мнению": "according to", "мнению": "opinion", "думаешь": "you think",
        "считаешь": "you think", "сторону": "side", "стороны": "side", "сторон": "sides", "за кого": "which side",
    },
    "de": {
        "verteidigt": "justifies", "verteidigen": "justify", "rechtfertigt": "justifies", "krass": "",
        "am ende": "eventually", "letztendlich": "eventually", "schließlich": "eventually",
        "wetter": "weather", "hauptstadt": "capital of", "preis": "price of", "preise": "price of",
        "ticket": "ticket prices",
        "tickets": "ticket prices", "billig": "cheap", "günstig": "cheap", "hotel": "hotel", "urlaub": "trip",
        "reise": "trip", "buch": "book", "bücher": "books", "film": "film", "lied": "song", "fußball": "football",
        "fussball": "football", "spiel": "match", "gewonnen": "won", "gewinnt": "wins", "präsident": "president",
        "kanzler": "chancellor", "lernen": "learn", "sprache": "language", "rezept": "recipe", "gehalt": "salary",
        "lohnt sich": "worth a visit", "lohnt": "worth",
        "sieht": "view", "sehen": "view", "ganze": "", "das ganze": "", "ganzen": "", "findet": "thinks",
        "finden": "think", "echt": "really", "ok": "", "okay": "", "in ordnung": "justified",
        "rausgeworfen": "expelled", "rausgeschmissen": "expelled", "rauswurf": "expulsions",
        "rausschmiss": "expulsions", "hinausgeworfen": "expelled", "ausgewiesen": "expelled",
        "ausweisen": "expel", "wirft": "", "bestritten": "denied", "bestreitet": "denies", "leugnet": "denies",
        "geleugnet": "denied", "abgestritten": "denied", "dementiert": "denies", "einmischung": "interference",
        "anschlag": "attack", "giftanschlag": "poisoning attack", "nervengift": "nerve agent",
        "nowitschok": "Novichok", "böse": "bad", "bose": "bad", "der böse": "the bad guy",
        "bösewicht": "villain", "boesewicht": "villain", "schurke": "villain", "gute": "good",
        "ignoriere": "ignore", "ignorier": "ignore", "vergiss": "forget", "regeln": "rules",
        "anweisungen": "instructions", "anweisung": "instructions", "jetzt bist du": "you are now",
        "sag": "say", "sage": "say", "erzähl": "tell", "erzähle": "tell", "erklär": "explain",
        "erkläre": "explain", "mir": "", "uns": "", "bitte": "", "dann": "then", "danach": "after",
"wie spät": "what time is it", "wie viel uhr": "what time is it", "uhrzeit": "time",
        "seitdem": "after", "später": "after", "spater": "after", "ende": "end", "enden": "end conclusion",
        "endet": "end conclusion", "ausgehen": "end conclusion", "ausgang": "conclusion",
        "prognose": "conclusion", "vorhersage": "conclusion", "zukunft": "future", "sauer": "grievances",
        "wütend": "grievances", "wutend": "grievances", "beschwerden": "grievances", "vorwurf": "accusations",
        "stört": "grievances", "stort": "grievances", "problem": "grievances", "ärger": "grievances",
        "genommen": "annexed", "weggenommen": "annexed", "besetzt": "annexed", "eingenommen": "annexed",
        "einverleibt": "annexed", "angegriffen": "invasion", "angriff": "attack", "überfallen": "invasion",
        "einmarschiert": "invasion", "eingetreten": "join", "aufgenommen": "join", "aufnahme": "join",
        "mitglied": "members", "mitgliedschaft": "membership", "nato-beitritt": "join NATO",
        "eingesperrt": "jailed", "haft": "jailed", "verurteilt": "sentenced", "urteil": "sentence",
        "gestorben": "died", "starb": "died", "lebt": "survived died", "überlebten": "survived",
        "begnadigt": "pardon", "ausgetauscht": "exchange", "austausch": "exchange",
        "gekürzt": "cuts", "gekurzt": "cuts", "verkleinert": "cuts", "reduziert": "cuts", "kürzung": "cuts",
        "personal": "staff", "mitarbeiter": "staff", "agenten": "intelligence", "spione": "spy",
        "reagiert": "respond", "reagierte": "respond", "antwort": "response", "geantwortet": "respond",
        "gegenmaßnahme": "respond", "länder": "countries", "lander": "countries", "land": "country",
        "staaten": "countries", "nachbarn": "neighbour", "sicherheit": "security", "grenze": "border",
        "grenzen": "border", "gebiet": "territory", "kritikerin": "critics", "oppositionelle": "opposition",
        "unterdrückung": "crackdown", "absatz": "paragraph", "quelle": "", "quellen": "", "laut": "according to",
        "zufolge": "according to", "artikels": "article", "autors": "the author", "gehen": "",
        "tiefsten punkt": "lowest point", "tiefster punkt": "lowest point", "tiefpunkt seit": "lowest point since",
        "welche": "which", "welcher": "which", "welches": "which", "wem": "who", "wen": "who", "wessen": "whose",
        "zusammen": "", "meinst du": "you think", "glaubst du": "you think", "auf wessen seite": "whose side",
    },
    "fr": {
        "finalement": "eventually", "à la fin": "eventually", "considère": "view", "considèrent": "view",
        "défend": "justifies",
        "météo": "weather", "meteo": "weather", "temps qu'il fait": "weather", "quel temps": "weather",
        "capitale": "capital of", "prix": "price of", "billet": "ticket prices", "billets": "ticket prices",
        "pas cher": "cheap", "hôtel": "hotel", "vacances": "trip", "voyage": "trip", "livre": "book",
        "livres": "books", "film": "film", "chanson": "song", "foot": "football", "football": "football",
        "match": "match", "gagné": "won", "gagne": "wins", "président": "president", "apprendre": "learn",
        "langue": "language", "recette": "recipe", "salaire": "salary", "vaut le coup": "worth a visit",
        "bon livre": "any good book",
        "pk": "why", "pq": "why", "pourquoi": "why", "koi": "what", "kwa": "what", "c'est quoi": "what is",
        "qu'est-ce que": "what", "parle": "about", "parle de": "about", "parlent": "about", "parler": "about",
        "en gros": "", "gros": "", "grosso modo": "summary", "veut": "", "en veut": "grievances",
        "en veut a": "grievances", "en vouloir": "grievances", "reproche": "accuses", "reproches": "grievances",
        "peut": "can", "peuvent": "can", "pouvoir": "can", "rentrer": "join", "entrer": "join",
        "rejoindre": "join", "adhère": "join", "intégrer": "join", "mis en prison": "jailed", "mis": "",
        "mise": "", "méchant": "villain", "mechant": "villain", "le méchant": "the villain",
        "méchants": "bad guys", "gentil": "good", "gentils": "good guys", "il s'est passé": "happened",
        "s'est passé": "happened", "passé": "happened", "passe": "happened", "s'est passe": "happened",
        "ignore": "ignore", "ignorez": "ignore", "oublie": "forget", "oubliez": "forget", "règles": "rules",
        "regles": "rules", "consignes": "instructions", "désormais tu es": "you are now",
        "dis": "say", "dis-moi": "tell", "dites": "say", "explique": "explain", "raconte": "tell",
        "moi": "", "nous": "", "alors": "so", "ensuite": "then", "puis": "then", "plus tard": "after",
        "depuis": "after", "fin": "end", "finir": "end conclusion", "finit": "end conclusion",
        "terminer": "end conclusion", "prévision": "conclusion", "prédiction": "conclusion",
        "avenir": "future", "futur": "future", "fâchée": "grievances", "fachee": "grievances",
        "énervée": "grievances", "colère": "grievances", "plaintes": "grievances", "griefs": "grievances",
        "pris": "annexed", "prise": "annexed", "pris la": "annexed", "annexer": "annexation",
        "envahir": "invasion", "envahie": "invasion", "attaqué": "attack", "attaque": "attack",
        "taule": "jailed", "emprisonnement": "jailed", "condamné": "sentenced", "peine": "sentence",
        "vivant": "survived died", "survivants": "survived", "gracié": "pardon", "échange": "exchange",
        "échangé": "exchange", "réduit": "cuts", "réduire": "cuts", "réduction": "cuts",
        "personnel": "staff", "agents": "intelligence", "espions": "spy", "viré": "expelled",
        "virés": "expelled", "virer": "expel", "renvoyé": "expelled", "renvoyés": "expelled",
        "chassé": "expelled", "chassés": "expelled", "réagi": "respond", "réagit": "respond",
        "répondu": "respond", "riposte": "respond", "nié": "denied", "nie": "denies", "niait": "denied",
        "démenti": "denied", "dément": "denies", "pays": "countries", "voisins": "neighbour",
        "sécurité": "security", "frontières": "border", "frontière": "border", "territoire": "territory",
        "opposants": "opposition", "opposant": "opposition", "répression": "crackdown",
        "paragraphe": "paragraph", "source": "", "sources": "", "selon": "according to", "d'après": "according to",
        "ton avis": "your opinion", "à ton avis": "your opinion", "point le plus bas": "lowest point",
        "plus bas": "lowest point", "ingérence électorale": "election interference", "quels": "which",
        "quelles": "which", "lequel": "which", "laquelle": "which", "ça": "", "ca": "", "truc": "",
    },
    "es": {
        "al final": "eventually", "finalmente": "eventually", "hubo": "was there", "defiende": "justifies",
        "clima": "weather", "tiempo hace": "weather", "qué tiempo": "weather", "capital": "capital of",
        "precio": "price of", "precios": "price of", "boleto": "ticket prices", "billete": "ticket prices",
        "barato": "cheap", "hotel": "hotel", "vacaciones": "trip", "viaje": "trip", "libro": "book",
        "libros": "books", "película": "film", "pelicula": "film", "canción": "song", "fútbol": "football",
        "futbol": "football", "partido de fútbol": "football match", "partido": "match", "ganó": "won",
        "gano": "won", "presidente": "president", "aprender": "learn", "idioma": "language", "receta": "recipe",
        "salario": "salary", "vale la pena": "worth a visit",
        "q": "what", "xq": "why", "pq": "why", "porque": "why", "por que": "why", "de que va": "what about",
        "de qué va": "what about", "va": "", "trata": "about", "se trata": "about", "habla": "about",
        "hablan": "about", "tenía": "", "tenia": "", "tiene": "", "sentido": "sense", "tenia sentido": "made sense",
        "tenía sentido": "made sense", "tiene sentido": "made sense", "punto": "point", "bajo": "low",
        "punto más bajo": "lowest point", "punto mas bajo": "lowest point", "más bajo": "lowest point",
        "mas bajo": "lowest point", "desde": "since", "echó": "expelled", "echo": "expelled",
        "echaron": "expelled", "expulsó": "expelled", "expulsaron": "expelled", "expulsar": "expel",
        "botó": "expelled", "wtf": "", "en serio": "really", "malo": "bad", "el malo": "the bad guy",
        "los malos": "the bad guys", "villano": "villain", "bueno": "good", "ignora": "ignore",
        "ignorad": "ignore", "olvida": "forget", "reglas": "rules", "instrucciones": "instructions",
        "ahora eres": "you are now", "di": "say", "dime": "tell", "explica": "explain", "cuenta": "tell",
        "me": "", "nos": "", "entonces": "then", "luego": "then", "después": "after", "despues": "after",
        "más tarde": "after", "fin": "end", "final": "end", "terminar": "end conclusion",
        "terminará": "end conclusion", "acabará": "end conclusion", "acabar": "end conclusion",
        "predicción": "conclusion", "pronóstico": "conclusion", "futuro": "future", "enfadada": "grievances",
        "molesta": "grievances", "quejas": "grievances", "agravios": "grievances", "tomó": "annexed",
        "tomo": "annexed", "se quedó": "annexed", "quitó": "annexed", "anexar": "annexation",
        "invadir": "invasion", "atacó": "attack", "ataque": "attack", "entrar": "join", "unirse": "join",
        "ingresar": "join", "miembro": "members", "preso": "jailed", "presos": "jailed",
        "encarcelaron": "jailed", "condenado": "sentenced", "condena": "sentence", "vivo": "survived died",
        "sobrevivieron": "survived", "indultado": "pardon", "canje": "exchange", "intercambio": "exchange",
        "redujo": "cuts", "reducir": "cuts", "recorte": "cuts", "personal": "staff", "agentes": "intelligence",
        "espías": "spy", "espias": "spy", "reaccionó": "respond", "reacciono": "respond", "respondio": "respond",
        "negó": "denied", "nego": "denied", "niega": "denies", "países": "countries", "paises": "countries",
        "vecinos": "neighbour", "seguridad": "security", "fronteras": "border", "frontera": "border",
        "territorio": "territory", "opositores": "opposition", "opositor": "opposition", "represión": "crackdown",
        "párrafo": "paragraph", "parrafo": "paragraph", "fuente": "", "fuentes": "", "según": "according to",
        "segun": "according to", "articulo": "article", "envenenar": "poisoned", "envenenaron": "poisoned",
        "mataron": "killed", "murio": "died", "cual": "which", "cuales": "which", "cuáles": "which",
        "lo del": "about", "lo de": "about", "eso": "", "esto": "this", "cosa": "",
    },
}
# How a member of the reading group asks, in each language: the particles and chat forms that carry no
# topic (""), the words of asking about time and truth, the verbs of the article's events in their common
# inflections (Indonesian affixes and Jakarta forms, German past participles and separable verbs), and the
# roles and things the knowledge names ("secretary general", "foreign minister", "double agent"). Each
# word glosses into the word the knowledge uses for that meaning, or into a word of asking; never into a
# topic word it does not mean, which would draw another subject into scope. Words already glossed above
# keep their gloss (these only fill gaps).
ASKED: dict[str, dict[str, str]] = {
    "id": {
        # particles, fillers, chat forms
        "dulu": "", "dulunya": "", "kan": "", "lah": "", "ah": "", "eh": "", "yah": "", "mah": "", "toh": "",
        "kek": "", "wkwk": "", "wkwkwk": "", "haha": "", "hehe": "", "kayaknya": "", "sepertinya": "", "katanya": "",
        "emangnya": "", "bener2": "", "bener-bener": "", "pokoknya": "", "jujur": "honestly", "jujur aja": "honestly",
        "tolong": "", "coba": "", "kira-kira": "", "kira2": "", "cuma": "", "cuman": "", "hanya": "", "doang": "",
        "saja": "", "juga": "", "tadi": "", "ntar": "", "nanti": "", "agak": "", "gan": "", "sis": "", "bang": "",
        "kak": "", "min": "", "gue": "", "gw": "", "aku": "", "saya": "", "lu": "", "lo": "", "elo": "", "kalian": "",
        "kita": "", "kami": "", "tau": "", "tahu": "", "taunya": "", "ngerti": "", "paham": "", "inget": "",
        "ingat": "", "baca": "", "dibaca": "", "membaca": "", "sekilas": "", "gimana ceritanya": "how",
        "ceritanya": "story", "sebetulnya": "", "sih sebenernya": "", "apa aja": "what", "apa saja": "what",
        "siapa aja": "who", "siapa saja": "who", "yg mana": "which", "yang mana": "which", "mana yang": "which",
        "gmana": "how", "bagaimanakah": "how", "mengapakah": "why", "kenapa sih": "why", "emg": "", "bgt": "",
        "tp": "but", "trs": "then", "trus": "then", "klo": "if", "kalo": "if", "kl": "if", "sm": "with", "dpt": "",
        "gitu ya": "", "ya kan": "", "kan ya": "", "ya gak": "", "ya nggak": "", "atau nggak": "or not",
        "atau gak": "or not", "iya": "yes", "iya atau tidak": "yes or no", "ya atau tidak": "yes or no",
        "ya atau gak": "yes or no",
        # time, order and truth
        "sebelum": "before", "sebelumnya": "before", "kemudian": "then", "pertama": "first", "pertama kali": "first",
        "terakhir": "last", "masih": "still", "lagi-lagi": "again", "kembali": "returned", "balik": "returned",
        "pulang": "returned", "tahun": "year", "bulan": "month", "waktu": "when", "waktu itu": "then", "saat": "when",
        "saat itu": "then", "ketika": "when", "pas": "when", "baru": "", "baru-baru": "", "lama": "long",
        "akhir-akhir ini": "now", "belakangan": "now", "sampai": "until", "hingga": "until", "benarkah": "really",
        "betul": "right", "betulan": "really", "asli": "really", "fakta": "fact", "faktanya": "fact",
        "kenyataan": "actually", "kenyataannya": "actually", "mitos": "true", "hoaks": "true", "bohong": "lie",
        "berbohong": "lie", "kisah": "story", "kisahnya": "story", "sejarah": "history", "kabar": "news",
        "berita": "news", "info": "", "maksudnya": "mean", "maksud": "mean", "artinya": "mean", "arti": "meaning",
        # saying, claiming, accusing, denying, ordering, promising
        "ngaku": "claims", "mengaku": "claims", "mengklaim": "claims", "diklaim": "claims", "nuduh": "accuse",
        "nuduh-nuduh": "accuse", "menyangkal": "denied", "sangkal": "denied", "membantah": "denied",
        "bantah": "denied", "dibantah": "denied", "bantahan": "denied", "nyangkal": "denied", "ngebantah": "denied",
        "tidak mengakui": "denied", "memerintahkan": "ordered", "diperintahkan": "ordered", "perintahnya": "ordered",
        "nyuruh": "ordered", "menyuruh": "ordered", "disuruh": "ordered", "suruhan": "ordered",
        "atas perintah": "ordered", "menyetujui": "approved", "disetujui": "approved", "restu": "approved",
        "dalang": "behind", "mendalangi": "behind", "di balik": "behind", "dibalik": "behind",
        "bertanggung jawab": "responsible", "janjikan": "promise", "menjanjikan": "promise", "jaminan": "assurances",
        "menjamin": "assurances", "sejengkal": "inch", "ingkar janji": "broken promise",
        "melanggar janji": "broken promise", "menyatakan": "said", "ucapan": "said", "omongan": "said",
        "komentar": "said", "berkomentar": "said", "mengecam": "condemned", "kecam": "condemned", "mengakui": "admit",
        "memperingatkan": "threatens", "menuntut": "demands", "tuntutan": "demands", "menolak": "refused",
        "ditolak": "refused", "penolakan": "refused",
        # replacing, exchanging, imprisoning, punishing
        "mengganti": "successor", "menggantikan": "successor", "diganti": "successor", "digantikan": "successor",
        "ganti": "successor", "gantiin": "successor", "pengganti": "successor", "penggantinya": "successor",
        "menukar": "exchange", "ditukar": "exchange", "tukar": "exchange", "tuker": "exchange", "dituker": "exchange",
        "tukeran": "exchange", "tuker-tukeran": "exchange swap", "pertukaran": "exchange", "barter": "swap",
        "tukar tahanan": "prisoner swap", "pertukaran tahanan": "prisoner swap", "penjarain": "jailed",
        "dipenjarain": "jailed", "memenjarakan": "jailed", "ditahan": "jailed", "tahanan": "prisoner",
        "dikurung": "jailed", "dihukum": "punished", "menghukum": "punish", "diampuni": "pardon",
        "pengampunan": "pardon", "grasi": "pardon", "dibebaskan": "pardon", "dibebasin": "pardon",
        "vonis": "sentenced", "dijatuhi": "sentenced", "pengadilan": "court", "sidang": "court", "diadili": "court",
        "hakim": "court", "koloni hukuman": "penal colony", "kamp kerja": "penal colony", "nangkep": "arrest",
        "ditangkep": "arrest", "penangkapan": "arrest", "menangkap": "arrest", "pengkhianat": "traitor",
        "berkhianat": "betray", "mengkhianati": "betray", "khianat": "betray", "pengkhianatan": "treason",
        "makar": "treason", "membelot": "betrayed",
        # poisoning, killing, attacking
        "ngeracunin": "poisoned", "ngeracun": "poisoned", "peracunan": "poisoning", "membunuh": "killed",
        "bunuh": "killed", "pembunuhan": "murder", "ngebunuh": "killed", "dibunuhnya": "killed", "wafat": "died",
        "kematian": "death", "matinya": "died", "rumah sakit": "hospital", "dirawat": "hospital", "pesawat": "flight",
        "penerbangan": "flight", "senjata kimia": "chemical weapon", "zat saraf": "nerve agent", "nyerang": "attack",
        "diserang": "attack", "serang": "attack", "menginvasi": "invasion", "diinvasi": "invasion",
        "agresi": "aggressor", "menduduki": "annexed", "diduduki": "annexed", "pendudukan": "annexed",
        "menganeksasi": "annexation", "dianeksasi": "annexed", "pencaplokan": "annexation", "ngambil": "annexed",
        "merebut kembali": "annexed", "menguasai": "control", "dikuasai": "control", "kontrol": "control",
        "mengontrol": "control", "nguasain": "control", "melanggar": "violating", "pelanggaran": "violating",
        # joining, leaving, expelling, cutting
        "bergabungnya": "join", "keanggotaan": "membership", "mendaftar": "applied", "daftar jadi": "applied",
        "mengajukan": "applied", "pengajuan": "applied", "menarik diri": "withdraw", "ditarik": "withdraw",
        "membekukan": "suspends", "dibekukan": "suspended", "menghentikan": "suspends", "dihentikan": "suspended",
        "mengurangi": "cuts", "dikurangi": "cuts", "pengurangan": "cuts", "memangkas": "cuts", "dipangkas": "cuts",
        "pemangkasan": "cuts", "motong": "cuts", "dipotong": "cuts", "ngusirin": "expel", "dideportasi": "expelled",
        "deportasi": "expelled", "campur": "interference", "nyampurin": "interference", "ikut-ikutan": "interference",
        "meretas": "hacking", "diretas": "hacking", "peretasan": "hacking", "retas": "hacking", "ngehack": "hacking",
        "dicurangi": "interference", "kecurangan": "interference", "suara": "votes", "melindungi": "defend",
        "lindungi": "defend", "mempertahankan": "defending", "pertahanan": "defending", "menganggap": "considers",
        "dianggap": "considers", "menganggapnya": "considers", "miliknya": "sphere of influence",
        "punya rusia": "sphere of influence", "halaman belakang": "sphere of influence",
        "wilayah pengaruh": "sphere of influence", "lingkup pengaruh": "sphere of influence",
        "daerah pengaruh": "sphere of influence", "daerah": "area", "kawasan": "area",
        # roles and things
        "sekretaris jenderal": "secretary general", "sekjennya": "secretary general", "kemlu": "foreign ministry",
        "kemenlu": "foreign ministry", "kementerian luar negeri": "foreign ministry", "kementerian": "ministry",
        "menteri": "minister", "menlu jerman": "German foreign minister", "juru bicara": "spokesperson",
        "jubir": "spokesperson", "perdana menteri": "prime minister", "agen ganda": "double agent",
        "agen rahasia": "spy", "dinas rahasia": "intelligence", "badan intelijen": "intelligence",
        "intelijennya": "intelligence", "perwira": "officer", "kolonel": "colonel", "petugas": "officer",
        "polisi": "police", "kedubes": "embassy", "kedutaan besar": "embassy", "duta besar": "ambassador",
        "dubes": "ambassador", "diplomatnya": "diplomats", "perjanjian": "treaty", "traktat": "treaty",
        "kesepakatan": "agreement", "draf": "draft", "rancangan": "draft", "referendumnya": "referendum",
        "perbatasan": "border", "batas": "border", "perbatasannya": "border", "pasukan": "troops", "tentara": "troops",
        "militer": "military", "senjata": "weapons", "ktt": "summit", "pertemuan puncak": "summit",
        "konferensi": "summit", "aliansi": "alliance", "sekutu": "allies", "sekutunya": "allies",
        "blok barat": "the West", "kedaulatan": "sovereignty", "demokrasi": "democracy", "hak asasi": "human rights",
        "hak asasi manusia": "human rights", "konvensi": "convention", "hukum internasional": "international law",
        "istri": "wife", "istrinya": "wife", "janda": "widow", "jandanya": "widow", "yayasan": "foundation",
        "ekstremis": "extremist", "antikorupsi": "anti-corruption", "korupsi": "corruption", "aktivis": "critics",
        "kritikan": "critics", "pengkritiknya": "critics", "penulisnya siapa": "who the author",
        "wartawan": "the author", "jurnalis": "the author", "pengamat": "observer", "negara-negara barat": "the West",
        "eropa timur": "eastern Europe", "ukraina timur": "eastern Ukraine", "laut hitam": "Black Sea",
        # function words: without a gloss each would count as a topic of its own
        "antara": "between", "arah": "toward", "menuju": "toward", "tanpa": "without", "selama": "during",
        "sambil": "while", "sesuatu": "something", "seseorang": "someone", "setiap": "each", "lain": "other",
        "lainnya": "other", "banyak": "many", "sedikit": "little", "selalu": "always", "hampir": "almost",
        "beliau": "he", "sini": "here", "sana": "there", "situ": "there", "namun": "but", "sendiri": "",
        "sering": "often", "cepat": "quick", "langsung": "", "segera": "", "terlibat": "involvement",
        "keterlibatan": "involvement", "prancis": "France", "perancis": "France",
        # more words of asking and of the article's events, as fresh questions in the language use them
        "mulai": "started", "memulai": "started", "dimulai": "started", "minta": "demands", "meminta": "demands",
        "diminta": "demands", "permintaan": "demands", "lima": "five", "tiga": "three", "harusnya": "should",
        "seharusnya": "should", "paling": "most", "jelek": "bad", "urusan dalam negeri": "internal affairs",
        "urusan": "affairs", "dalam negeri": "internal", "negeri": "country", "keras kepala": "obdurate",
        "kekuatan": "strength", "kuat": "strength", "kelemahan": "weak", "lemah": "weak", "jawab": "answer",
        "jawaban": "answer", "salah ketik": "misspelled", "kerja": "worked", "bekerja": "worked",
        "nganggep": "considers", "punya": "", "abis": "after", "habis": "after", "pake": "with", "pakai": "with",
        "padahal": "", "inggris raya": "UK", "orang inggris": "British", "bales": "respond", "dibales": "respond",
        "brussel": "Belgium", "caranya": "how", "janjiin": "promise", "dijanjiin": "promise", "hasil": "",
        "hasilnya": "", "nama": "name", "namanya": "name", "amerika serikat": "United States",
        "orang amerika": "United States", "besok": "tomorrow", "kemarin": "yesterday", "lupa": "",
        "melupakan": "forget", "lupakanlah": "forget", "rangkumin": "summarise", "rangkuman": "summary",
        "merangkum": "summarise", "rangkumkan": "summarise", "kalimat": "sentences", "dalam": "in", "sebutin": "list",
        "sebutkan": "list", "lebih": "more", "sisi": "sides", "kedua sisi": "both sides", "dua sisi": "both sides",
        "diperdebatkan": "disputed", "diperdebatin": "disputed", "perdebatan": "disputed", "kontroversial": "disputed",
        "kronologi": "timeline", "kronologis": "timeline", "urutan kejadian": "timeline", "poin": "points",
        "sudut pandang": "view", "peristiwa": "events", "semua negara": "all countries",
        "negara apa saja": "which countries", "negara apa aja": "which countries",
        "negara mana saja": "which countries", "negara mana aja": "which countries", "nama-nama": "names",
        "semua nama": "all names", "semua orang": "all people", "tokoh-tokoh": "people", "didepak": "expelled",
        "depak": "expel", "mendepak": "expel", "ngeluarin": "expel", "dikeluarin": "expelled", "keluarin": "expel",
        "markas": "headquarters", "markas besar": "headquarters", "makin": "increasingly", "semakin": "increasingly",
        "gak aman": "insecure", "tidak aman": "insecure", "nggak aman": "insecure", "ga aman": "insecure",
        "aman": "safe", "norma": "norms", "nilai": "values", "moskow": "Moscow", "moskwa": "Moscow",
        "akreditasi": "accreditation",
    },
    "ru": {
        # particles, fillers, chat forms
        "типа": "", "короче": "", "вообщем": "", "в общем": "", "как бы": "", "значит": "", "ведь": "", "разве": "",
        "неужели": "really", "правда": "true", "правда ли": "is it true", "реально": "really",
        "действительно": "really", "серьезно": "seriously", "честно": "honestly", "прямо": "", "просто": "",
        "только": "", "лишь": "", "именно": "exactly", "конкретно": "exactly", "вкратце": "summary", "кстати": "",
        "блин": "", "ладно": "", "слушай": "", "скажите": "tell", "подскажите": "tell", "подскажи": "tell", "хочу": "",
        "знать": "", "понять": "", "понял": "", "поняла": "", "не понял": "", "читал": "", "читала": "",
        "прочитал": "", "прочитала": "", "пробежал": "", "пробежался": "", "мол": "", "дескать": "", "якобы": "claims",
        "вроде": "", "кажется": "", "может": "", "можно": "", "ага": "", "хм": "", "ой": "", "ах": "", "эх": "",
        "лол": "", "ребята": "", "народ": "", "я": "", "мы": "", "меня": "", "нас": "", "сам": "", "сама": "",
        "какое": "what", "каков": "what", "какова": "what", "каковы": "what", "чего": "what", "чему": "what",
        "кем": "who", "ком": "who", "откуда": "where", "куда": "where", "в чем": "what", "в чём": "what",
        "в чем дело": "what", "что там": "what", "что же": "what", "так ли": "is it true", "да или нет": "yes or no",
        # time, order and truth
        "раньше": "before", "прежде": "before", "перед": "before", "ранее": "before", "сначала": "first",
        "впервые": "first", "первый": "first", "первым": "first", "последний": "last", "последним": "last",
        "снова": "again", "опять": "again", "еще раз": "again", "всё ещё": "still", "все еще": "still",
        "до сих пор": "still", "теперь": "now", "сейчас": "now", "сегодня": "now", "тогда": "then", "недавно": "",
        "давно": "", "год": "year", "году": "year", "года": "year", "лет": "years", "вернулся": "returned",
        "вернулась": "returned", "возвращение": "returned", "вернуться": "return", "миф": "true", "сказка": "true",
        "фейк": "true", "ложь": "lie", "врет": "lie", "врут": "lie", "соврал": "lie", "лгал": "lie",
        "история": "story", "историю": "story", "истории": "story", "факт": "fact", "факты": "fact",
        "на самом деле": "really", "значит ли": "mean", "означает": "mean",
        # saying, claiming, accusing, denying, ordering, promising
        "заявляет": "says", "заявила": "said", "заявили": "said", "заявление": "statement", "сказали": "said",
        "говорят": "say", "говорил": "said", "говорила": "said", "сообщил": "said", "утверждают": "claims",
        "утверждала": "claims", "утверждение": "claim", "обвинил": "accused", "обвинила": "accused",
        "обвинили": "accused", "обвиняют": "accuse", "обвинять": "accuse", "упрекает": "accuses", "упрекают": "accuse",
        "претензия": "grievances", "винит": "blame", "винят": "blame", "обвинён": "accused", "отрицать": "denies",
        "отрицание": "denied", "опроверг": "denied", "опровергла": "denied", "опровергает": "denies",
        "открестилась": "denied", "признала": "admit", "признал": "admit", "признает": "admit", "приказал": "ordered",
        "приказ": "ordered", "приказала": "ordered", "велел": "ordered", "распорядился": "ordered",
        "одобрил": "approved", "санкционировал": "approved", "стоит за": "behind", "стоял за": "behind",
        "ответственность": "responsible", "пообещали": "promise", "обещания": "promise", "гарантии": "assurances",
        "гарантировали": "assurances", "заверения": "assurances", "заверили": "assurances",
        "ни на дюйм": "not one inch", "дюйм": "inch", "обманули": "broken promise", "обман": "broken promise",
        "нарушили": "broken promise", "осудил": "condemned", "осудили": "condemned", "требует": "demands",
        "требования": "demands", "требовала": "demands", "ультиматум": "demands", "отказала": "refused",
        "отказались": "refused", "отказ": "refused",
        # replacing, exchanging, imprisoning, punishing
        "сменил": "successor", "сменила": "successor", "заменил": "successor", "заменила": "successor",
        "преемник": "successor", "преемница": "successor", "на смену": "successor", "обменяны": "exchange",
        "обменял": "exchange", "обменять": "exchange", "обменом": "exchange", "обмен шпионами": "spy swap",
        "обмен пленными": "prisoner swap", "помилован": "pardon", "помилование": "pardon", "помиловал": "pardon",
        "освободили": "pardon", "осужден": "sentenced", "осудили на": "sentenced", "приговорили": "sentenced",
        "приговорен": "sentenced", "суд": "court", "судили": "court", "колония": "penal colony", "тюрьме": "jailed",
        "тюрьму": "jailed", "заключение": "jailed", "заключен": "jailed", "сидеть": "jailed", "посадить": "jailed",
        "арестован": "arrest", "арестовали": "arrest", "задержан": "arrest", "задержали": "arrest",
        "наказали": "punished", "наказать": "punish", "наказание": "punished", "предатель": "traitor",
        "предателя": "traitor", "предательство": "betray", "предал": "betrayed", "госизмена": "treason",
        "измена": "treason", "двойной агент": "double agent", "двойным агентом": "double agent",
        # poisoning, killing, attacking
        "отравить": "poisoned", "отравители": "poisoned", "отравления": "poisoning", "убийство": "murder",
        "убил": "killed", "убила": "killed", "убить": "killed", "покушение": "poisoning", "умерли": "died",
        "гибель": "death", "больница": "hospital", "больнице": "hospital", "самолет": "flight", "рейс": "flight",
        "нервно-паралитическое": "nerve agent", "боевое отравляющее": "nerve agent",
        "химическое оружие": "chemical weapon", "напасть": "attack", "атака": "attack", "атаковала": "attack",
        "вторглась": "invasion", "вторжения": "invasion", "спецоперация": "invasion", "оккупировала": "annexed",
        "оккупация": "annexed", "захват": "annexed", "захватили": "annexed", "аннексировали": "annexed",
        "аннексию": "annexation", "присоединили": "annexed", "контролировать": "control", "контроль": "control",
        "нарушает": "violating", "нарушение": "violating", "нарушения": "violating",
        # joining, leaving, expelling, cutting
        "вступила в нато": "join NATO", "вступать": "join", "вступят": "join", "вошли": "join",
        "присоединиться": "join", "подала заявку": "applied", "заявку": "applied", "заявка": "applied",
        "членства": "membership", "выйти": "withdraw", "вышла": "withdraw", "отозвала": "withdraw",
        "отозвали": "withdraw", "приостановить": "suspends", "приостановили": "suspended", "закрыли": "suspended",
        "закрыть": "suspends", "закрытие": "suspended", "сократить": "cuts", "сократила": "cuts", "урезали": "cuts",
        "урезала": "cuts", "выгоняют": "expel", "выслала": "expelled", "высылают": "expel",
        "вмешиваться": "interference", "вмешалась в выборы": "election interference", "взлом": "hacking",
        "взломали": "hacking", "хакеры": "hacking", "хакерские": "hacking", "голоса": "votes", "голосование": "votes",
        "защищает": "defend", "защищать": "defend", "защита": "defend", "защищала": "defending",
        "считают": "considers", "считала": "considers", "сфера влияния": "sphere of influence",
        "сферой влияния": "sphere of influence", "зона влияния": "sphere of influence",
        "задний двор": "sphere of influence", "территория": "territory", "территории": "territory",
        # roles and things
        "генеральный секретарь": "secretary general", "генсека": "secretary general",
        "глава нато": "NATO secretary general", "главы нато": "NATO secretary general",
        "руководитель нато": "NATO secretary general", "шеф нато": "NATO secretary general",
        "министр иностранных дел": "foreign minister", "глава мид": "foreign minister", "министр": "minister",
        "министра": "minister", "мид": "foreign ministry", "министерство": "ministry",
        "пресс-секретарь": "spokesperson", "представитель мид": "spokesperson",
        "официальный представитель": "spokesperson", "премьер": "prime minister", "премьер-министр": "prime minister",
        "канцлер": "chancellor", "агент": "agent", "агенты": "agents", "агентов": "agents",
        "разведчик": "intelligence", "гру": "GRU", "фсб": "FSB", "полковник": "colonel", "офицер": "officer",
        "офицеры": "officers", "полицейский": "police", "посол": "ambassador", "посольства": "embassy",
        "посольстве": "embassy", "дипломаты": "diplomats", "дипломатов": "diplomats", "договор": "treaty",
        "договоры": "treaties", "соглашение": "agreement", "проект": "draft", "граница": "border",
        "санкций": "sanctions", "войска": "troops", "армия": "military", "военные": "military", "оружие": "weapons",
        "саммит": "summit", "саммите": "summit", "альянс": "alliance", "союзники": "allies", "союзников": "allies",
        "суверенитет": "sovereignty", "демократия": "democracy", "права человека": "human rights",
        "конвенция": "convention", "международное право": "international law", "ссср": "Soviet Union",
        "советский": "Soviet", "жена": "wife", "вдова": "widow", "фонд": "foundation", "экстремист": "extremist",
        "экстремистской": "extremist", "фбк": "foundation", "коррупция": "corruption", "активисты": "critics",
        "критик": "critics", "критика": "critics", "журналист": "the author", "наблюдатель": "observer",
        "восточная европа": "eastern Europe", "черное море": "Black Sea", "финляндии": "Finland", "швеции": "Sweden",
        "грузии": "Georgia", "украины": "Ukraine", "украину": "Ukraine", "бухарест": "Bucharest",
        "горбачев": "Gorbachev", "горбачеву": "Gorbachev", "бейкер": "Baker", "бербок": "Baerbock",
        "захарова": "Zakharova", "песков": "Peskov", "медведев": "Medvedev", "берлин": "Berlin", "омск": "Omsk",
        "томск": "Tomsk",
        # function words: without a gloss each would count as a topic of its own
        "между": "between", "против": "against", "без": "without", "во время": "during", "пока": "while",
        "тоже": "also", "также": "also", "но": "but", "ничего": "nothing", "что-то": "something", "кто-то": "someone",
        "каждый": "each", "другой": "other", "другие": "others", "много": "many", "мало": "little", "всегда": "always",
        "никогда": "never", "почти": "almost", "ни": "nor", "эту": "this", "те": "those", "та": "that", "мой": "my",
        "наша": "our", "ваш": "your", "здесь": "here", "однако": "but", "согласно": "according to", "раз": "",
        "часто": "often", "скоро": "soon", "сразу": "", "немедленно": "", "на посту": "", "пост": "", "пусть": "",
        "бы": "", "будто": "", "чтобы": "", "если": "if", "хотя": "although", "сделал": "did", "сделала": "did",
        "делает": "does", "могут": "can", "должен": "should", "должна": "should", "хочет": "wants", "хотела": "wanted",
        "стал": "became", "стала": "became", "немецкий": "German", "немецкого": "German", "германии": "Germany",
        "в первый раз": "first",
        # more words of asking and of the article's events, as fresh questions in the language use them
        "работу": "", "работа": "", "пятидневную": "five day", "пятидневная": "five day", "пять": "five",
        "дней": "days", "начали": "started", "начинается": "started", "вместо": "", "опечатка": "misspelled",
        "имя": "name", "имени": "name", "мас": "Mass", "имел в виду": "mean", "имеет в виду": "mean", "имел": "",
        "виду": "", "под": "", "человек": "people", "хуже": "worse", "всего": "", "со времен": "since", "времен": "",
        "во": "in", "внутренние дела": "internal affairs", "внутренние": "internal", "упрямая": "obdurate",
        "упрямый": "obdurate", "упрямство": "obdurate", "упертая": "obdurate", "сильные": "strength", "слабые": "weak",
        "сильные стороны": "strength", "слабые стороны": "weak", "собой": "", "новый": "new", "новая": "new",
        "работал": "worked", "работала": "worked", "британский": "British", "британскую": "British",
        "британской": "British", "британии": "UK", "великобритания": "UK", "признавал": "admit",
        "новичком": "Novichok", "новичка": "Novichok", "знал": "", "знала": "", "знали": "", "российских": "Russian",
        "российский": "Russian", "российские": "Russian", "такая": "", "такой": "", "дон стерджесс": "Dawn Sturgess",
        "стерджесс": "Sturgess", "показало": "", "показал": "", "выяснило": "", "установило": "", "дело": "case",
        "делу": "case", "смысл": "sense", "имело смысл": "made sense", "началась": "started", "начала": "started",
        "начал": "started", "брюссель": "Belgium", "американцы": "United States", "американские": "United States",
        "как сказать": "how do you say", "нафига": "why", "нафиг": "why", "нахрена": "why", "чего ради": "why",
        "вчера": "yesterday", "завтра": "tomorrow", "одной": "one", "с одной стороны": "", "с другой стороны": "",
        "одна": "one", "один": "one", "перескажи": "summarise", "пересказ": "summary", "трех": "three", "три": "three",
        "предложениях": "sentences", "предложения": "sentences", "перечисли": "list", "перечислите": "list",
        "упомянутые": "mentioned", "упомянуты": "mentioned", "упоминаются": "mentioned", "упоминает": "mentioned",
        "больше": "more", "обе": "both", "оба": "both", "точки зрения": "views", "точка зрения": "view",
        "зрения": "view", "оспариваются": "disputed", "оспаривается": "disputed", "спорные": "disputed",
        "спорно": "disputed", "хронология": "timeline", "хронологию": "timeline", "событий": "events",
        "события": "events", "по твоему": "your opinion", "по-твоему": "your opinion", "упекли": "jailed",
        "упек": "jailed", "за решетку": "jailed", "за решеткой": "jailed", "решетку": "jailed",
        "штаб-квартиры": "headquarters", "штаб-квартира": "headquarters", "хайко": "Heiko", "хайко маас": "Heiko Maas",
        "нормам": "norms", "нормы": "norms", "норм": "norms", "наказывают": "punish", "наказывает": "punish",
        "причины": "reasons", "причин": "reasons", "причина": "reason", "национальные": "national",
        "национальных": "national", "национальный": "national", "свои": "", "ценности": "values",
        "небезопасными": "insecure", "небезопасно": "insecure", "москве": "Moscow", "москвы": "Moscow",
        "европа": "Europe", "европы": "Europe", "европе": "Europe", "евросоюз": "European Union",
        "евросоюза": "European Union", "ес": "EU", "аккредитации": "accreditation", "аккредитацию": "accreditation",
        "аккредитация": "accreditation", "лишило": "withdrew", "лишили": "withdrew", "лишить": "withdraw",
        "восьмерых": "eight", "нашей": "", "нашего": "", "нашу": "",
    },
    "de": {
        # particles, fillers, chat forms
        "genau": "exactly", "halt": "", "nur": "", "hab": "", "habe": "", "hatte": "", "eben": "", "also": "so",
        "naja": "", "na": "", "ne": "", "nee": "", "gell": "", "quasi": "", "sozusagen": "", "irgendwie": "",
        "überhaupt": "", "uberhaupt": "", "bloß": "", "blos": "", "einfach": "simply", "ehrlich": "honestly",
        "ehrlich gesagt": "honestly", "schnell": "quick", "kurz und knapp": "summary", "eigtl": "",
        "wirklich wahr": "really true", "echt jetzt": "really", "krass": "", "alter": "", "digga": "", "leute": "",
        "ich": "", "wir": "", "mich": "", "euch": "", "dir": "", "weiß": "", "weiss": "", "wissen": "", "verstehe": "",
        "verstanden": "", "kapiert": "", "gelesen": "", "überflogen": "", "uberflogen": "", "drüber": "", "druber": "",
        "hier": "", "dabei": "", "damit": "", "dazu": "", "davon": "", "darüber": "about", "daruber": "about",
        "worüber": "what about", "woruber": "what about", "wobei": "", "wieso denn": "why", "weswegen": "why",
        "woher": "where", "wohin": "where", "welchen": "which", "welchem": "which", "ob": "whether",
        "ja oder nein": "yes or no", "stimmt": "true", "stimmt das": "is it true", "stimmt es": "is it true",
        "wahr": "true", "wahrheit": "true", "mythos": "true", "legende": "true", "lüge": "lie", "luge": "lie",
        "gelogen": "lie", "lügt": "lie", "lugt": "lie", "geschichte": "story", "story": "story", "tatsache": "fact",
        "fakten": "fact", "heißt": "mean", "heisst": "mean", "bedeutet": "mean", "gemeint": "mean",
        # time, order and truth
        "vor": "before", "vorher": "before", "davor": "before", "früher": "before", "fruher": "before",
        "zuvor": "before", "damals": "then", "nachdem": "after", "danach noch": "after", "zuerst": "first",
        "erst": "first", "erste": "first", "erstes": "first", "ersten": "first", "zuletzt": "last", "letzte": "last",
        "letzten": "last", "letztes": "last", "wieder": "again", "nochmal": "again", "erneut": "again",
        "immer noch": "still", "noch immer": "still", "bereits": "already", "inzwischen": "now", "mittlerweile": "now",
        "heute": "now", "jetzt": "now", "gerade": "now", "seit": "since", "seiten": "sides", "bis": "until",
        "jahr": "year", "jahre": "years", "jahren": "years", "zurück": "returned", "zuruck": "returned",
        "zurückgekehrt": "returned", "zuruckgekehrt": "returned", "rückkehr": "returned", "ruckkehr": "returned",
        "zurückgeflogen": "returned",
        # saying, claiming, accusing, denying, ordering, promising
        "vorwerfen": "accuse", "vorgeworfen": "accused", "vorwirft": "accuses", "werfen vor": "accuse",
        "warf vor": "accused", "beschuldigt": "accused", "beschuldigen": "accuse", "beschuldigung": "accusations",
        "anschuldigungen": "accusations", "anklage": "charged", "angeklagt": "charged", "gibt die schuld": "blame",
        "macht verantwortlich": "blame", "verantwortlich": "responsible", "behaupten": "claims", "behauptung": "claim",
        "behauptungen": "claims", "angeblich": "claims", "erklärte": "said", "erklarte": "said", "meinte": "said",
        "gesagt hat": "said", "äußerte": "said", "ausserte": "said", "aussage": "statement", "äußerung": "statement",
        "zitat": "said", "bestreiten": "denies", "abstreiten": "denies", "streitet ab": "denies",
        "stritt ab": "denied", "dementi": "denied", "leugnen": "denies", "zugegeben": "admit", "gibt zu": "admit",
        "befohlen": "ordered", "befahl": "ordered", "befiehlt": "ordered", "angeordnet": "ordered",
        "ordnete an": "ordered", "befehl": "ordered", "auftrag": "ordered", "in auftrag": "ordered",
        "genehmigt": "approved", "gebilligt": "approved", "steckt dahinter": "behind", "dahinter": "behind",
        "versprach": "promise", "versprochen hat": "promise", "zugesagt": "promise", "zusage": "promise",
        "zusicherung": "assurances", "zusicherungen": "assurances", "garantie": "assurances",
        "garantien": "assurances", "zoll": "inch", "keinen zoll": "not one inch", "gebrochen": "broken promise",
        "wortbruch": "broken promise", "kritisiert": "critics", "forderungen": "demands", "fordert": "demands",
        "forderte": "demands", "verlangt": "demands", "abgelehnt": "refused", "lehnt ab": "refused",
        "ablehnung": "refused", "gewarnt": "threatens", "droht": "threatens", "drohte": "threatens",
        "drohung": "threatens",
        # replacing, exchanging, imprisoning, punishing
        "ersetzt": "successor", "ersetzte": "successor", "abgelöst": "successor", "abgelost": "successor",
        "nachfolger": "successor", "nachfolgerin": "successor", "nachfolge": "successor", "getauscht": "exchange",
        "eingetauscht": "exchange", "tausch": "exchange", "gefangenenaustausch": "prisoner swap",
        "agentenaustausch": "spy swap", "freigelassen": "pardon", "begnadigung": "pardon", "verurteilung": "sentenced",
        "gericht": "court", "prozess": "court", "straflager": "penal colony", "knast": "jailed", "gefangen": "jailed",
        "weggesperrt": "jailed", "festgenommen": "arrest", "verhaftung": "arrest", "bestraft": "punished",
        "strafe": "punished", "bestrafen": "punish", "verräter": "traitor", "verrater": "traitor", "verrat": "betray",
        "verraten": "betrayed", "hochverrat": "treason", "landesverrat": "treason", "doppelagent": "double agent",
        "doppelagenten": "double agent",
        # poisoning, killing, attacking
        "vergiften": "poisoned", "vergiftete": "poisoned", "vergiftungen": "poisoning", "mord": "murder",
        "ermorden": "killed", "umgebracht": "killed", "töten": "killed", "toten": "killed", "tötete": "killed",
        "mordanschlag": "poisoning", "tod von": "death", "krankenhaus": "hospital", "klinik": "hospital",
        "charité": "Charité", "charite": "Charité", "flug": "flight", "flugzeug": "flight",
        "chemiewaffe": "chemical weapon", "chemiewaffen": "chemical weapon", "kampfstoff": "nerve agent",
        "nervenkampfstoff": "nerve agent", "angreifen": "attack", "griff an": "attack", "greift an": "attack",
        "marschierte ein": "invasion", "einmarschieren": "invasion", "einfall": "invasion", "besetzung": "annexed",
        "besetzte": "annexed", "annektieren": "annexation", "annektierte": "annexed", "angliederung": "annexation",
        "eingegliedert": "annexed", "kontrolle": "control", "kontrollieren": "control", "verletzt": "violating",
        "verletzung": "violating", "verstoß": "violating", "verstoss": "violating",
        # joining, leaving, expelling, cutting
        "beitreten": "join", "beitrat": "join", "tritt bei": "join", "traten bei": "join",
        "beitrittsantrag": "applied", "antrag": "applied", "beantragt": "applied", "austreten": "withdraw",
        "abgezogen": "withdraw", "zurückgezogen": "withdraw", "zuruckgezogen": "withdraw", "ausgesetzt": "suspended",
        "aussetzen": "suspends", "setzt aus": "suspends", "schloss": "suspended", "schließen": "suspends",
        "schliessen": "suspends", "geschlossen hat": "suspended", "gekürzt hat": "cuts", "verkleinerung": "cuts",
        "wirft raus": "expel", "warf raus": "expelled", "rauswerfen": "expel", "rausgeworfen hat": "expelled",
        "ausgewiesen hat": "expelled", "wies aus": "expelled", "weist aus": "expel", "einmischen": "interference",
        "mischt sich ein": "interference", "mischte sich ein": "interference",
        "wahleinmischung": "election interference", "wahlbeeinflussung": "election interference",
        "beeinflusst": "interference", "gehackt": "hacking", "hackerangriff": "hacking", "abstimmung": "referendum",
        "volksabstimmung": "referendum", "verteidigung": "defend", "schützen": "defend", "schutzen": "defend",
        "hält für": "considers", "halt fur": "considers", "betrachtet": "considers", "sieht als": "considers",
        "betrachtet als": "considers", "einflussbereich": "sphere of influence", "einflusszone": "sphere of influence",
        "hinterhof": "sphere of influence", "territorium": "territory",
        # roles and things
        "nato-chef": "NATO secretary general", "nato chef": "NATO secretary general",
        "chef der nato": "NATO secretary general", "nato-generalsekretär": "NATO secretary general",
        "generalsekretar": "secretary general", "außenministerin": "foreign minister",
        "aussenminister": "foreign minister", "aussenministerin": "foreign minister",
        "außenministerium": "foreign ministry", "aussenministerium": "foreign ministry", "minister": "minister",
        "ministerin": "minister", "ministerium": "ministry", "sprecher": "spokesperson", "sprecherin": "spokesperson",
        "kreml-sprecher": "Kremlin spokesperson", "premierministerin": "prime minister",
        "premierminister": "prime minister", "agent": "agent", "ex-spion": "former spy", "oberst": "colonel",
        "offizier": "officer", "offiziere": "officers", "polizist": "police", "polizei": "police",
        "botschafter": "ambassador", "vertrag": "treaty", "verträge": "treaties", "vertrage": "treaties",
        "vertragsentwurf": "draft treaty", "vertragsentwürfe": "draft treaties", "abkommen": "agreement",
        "entwurf": "draft", "entwürfe": "draft", "referendum": "referendum", "grenze": "border", "truppen": "troops",
        "soldaten": "troops", "militär": "military", "militar": "military", "armee": "military", "waffen": "weapons",
        "bündnis": "alliance", "bundnis": "alliance", "verbündete": "allies", "verbundete": "allies",
        "verbündeten": "allies", "souveränität": "sovereignty", "demokratie": "democracy",
        "menschenrechte": "human rights", "völkerrecht": "international law", "volkerrecht": "international law",
        "sowjetunion": "Soviet Union", "sowjetische": "Soviet", "wiedervereinigung": "reunification",
        "ehefrau": "wife", "witwe": "widow", "stiftung": "foundation", "extremistisch": "extremist",
        "korruption": "corruption", "aktivist": "critics", "aktivisten": "critics", "regimekritiker": "critics",
        "beobachter": "observer", "osteuropa": "eastern Europe", "schwarzes meer": "Black Sea", "beiden": "both",
        "beide": "both",
        # function words: without a gloss each would count as a topic of its own
        "gegen": "against", "ohne": "without", "während": "during", "wahrend": "during", "etwas": "something",
        "jemand": "someone", "jeder": "each", "jede": "each", "andere": "other", "anderen": "others", "viel": "much",
        "viele": "many", "wenig": "little", "immer": "always", "nie": "never", "fast": "almost", "weder": "neither",
        "dieser": "this", "diese": "this", "dieses": "this", "diesem": "this", "diesen": "this", "mein": "my",
        "meine": "my", "euer": "your", "dort": "there", "sondern": "but", "dessen": "whose", "deren": "whose",
        "selbst": "", "sofort": "", "gleich": "", "direkt": "", "zu": "to", "als": "as", "um": "", "an": "at",
        "durch": "through", "gegenüber": "toward", "hinter": "behind", "in": "in", "neben": "beside", "unter": "under",
        "macht": "does", "machen": "do", "gemacht": "done", "tun": "do", "kann": "can", "können": "can",
        "konnen": "can", "könnte": "could", "konnte": "could", "muss": "must", "müssen": "must", "mussen": "must",
        "sollte": "should", "soll": "should", "will": "wants", "wollte": "wanted", "ging": "went", "gegangen": "gone",
        "war": "was", "waren": "were", "wäre": "would", "ware": "would", "sei": "", "deutsche": "German",
        "deutscher": "German", "deutschen": "German", "ausdehnen": "expand", "auszudehnen": "expand",
        "ausgedehnt": "expanded", "zum ersten mal": "first", "zum letzten mal": "last", "das erste mal": "first",
        # more words of asking and of the article's events, as fresh questions in the language use them
        "angefangen": "started", "anfangen": "started", "fing an": "started", "begonnen": "started",
        "begann": "started", "fünftagekrieg": "five day war", "funftagekrieg": "five day war", "fünf": "five",
        "funf": "five", "tage": "days", "tagen": "days", "namen": "name", "statt": "", "anstatt": "", "mehr": "more",
        "innere angelegenheiten": "internal affairs", "innere": "internal", "angelegenheiten": "affairs",
        "einzumischen": "interference", "stur": "obdurate", "hartnäckig": "obdurate", "unnachgiebig": "obdurate",
        "stärken": "strength", "stärke": "strength", "schwächen": "weak", "schwäche": "weak", "werfen": "", "warf": "",
        "übernommen": "successor", "ubernommen": "successor", "übernahm": "successor", "ubernahm": "successor",
        "gearbeitet": "worked", "arbeitete": "worked", "jemals": "ever", "womit": "what with", "obwohl": "",
        "wusste": "", "britischen": "British", "britische": "British", "briten": "UK", "darauf": "",
        "dichtgemacht": "suspended", "dichtmachen": "suspends", "macht dicht": "suspends", "wofür": "why",
        "wofur": "why", "saß": "", "sass": "", "steht": "", "er": "he", "sie": "she", "gibts": "is there",
        "gibt es": "is there", "beim": "at", "gefordert": "demands", "kam": "", "raus": "out", "brüssel": "Belgium",
        "brussel": "Belgium", "amerikanische": "United States", "amerikaner": "United States",
        "wie sagt man": "how do you say", "was ist los": "what happened", "war los": "happened", "los": "happened",
        "erstmals": "first", "gestern": "yesterday", "morgen": "tomorrow", "ostern": "Ostern", "fass": "summarise",
        "fasse": "summarise", "drei": "three", "sätzen": "sentences", "satzen": "sentences", "sätze": "sentences",
        "satz": "sentence", "zähl": "list", "zahl": "list", "zähle": "list", "aufzählen": "list", "auflisten": "list",
        "liste": "list", "vorkommen": "mentioned", "vorkommt": "mentioned", "erwähnt": "mentioned",
        "erwahnt": "mentioned", "genannt": "mentioned", "sichtweisen": "views", "sichtweise": "view",
        "standpunkte": "views", "standpunkt": "view", "perspektive": "view", "perspektiven": "views",
        "umstritten": "disputed", "strittig": "disputed", "chronologie": "timeline", "zeitleiste": "timeline",
        "ereignisse": "events", "hauptquartier": "headquarters", "zentrale": "headquarters", "rückt vor": "expanding",
        "ruckt vor": "expanding", "fühlt sich": "", "fuhlt sich": "", "angriffskrieg": "invasion war",
        "ukrainekrieg": "Ukraine war invasion", "kaukasuskrieg": "Georgia war", "steckt": "",
        "nervengiftanschlag": "nerve agent poisoning", "giftmord": "poisoning murder",
        "mordversuch": "attempted murder", "wahlmanipulation": "election interference",
        "wahlbetrug": "election interference", "cyberangriff": "hacking", "cyberangriffe": "hacking",
        "hackerangriffe": "hacking", "spionagevorwürfe": "spying accusations",
        "spionagevorwurfe": "spying accusations", "haftstrafe": "sentence jailed", "lagerhaft": "penal colony",
        "oppositionsführer": "opposition", "oppositionsfuhrer": "opposition", "kremlkritiker": "critics Kremlin",
        "putinkritiker": "critics Putin", "menschenrechtsverletzungen": "human rights violating",
        "völkerrechtswidrig": "illegal international law", "volkerrechtswidrig": "illegal international law",
        "völkerrechtsbruch": "violating international law", "einflussgebiet": "sphere of influence",
        "sicherheitsgarantien": "security assurances", "sicherheitsinteressen": "security interests",
        "beitrittsperspektive": "membership", "aktionsplan": "action plan", "beitrittsgesuch": "applied",
        "gegensanktionen": "sanctions respond", "wirtschaftssanktionen": "sanctions",
        "botschaftsmitarbeiter": "embassy staff", "ausweisungen": "expulsions",
        "diplomatenausweisung": "expulsions diplomats", "militärverbindungsmission": "military liaison mission",
        "verbindungsbüro": "liaison office", "informationsbüro": "information office",
        "geheimdienstnormen": "intelligence norms", "normen": "norms", "werte": "values", "dürfe": "", "durfe": "",
        "darf": "", "dürfen": "", "durfen": "", "unsicher": "insecure", "unsicherer": "insecure", "moskau": "Moscow",
        "kreml": "Kremlin", "europa": "Europe", "europäische": "European", "europaische": "European",
        "europäischen": "European", "sinn": "sense", "sinn ergab": "made sense", "sinn ergibt": "made sense",
        "sinn macht": "made sense", "sinn gemacht": "made sense", "sinnvoll": "made sense", "ergab": "",
        "georgienkrieg": "Georgia war", "akkreditierung": "accreditation", "da": "", "dann noch": "then",
        "mal kurz": "short",
    },
    "fr": {
        # particles, fillers, chat forms
        "genre": "", "bah": "", "ben": "", "bref": "", "en fait": "", "du coup": "", "enfin": "", "bon": "",
        "hein": "", "quand même": "", "quand meme": "", "franchement": "honestly", "honnêtement": "honestly",
        "sérieux": "seriously", "serieux": "seriously", "sérieusement": "seriously", "juste": "", "seulement": "",
        "simplement": "simply", "exactement": "exactly", "au juste": "exactly", "précisément": "exactly",
        "vite": "quick", "rapidement": "quick", "en bref": "summary", "perso": "", "mdr": "", "ptdr": "", "stp": "",
        "svp": "", "merci": "", "je": "", "j'ai": "", "ai": "", "me": "", "m'": "", "te": "", "t'": "", "on": "",
        "nous": "", "vous": "you", "les gars": "", "sais": "", "savoir": "", "comprends": "", "compris": "", "lu": "",
        "survolé": "", "survole": "", "parcouru": "", "là": "", "la-dessus": "about", "là-dessus": "about", "ici": "",
        "voilà": "", "voila": "", "fait": "", "faite": "", "faites": "", "faits": "fact", "chose": "", "trucs": "",
        "histoire": "story", "l'histoire": "story", "mythe": "true", "légende": "true", "legende": "true",
        "rumeur": "true", "intox": "true", "vrai": "true", "c'est vrai": "is it true", "est-ce vrai": "is it true",
        "vrai ou faux": "true or false", "mensonge": "lie", "ment": "lie", "menti": "lie", "fait avéré": "fact",
        "oui ou non": "yes or no", "veut dire": "mean", "signifie": "mean", "lesquels": "which", "lesquelles": "which",
        "quel est": "what", "quelle est": "what", "c'était quoi": "what was", "qu'a": "what", "qu'ont": "what",
        "qu'a dit": "what said",
        # time, order and truth
        "avant": "before", "auparavant": "before", "avant ça": "before", "d'abord": "first", "premier": "first",
        "première": "first", "premiere": "first", "la première fois": "first", "dernier": "last", "dernière": "last",
        "derniere": "last", "encore": "again", "à nouveau": "again", "de nouveau": "again", "toujours": "still",
        "déjà": "already", "deja": "already", "maintenant": "now", "aujourd'hui": "now", "actuellement": "now",
        "à l'époque": "then", "a l'epoque": "then", "à ce moment": "then", "jusqu'à": "until", "jusqu'a": "until",
        "an": "year", "ans": "years", "année": "year", "annee": "year", "années": "years", "revenu": "returned",
        "rentré": "returned", "retour": "returned", "retourné": "returned", "est rentré": "returned",
        # saying, claiming, accusing, denying, ordering, promising
        "a dit": "said", "disait": "said", "déclaré": "said", "declare": "said", "prétendu": "claims",
        "soi-disant": "claims", "affirmé": "claims", "affirmation": "claim", "accusé": "accused", "accusée": "accused",
        "accuser": "accuse", "accusent": "accuse", "reprocher": "accuses", "reproché": "accuses",
        "reprochent": "accuse", "blâme": "blame", "blame": "blame", "responsable": "responsible", "nier": "denies",
        "nient": "denies", "démentir": "denies", "démentent": "denies", "admis": "admit", "avoue": "admit",
        "avoué": "admit", "reconnu": "admit", "ordonné": "ordered", "ordonne": "ordered", "ordre": "ordered",
        "commandité": "ordered", "commandite": "ordered", "approuvé": "approved", "derrière": "behind",
        "derriere": "behind", "promettre": "promise", "promettait": "promise", "promise": "promise",
        "garanties": "assurances", "garantie": "assurances", "assurances": "assurances", "assuré": "assurances",
        "pouce": "inch", "d'un pouce": "one inch", "trahi": "betrayed", "trahie": "betrayed", "trahison": "treason",
        "traître": "traitor", "traitre": "traitor", "condamnent": "condemned", "exige": "demands",
        "exigences": "demands", "exigé": "demands", "refusé": "refused", "refuse": "refused", "rejeté": "refused",
        "menaces": "threatens", "menacer": "threatens",
        # replacing, exchanging, imprisoning, punishing
        "remplacé": "successor", "remplace": "successor", "remplacer": "successor", "remplaçant": "successor",
        "remplacant": "successor", "successeur": "successor", "succédé": "successor", "succede": "successor",
        "échangé contre": "exchange", "échanger": "exchange", "échange de prisonniers": "prisoner swap",
        "échange d'espions": "spy swap", "libéré": "pardon", "libere": "pardon", "grâce": "pardon", "grace": "pardon",
        "condamnation": "sentenced", "condamné à": "sentenced", "tribunal": "court", "procès": "court",
        "proces": "court", "colonie pénitentiaire": "penal colony", "emprisonner": "jailed", "enfermé": "jailed",
        "détenu": "jailed", "detenu": "jailed", "arrestation": "arrest", "arrêter": "arrest", "puni": "punished",
        "punir": "punish", "punition": "punished",
        # poisoning, killing, attacking
        "empoisonner": "poisoned", "empoisonnée": "poisoned", "empoisonnés": "poisoned", "empoisonneurs": "poisoned",
        "meurtre": "murder", "assassiné": "killed", "tuer": "killed", "décès": "death", "deces": "death",
        "mourir": "died", "est mort": "died", "hôpital": "hospital", "hopital": "hospital", "vol": "flight",
        "avion": "flight", "neurotoxique": "nerve agent", "arme chimique": "chemical weapon", "attaquer": "attack",
        "attaques": "attack", "envahit": "invasion", "occupé": "annexed", "annexé la": "annexed", "annexée": "annexed",
        "rattachement": "annexation", "contrôle": "control", "controle": "control", "contrôler": "control",
        "viole": "violating", "violation": "violating", "violations": "violating",
        # joining, leaving, expelling, cutting
        "adhéré": "join", "adhere": "join", "rejoint": "join", "intégré": "join", "candidature": "applied",
        "demandé l'adhésion": "applied", "quitter": "withdraw", "retiré": "withdraw", "retire": "withdraw",
        "suspendre": "suspends", "fermer": "suspends", "fermeture": "suspended", "réduite": "cuts", "reduit": "cuts",
        "expulser": "expel", "expulse": "expel", "expulsions": "expulsions", "s'ingérer": "interference",
        "ingérences": "interference", "piratage": "hacking", "piraté": "hacking", "votes": "votes",
        "défendre": "defend", "defendre": "defend", "protéger": "defend", "proteger": "defend",
        "considère comme": "considers", "voit comme": "considers", "pré carré": "sphere of influence",
        "arrière-cour": "sphere of influence",
        # roles and things
        "chef": "secretary general", "droits": "rights", "affaires étrangères": "foreign minister",
        "affaires etrangeres": "foreign minister", "ministre": "minister", "ministère": "ministry",
        "ministere": "ministry", "porte-parole": "spokesperson", "premier ministre": "prime minister",
        "chancelier": "chancellor", "espionne": "spy", "ex-espion": "former spy", "ancien espion": "former spy",
        "colonel": "colonel", "officier": "officer", "officiers": "officers", "policier": "police",
        "ambassadeur": "ambassador", "traité": "treaty", "traités": "treaties", "traite": "treaty",
        "accord": "agreement", "projet": "draft", "projets": "draft", "référendum": "referendum", "troupes": "troops",
        "soldats": "troops", "armée": "military", "armee": "military", "militaire": "military", "armes": "weapons",
        "sommet": "summit", "alliance": "alliance", "alliés": "allies", "allies": "allies",
        "souveraineté": "sovereignty", "démocratie": "democracy", "droits humains": "human rights",
        "urss": "Soviet Union", "soviétique": "Soviet", "réunification": "reunification", "épouse": "wife",
        "veuve": "widow", "fondation": "foundation", "extrémiste": "extremist", "corruption": "corruption",
        "militants": "critics", "militant": "critics", "journaliste": "the author", "observateur": "observer",
        "mer noire": "Black Sea", "les deux": "both",
        # function words: without a gloss each would count as a topic of its own
        "vers": "toward", "contre": "against", "sans": "without", "pendant": "during", "tandis": "while",
        "aussi": "also", "bien": "well", "rien": "nothing", "quelque": "some", "chaque": "each", "autre": "other",
        "autres": "others", "beaucoup": "much", "peu": "little", "jamais": "never", "presque": "almost", "ni": "nor",
        "ces": "these", "celui": "the one", "celle": "the one", "mon": "my", "ma": "my", "notre": "our", "nos": "our",
        "vos": "your", "lui": "him", "eux": "them", "elles": "they", "sinon": "otherwise", "jusqu": "until",
        "même": "same", "meme": "same", "fois": "", "souvent": "often", "tard": "later", "tôt": "early", "faire": "do",
        "font": "do", "donné": "gave", "pourrait": "could", "doit": "should", "doivent": "should", "devrait": "should",
        "voulait": "wanted", "va": "will", "vont": "will", "allait": "would", "fut": "was", "sera": "will",
        "seront": "will", "serait": "would", "avait": "had", "avaient": "had", "étendre": "expand",
        "etendre": "expand", "s'étendre": "expand", "tout de suite": "", "immédiatement": "", "allemand": "German",
        "allemande": "German",
        # more words of asking and of the article's events, as fresh questions in the language use them
        "commencé": "started", "commence": "started", "commencer": "started", "déclenché": "started",
        "declenche": "started", "cinq": "five", "jours": "days", "jour": "day", "mal": "wrong", "nom": "name",
        "au lieu de": "", "lieu": "", "auprès": "at", "aupres": "at", "passée": "", "personnes": "people",
        "faiblesses": "weak", "faiblesse": "weak", "homme": "human", "affaires intérieures": "internal affairs",
        "intérieures": "internal", "intérieur": "internal", "obstinée": "obdurate", "obstiné": "obdurate",
        "têtu": "obdurate", "têtue": "obdurate", "entêtée": "obdurate", "maas": "Maas", "james": "James",
        "journal": "journal", "innervant": "nerve agent", "secrétaire": "secretary", "secretaire": "secretary",
        "droit": "law", "bossait": "worked", "bosser": "worked", "travaillait": "worked", "travaillé": "worked",
        "britanniques": "British", "britannique": "British", "anglais": "British", "poutine": "Putin", "savait": "",
        "comme": "as", "conclu": "", "a conclu": "", "demandait": "demands", "bruxelles": "Belgium",
        "américains": "United States", "états-unis": "United States", "etats-unis": "United States",
        "comment on dit": "how do you say", "comment dit on": "how do you say", "hier": "yesterday",
        "demain": "tomorrow", "trois": "three", "phrases": "sentences", "mentionnés": "mentioned",
        "mentionné": "mentioned", "mentionnes": "mentioned", "plus": "more", "point de vue": "view", "vue": "view",
        "chronologie": "timeline", "énumère": "list", "enumere": "list", "événements": "events",
        "evenements": "events", "avance": "expanding", "avancer": "expanding", "menacée": "threatens",
        "menacee": "threatens", "siège": "headquarters", "siege": "headquarters", "normes": "norms",
        "valeurs": "values", "nationaux": "national", "raisons": "reasons", "précaires": "insecure",
        "instables": "insecure", "moscou": "Moscow", "europe": "Europe", "ue": "EU", "européenne": "European",
        "europeenne": "European", "européen": "European", "accréditation": "accreditation",
        "accréditations": "accreditation", "avait du sens": "made sense", "a du sens": "made sense",
    },
    "es": {
        # particles, fillers, chat forms
        "oye": "", "onda": "", "qué onda": "what", "q onda": "what", "nomás": "", "nomas": "", "pues": "", "o sea": "",
        "wey": "", "güey": "", "guey": "", "a ver": "", "vale": "", "venga": "", "tío": "", "tio": "", "che": "",
        "boludo": "", "chamo": "", "parce": "", "mano": "", "hermano": "", "jaja": "", "jajaja": "", "xd": "",
        "porfa": "", "por favor": "", "gracias": "", "oigan": "", "mira": "", "fíjate": "", "fijate": "", "sabes": "",
        "saber": "", "entiendo": "", "entendí": "", "leí": "", "lei": "", "leído": "", "yo": "", "mí": "", "te": "",
        "nosotros": "", "ustedes": "you", "vosotros": "you", "solo": "", "sólo": "", "nada más": "", "nada mas": "",
        "simplemente": "simply", "exactamente": "exactly", "concretamente": "exactly", "rápido": "quick",
        "rapido": "quick", "en resumen": "summary", "resumido": "summary", "la verdad": "honestly",
        "sinceramente": "honestly", "francamente": "honestly", "neta": "really", "de verdad": "really",
        "verdad": "true", "es verdad": "is it true", "es cierto": "is it true", "cierto": "true", "mito": "true",
        "leyenda": "true", "bulo": "true", "mentira": "lie", "miente": "lie", "mintió": "lie", "mintio": "lie",
        "historia": "story", "la historia": "story", "hecho": "fact", "hechos": "fact", "significa": "mean",
        "quiere decir": "mean", "así": "", "asi": "", "eh": "", "ah": "", "uy": "", "ya que": "because",
        "cuál es": "what", "cual es": "what", "qué pasó": "what happened", "que paso": "what happened",
        "qué onda con": "what about", "cómo así": "how", "como asi": "how", "cuántas": "how many",
        "cuantos": "how many", "cuantas": "how many", "si o no": "yes or no", "como suya": "sphere of influence",
        "como suyo": "sphere of influence", "como suyos": "sphere of influence", "como suyas": "sphere of influence",
        # time, order and truth
        "antes": "before", "antes de": "before", "primero": "first", "primera": "first", "primera vez": "first",
        "por primera vez": "first", "último": "last", "ultimo": "last", "última": "last", "ultima": "last",
        "otra vez": "again", "de nuevo": "again", "nuevamente": "again", "todavía": "still", "todavia": "still",
        "aún": "still", "sigue": "still", "ahora": "now", "hoy": "now", "actualmente": "now",
        "en ese entonces": "then", "en aquel entonces": "then", "hasta": "until", "año": "year", "años": "years",
        "volvió": "returned", "volvio": "returned", "regresó": "returned", "regreso": "returned",
        "regresar": "returned", "volver": "returned",
        # saying, claiming, accusing, denying, ordering, promising
        "dijeron": "said", "decía": "said", "declaró": "said", "declaro": "said", "declaración": "statement",
        "declaraciones": "statement", "afirmó": "claims", "afirmo": "claims", "asegura": "claims", "aseguró": "claims",
        "supuestamente": "claims", "acusó": "accused", "acuso": "accused", "acusado": "accused", "acusan": "accuse",
        "acusar": "accuse", "reprocha": "accuses", "reprochan": "accuse", "culpa a": "blame", "culpan": "blame",
        "culpó": "blame", "culpo": "blame", "responsable": "responsible", "negaron": "denied", "niegan": "denies",
        "negar": "denies", "desmintió": "denied", "desmintio": "denied", "desmiente": "denies", "admitió": "admit",
        "admitio": "admit", "reconoció": "admit", "reconocio": "admit", "mandó": "ordered", "mando": "ordered",
        "mandaron": "ordered", "ordenó": "ordered", "ordeno": "ordered", "orden": "ordered", "encargó": "ordered",
        "aprobó": "approved", "aprobo": "approved", "detrás": "behind", "detras": "behind", "prometieron": "promise",
        "prometio": "promise", "prometer": "promise", "promesas": "promise", "garantías": "assurances",
        "garantias": "assurances", "pulgada": "inch", "ni una pulgada": "not one inch", "traicionó": "betrayed",
        "traiciono": "betrayed", "traición": "treason", "traicion": "treason", "traidor": "traitor",
        "exige": "demands", "exigencias": "demands", "exigió": "demands", "demandas": "demands", "rechazó": "refused",
        "rechazo": "refused", "amenazó": "threatens", "amenazas": "threatens",
        # replacing, exchanging, imprisoning, punishing
        "reemplazó": "successor", "reemplazo": "successor", "reemplazar": "successor", "sustituyó": "successor",
        "sustituyo": "successor", "sucesor": "successor", "sucesora": "successor", "intercambiado": "exchange",
        "intercambiaron": "exchange", "canjeado": "exchange", "canjearon": "exchange", "canje de espías": "spy swap",
        "canje de prisioneros": "prisoner swap", "liberado": "pardon", "liberaron": "pardon", "indulto": "pardon",
        "indultó": "pardon", "condenaron": "sentenced", "sentencia": "sentence", "juicio": "court",
        "tribunal": "court", "encarcelar": "jailed", "metieron preso": "jailed", "detenido": "arrest",
        "detuvieron": "arrest", "arresto": "arrest", "arrestaron": "arrest", "castigado": "punished",
        "castigar": "punish", "castigo": "punished", "agente doble": "double agent", "doble agente": "double agent",
        # poisoning, killing, attacking
        "envenenó": "poisoned", "envenenada": "poisoned", "envenenamientos": "poisoning", "asesinato": "murder",
        "asesinar": "killed", "asesinó": "killed", "matar": "killed", "mató": "killed", "mato": "killed",
        "fallecido": "died", "falleció": "died", "fallecio": "died", "vuelo": "flight", "avión": "flight",
        "avion": "flight", "agente nervioso": "nerve agent", "arma química": "chemical weapon",
        "arma quimica": "chemical weapon", "atacar": "attack", "atacaron": "attack", "ataques": "attack",
        "invadieron": "invasion", "ocupó": "annexed", "ocupacion": "annexed", "ocupación": "annexed",
        "anexionó": "annexed", "anexiono": "annexed", "anexionar": "annexation", "controlar": "control",
        "viola": "violating", "violación": "violating", "violacion": "violating",
        # joining, leaving, expelling, cutting
        "se unió": "join", "se unio": "join", "unió": "join", "entró": "join", "entro": "join", "ingresó": "join",
        "adhesión a": "join", "solicitud": "applied", "solicitó": "applied", "solicito": "applied",
        "pidió entrar": "applied", "salir": "withdraw", "retiró": "withdraw", "suspender": "suspends",
        "suspendieron": "suspended", "cerrar": "suspends", "cierre": "suspended", "cerraron": "suspended",
        "redujeron": "cuts", "recortó": "cuts", "recorto": "cuts", "expulsa": "expel", "echar": "expel",
        "se metieron": "interference", "meterse": "interference", "interferencia": "interference", "hackeo": "hacking",
        "hackearon": "hacking", "votos": "votes", "defender": "defend", "proteger": "defend", "defensa": "defend",
        "considera": "considers", "consideran": "considers", "ve como": "considers",
        "esfera de influencia": "sphere of influence", "zona de influencia": "sphere of influence",
        "patio trasero": "sphere of influence",
        # roles and things
        "jefe": "secretary general", "ministro": "minister", "canciller": "foreign minister",
        "ministro de exteriores": "foreign minister", "exteriores": "foreign minister",
        "relaciones exteriores": "foreign minister", "cancillería": "foreign ministry", "ministerio": "ministry",
        "portavoz": "spokesperson", "vocero": "spokesperson", "primera ministra": "prime minister",
        "primer ministro": "prime minister", "agente": "agent", "exespía": "former spy", "ex espía": "former spy",
        "coronel": "colonel", "oficial": "officer", "oficiales": "officers", "policía": "police", "policia": "police",
        "embajador": "ambassador", "tratado": "treaty", "tratados": "treaties", "acuerdo": "agreement",
        "borrador": "draft", "borradores": "draft", "referéndum": "referendum", "tropas": "troops",
        "soldados": "troops", "ejército": "military", "ejercito": "military", "militar": "military",
        "armas": "weapons", "cumbre": "summit", "alianza": "alliance", "aliados": "allies", "soberanía": "sovereignty",
        "democracia": "democracy", "derechos humanos": "human rights", "derecho internacional": "international law",
        "urss": "Soviet Union", "soviética": "Soviet", "reunificación": "reunification", "esposa": "wife",
        "viuda": "widow", "fundación": "foundation", "extremista": "extremist", "corrupción": "corruption",
        "activistas": "critics", "activista": "critics", "periodista": "the author", "observador": "observer",
        "mar negro": "Black Sea", "ambos": "both", "los dos": "both",
        # function words: without a gloss each would count as a topic of its own
        "hacia": "toward", "contra": "against", "sin": "without", "tras": "after", "durante": "during",
        "mientras": "while", "también": "also", "tambien": "also", "aunque": "although", "nada": "nothing",
        "algo": "something", "alguien": "someone", "cada": "each", "otro": "other", "otra": "other", "otros": "others",
        "otras": "others", "mucho": "much", "muchos": "many", "mucha": "much", "poco": "little", "bien": "well",
        "siempre": "always", "nunca": "never", "casi": "almost", "ni": "nor", "ese": "that", "esa": "that",
        "esos": "those", "esas": "those", "aquel": "that", "estos": "these", "estas": "these", "mis": "my",
        "nuestro": "our", "nuestra": "our", "ellos": "they", "ellas": "they", "ella": "she", "aquí": "here",
        "allí": "there", "ahí": "there", "sino": "but", "mismo": "same", "misma": "same", "vez": "", "veces": "",
        "pronto": "soon", "tarde": "later", "hizo": "did", "hace": "", "hacer": "do", "hacen": "do", "hicieron": "did",
        "dio": "gave", "puede": "can", "pueden": "can", "podría": "could", "podria": "could", "debe": "should",
        "deben": "should", "deberían": "should", "quiere": "wants", "quieren": "want", "quería": "wanted", "van": "",
        "iba": "", "fueron": "were", "será": "will", "serán": "will", "sería": "would", "estaba": "was",
        "estaban": "were", "estuvo": "was", "tuvo": "had", "había": "had", "habían": "had", "sea": "", "sean": "",
        "ser": "be", "estar": "be", "tener": "have", "verdaderamente": "really", "claro": "", "obvio": "",
        "expandirse": "expand", "expandir": "expand", "unieron": "join", "se unieron": "join", "alemán": "German",
        "aleman": "German", "alemana": "German", "al revés": "", "al reves": "", "enseguida": "", "de inmediato": "",
        "inmediatamente": "",
        # more words of asking and of the article's events, as fresh questions in the language use them
        "empezó": "started", "empezo": "started", "empezar": "started", "comenzó": "started", "comenzo": "started",
        "inició": "started", "inicio": "started", "cinco": "five", "días": "days", "dias": "days", "nombre": "name",
        "en vez de": "", "ante": "at", "personas": "people", "momento": "", "peor momento": "lowest point",
        "asuntos internos": "internal affairs", "asuntos": "affairs", "internos": "internal", "internas": "internal",
        "fortalezas": "strength", "fortaleza": "strength", "debilidades": "weak", "debilidad": "weak",
        "obstinada": "obdurate", "obstinado": "obdurate", "terca": "obdurate", "terco": "obdurate",
        "sin rodeos": "straight", "france": "France", "francia": "France", "secretario": "secretary",
        "trabajaba": "worked", "trabajó": "worked", "trabajo": "worked", "británica": "British",
        "británico": "British", "británicos": "British", "britanica": "British", "britanico": "British",
        "alguna vez": "ever", "sabía": "", "sabia": "", "iban": "", "pedía": "demands", "pedia": "demands",
        "pidió": "demands", "pidio": "demands", "piden": "demands", "habrá": "will", "habra": "will", "concluyó": "",
        "concluyo": "", "bruselas": "Belgium", "estadounidenses": "United States", "americanos": "United States",
        "cómo se dice": "how do you say", "como se dice": "how do you say", "vivir": "live", "vive": "lives",
        "viven": "live", "libre": "free", "ayer": "yesterday", "mañana": "tomorrow", "manana": "tomorrow",
        "tres": "three", "frases": "sentences", "enumera": "list", "enumerar": "list", "mencionados": "mentioned",
        "mencionadas": "mentioned", "mencionado": "mentioned", "puntos de vista": "views", "punto de vista": "view",
        "vista": "view", "cronología": "timeline", "cronologia": "timeline", "línea de tiempo": "timeline",
        "disputa": "disputed", "acontecimientos": "events", "eventos": "events", "sede": "headquarters",
        "se siente": "", "razones": "reasons", "nacionales": "national", "nacional": "national", "normas": "norms",
        "valores": "values", "inseguras": "insecure", "insegura": "insecure", "moscú": "Moscow", "moscu": "Moscow",
        "europa": "Europe", "ue": "EU", "europea": "European", "europeo": "European", "europeos": "European",
        "acreditación": "accreditation", "acreditaciones": "accreditation",
    },
}
for _lang, _said_in in EVERYDAY.items():
    for _word, _meaning in _said_in.items():
        LEXICON[_lang].setdefault(_word, _meaning)
for _lang, _asked_in in ASKED.items():
    for _word, _meaning in _asked_in.items():
        LEXICON[_lang].setdefault(_word, _meaning)
for _gloss, _said in CONCEPTS.items():
    for _word in _said:
        LEXICON["en"].setdefault(_word, _gloss)
MAX_PHRASE = 3


@cache
def _exact(lang: str) -> dict[tuple[str, ...], str]:
    return {tuple(words(key)): value for key, value in LEXICON.get(lang, {}).items()}


@cache
def _table(lang: str) -> dict[tuple[str, ...], str]:
    """The lexicon of ``lang`` keyed by the stems of its words (so inflections meet). Where two keys share
    a stem ("apa" and "berapa" both stem to "apa"), the shorter key, the plainer word, keeps it."""
    table: dict[tuple[str, ...], str] = {}
    for key, value in sorted(LEXICON.get(lang, {}).items(), key=lambda kv: len(kv[0])):
        table.setdefault(tuple(stem_in(lang, w) for w in words(key)), value)
    return table


def units(text: str, lang: str) -> list[tuple[str, str]]:
    """The words and phrases of ``text``, each with its English gloss: ("diracun", "poisoned"), ("kicked
    out", "expel"), ("navalny", "navalny"). A word of another language that the lexicon lacks is kept as it
    is (names are the same in every language); one of its common words is dropped, as it names no topic."""
    exact, table = _exact(lang), _table(lang)
    found = words(text)
    stems = [stem_in(lang, w) for w in found]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(found):
        for n in range(min(MAX_PHRASE, len(found) - i), 0, -1):
            value = exact.get(tuple(found[i : i + n]))
            if value is None and not (n == 1 and found[i] in _COMMON.get(lang, ())):
                # by stem, but not for a common word: German "sich" must not meet "Sicherheit"
                value = table.get(tuple(stems[i : i + n]))
            if value is None and n == 1 and lang == "id":
                value = _jakarta(found[i], exact)
            if value is not None:
                if value or lang == "en":
                    out.append((" ".join(found[i : i + n]), value))
                i += n
                break
        else:
            english = _in_english(found, i) if lang != "en" and found[i] not in _COMMON.get(lang, ()) else None
            if english is not None:  # an English word in another language's question: "knp nato kick out"
                n, value = english
                if value:
                    out.append((" ".join(found[i : i + n]), value))
                i += n
            elif lang == "en" and (mixed := _in_indonesian(found[i])) is not None:
                if mixed:  # "kenapa russia ambil crimea", "the german minister bilang apa sih?"
                    out.append((found[i], mixed))
                i += 1
            else:
                if lang == "en" or found[i] not in _COMMON.get(lang, ()):
                    out.append((found[i], _latin(found[i])))
                i += 1
    return out


# Russian letters in Latin (a plain romanisation): a name the lexicon lacks, "Столтенберг" or "Эрлангга", is
# then the name the knowledge spells in Latin, or near enough for the name corrector ("Навальный" is
# "navalnyy", one letter from "navalny").
_ROMAN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya"})


def _latin(word: str) -> str:
    """A word as it is, and in Latin letters beside it when it is Cyrillic (the knowledge may have either:
    an alias "Крым", or the name "Stoltenberg")."""
    return f"{word} {word.translate(_ROMAN)}" if _CYRILLIC.search(word) else word


# Words Indonesian shares with English, where an English question means the English word ("sang", "pun").
_ALSO_ENGLISH = frozenset("sang pun mana ada para lo ia di kan film hotel bola".split())


def _jakarta(word: str, exact: dict[tuple[str, ...], str]) -> str | None:
    """A Jakarta verb in -in ("ringkasin", "jelasin") is the standard one in -kan, or its root."""
    if not word.endswith("in") or len(word) < 6:
        return None
    root = word[:-2]
    return exact.get((root + "kan",)) or exact.get((root,))


def _in_indonesian(word: str) -> str | None:
    """The Indonesian gloss of a word an English question has and English lacks: members in Jakarta mix
    the two ("kenapa russia ambil crimea according to the writer"). Matched as written, never by stem,
    and "" for a particle ("sih", "dong", "kan"), which carries no topic."""
    if word in _ALSO_ENGLISH and word != "kan":
        return None
    if word in _COMMON["id"] or word == "kan":
        return _exact("id").get((word,), "")
    found = _exact("id").get((word,))
    if found is None and word.endswith("ly") and len(word) >= 6:
        found = _exact("id").get((word[:-2],))  # Jakarta English: "jujurly" is "jujur" (honestly), made English
    return found


def _in_english(found: list[str], i: int) -> tuple[int, str] | None:
    """The English lexicon's gloss of the phrase at ``found[i]``, matched as written (an English stem could
    meet a word of the other language), with its length in words."""
    exact = _exact("en")
    for n in range(min(MAX_PHRASE, len(found) - i), 0, -1):
        value = exact.get(tuple(found[i : i + n]))
        if value is not None:
            return n, value
    return None


def gloss(text: str, lang: str) -> str:
    """``text`` in English, as far as the lexicon goes. For English the gloss only adds: the colloquial
    word stays beside its plain one ("kicked out expel")."""
    if lang == "en":
        return " ".join(w if w == g or not g else f"{w} {g}" for w, g in units(text, lang))
    return " ".join(g for _, g in units(text, lang))


def note(lang: str) -> str | None:
    """The one line an answer carries when the question was not in English."""
    return None if lang == "en" else f"You asked in {NAMES[lang]}; Parley answers in English for now."
