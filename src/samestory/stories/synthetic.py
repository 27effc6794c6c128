"""A synthetic multilingual news corpus with planted stories, siblings and copies, for scale tests.

Every text here is written for this project (fictional people and companies in real cities), so the
corpus can be generated at any size and shipped in tests. A *topic* is a pair of sibling happenings
with the same actors and place (a strike begins / the strike ends); a *story* is one happening,
reported by several outlets in several languages within a few days; a *copy* is a syndicated reprint
of another article with a different first line.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

LANGUAGES = ("en", "de", "fr", "es")
CITIES = (
    ("Lisbon", "Portugal"),
    ("Nairobi", "Kenya"),
    ("Oslo", "Norway"),
    ("Lima", "Peru"),
    ("Manila", "Philippines"),
    ("Accra", "Ghana"),
    ("Hanoi", "Vietnam"),
    ("Quito", "Ecuador"),
    ("Tunis", "Tunisia"),
    ("Riga", "Latvia"),
    ("Dakar", "Senegal"),
    ("Montevideo", "Uruguay"),
    ("Tbilisi", "Georgia"),
    ("Colombo", "Sri Lanka"),
    ("Helsinki", "Finland"),
    ("Santiago", "Chile"),
    ("Kampala", "Uganda"),
    ("Tallinn", "Estonia"),
)
_SYLLABLES = ("val", "dor", "men", "kes", "ari", "lo", "tan", "vik", "sel", "mar", "oru", "ben", "ith", "ka", "ron")
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes"),
}
_OUTLETS = ("daily-ledger", "morning-post", "kurier", "tageblatt", "le-veilleur", "la-gazette", "el-diario", "la-voz")

# Per event: title, then lead sentences, then body sentences; one list per language.
_EVENTS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {
    "strike_start": {
        "en": (
            ("Dock workers in {city} walk out over pay",),
            (
                "Thousands of dock workers in {city} went on strike on {weekday}, halting the port operated by {org}.",
                "A strike by port workers shut down {city}'s harbour on {weekday} after talks with {org} failed.",
            ),
            (
                "The union led by {person} demands a raise of {n1} percent.",
                "Ships queued outside the harbour as cranes stood still.",
                "{org} said the walkout would cost {n2} million dollars a day.",
                "Union leader {person} told crowds the strike would go on until wages rise.",
            ),
        ),
        "de": (
            ("Hafenarbeiter in {city} legen die Arbeit nieder",),
            (
                "Tausende Hafenarbeiter in {city} sind am {weekday} in den Streik getreten und haben "
                "den Hafen von {org} lahmgelegt.",
            ),
            (
                "Die Gewerkschaft unter {person} fordert {n1} Prozent mehr Lohn.",
                "Vor dem Hafen stauten sich die Schiffe, die Kräne standen still.",
                "{org} beziffert den Schaden auf {n2} Millionen Dollar pro Tag.",
            ),
        ),
        "fr": (
            ("Les dockers de {city} en grève pour les salaires",),
            (
                "Des milliers de dockers de {city} se sont mis en grève {weekday}, paralysant le "
                "port exploité par {org}.",
            ),
            (
                "Le syndicat dirigé par {person} réclame une hausse de {n1} pour cent.",
                "Les navires attendaient au large, les grues à l'arrêt.",
                "{org} estime que la grève coûte {n2} millions de dollars par jour.",
            ),
        ),
        "es": (
            ("Los estibadores de {city} van a la huelga por los salarios",),
            (
                "Miles de estibadores de {city} iniciaron el {weekday} una huelga que paralizó el "
                "puerto operado por {org}.",
            ),
            (
                "El sindicato que encabeza {person} exige una subida del {n1} por ciento.",
                "Los barcos esperaban frente al puerto con las grúas paradas.",
                "{org} calcula que la huelga cuesta {n2} millones de dólares al día.",
            ),
        ),
    },
    "strike_end": {
        "en": (
            ("{city} port strike ends with wage deal",),
            ("Dock workers in {city} returned to work on {weekday} after {org} agreed to a new wage deal.",),
            (
                "The agreement signed by {person} raises pay by {n1} percent over two years.",
                "The first ships were unloaded within hours.",
                "{org} said it expected the backlog to clear in {n3} days.",
            ),
        ),
        "de": (
            ("Hafenstreik in {city} endet mit Tarifeinigung",),
            (
                "Die Hafenarbeiter in {city} haben am {weekday} die Arbeit wieder aufgenommen, "
                "nachdem {org} einem neuen Tarifvertrag zustimmte.",
            ),
            (
                "Die von {person} unterzeichnete Einigung bringt {n1} Prozent mehr Lohn über zwei Jahre.",
                "Die ersten Schiffe wurden binnen Stunden entladen.",
                "{org} rechnet damit, den Rückstau in {n3} Tagen abzubauen.",
            ),
        ),
        "fr": (
            ("Fin de la grève au port de {city} après un accord salarial",),
            (
                "Les dockers de {city} ont repris le travail {weekday} après que {org} a accepté un "
                "nouvel accord salarial.",
            ),
            (
                "L'accord signé par {person} augmente les salaires de {n1} pour cent sur deux ans.",
                "Les premiers navires ont été déchargés en quelques heures.",
                "{org} pense résorber le retard en {n3} jours.",
            ),
        ),
        "es": (
            ("Termina la huelga del puerto de {city} con un acuerdo salarial",),
            (
                "Los estibadores de {city} volvieron al trabajo el {weekday} después de que {org} "
                "aceptara un nuevo convenio.",
            ),
            (
                "El acuerdo firmado por {person} sube los salarios un {n1} por ciento en dos años.",
                "Los primeros barcos se descargaron en pocas horas.",
                "{org} espera recuperar el retraso en {n3} días.",
            ),
        ),
    },
    "merger_announce": {
        "en": (
            ("{org} agrees to buy {org2} for {n2} million dollars",),
            (
                "{org} said on {weekday} it had agreed to acquire its rival {org2} in a deal worth "
                "{n2} million dollars.",
            ),
            (
                "Chief executive {person} said the takeover would create the largest supplier in {country}.",
                "Regulators in {city} must still approve the deal.",
                "Shares of {org2} jumped {n1} percent on the news.",
            ),
        ),
        "de": (
            ("{org} übernimmt {org2} für {n2} Millionen Dollar",),
            ("{org} hat am {weekday} angekündigt, den Konkurrenten {org2} für {n2} Millionen Dollar zu übernehmen.",),
            (
                "Konzernchef {person} sprach vom größten Anbieter in {country}.",
                "Die Aufsichtsbehörden in {city} müssen noch zustimmen.",
                "Die Aktie von {org2} stieg um {n1} Prozent.",
            ),
        ),
        "fr": (
            ("{org} rachète {org2} pour {n2} millions de dollars",),
            ("{org} a annoncé {weekday} un accord pour racheter son concurrent {org2} pour {n2} millions de dollars.",),
            (
                "Le patron {person} promet le premier fournisseur du pays, {country}.",
                "Les autorités de {city} doivent encore approuver l'opération.",
                "L'action {org2} a bondi de {n1} pour cent.",
            ),
        ),
        "es": (
            ("{org} comprará {org2} por {n2} millones de dólares",),
            ("{org} anunció el {weekday} un acuerdo para adquirir a su rival {org2} por {n2} millones de dólares.",),
            (
                "El consejero delegado {person} dijo que nacerá el mayor proveedor de {country}.",
                "Los reguladores de {city} aún deben aprobar la operación.",
                "Las acciones de {org2} subieron un {n1} por ciento.",
            ),
        ),
    },
    "merger_blocked": {
        "en": (
            ("Regulators block {org}'s takeover of {org2}",),
            ("The competition authority in {city} on {weekday} blocked the planned takeover of {org2} by {org}.",),
            (
                "The regulator said the deal would raise prices by {n1} percent.",
                "{person} said {org} would appeal the decision.",
                "The companies must pay a break fee of {n3} million dollars.",
            ),
        ),
        "de": (
            ("Behörde stoppt Übernahme von {org2} durch {org}",),
            (
                "Die Wettbewerbsbehörde in {city} hat am {weekday} die geplante Übernahme von {org2} "
                "durch {org} untersagt.",
            ),
            (
                "Die Preise würden sonst um {n1} Prozent steigen, hieß es.",
                "{person} kündigte an, {org} werde Einspruch einlegen.",
                "Fällig wird eine Vertragsstrafe von {n3} Millionen Dollar.",
            ),
        ),
        "fr": (
            ("Le régulateur bloque le rachat de {org2} par {org}",),
            ("L'autorité de la concurrence de {city} a bloqué {weekday} le rachat prévu de {org2} par {org}.",),
            (
                "Selon le régulateur, les prix auraient augmenté de {n1} pour cent.",
                "{person} a annoncé que {org} ferait appel.",
                "Une indemnité de rupture de {n3} millions de dollars est due.",
            ),
        ),
        "es": (
            ("El regulador bloquea la compra de {org2} por {org}",),
            (
                "La autoridad de competencia de {city} bloqueó el {weekday} la compra prevista de "
                "{org2} por parte de {org}.",
            ),
            (
                "Según el regulador, los precios habrían subido un {n1} por ciento.",
                "{person} anunció que {org} recurrirá la decisión.",
                "Las empresas deberán pagar una penalización de {n3} millones de dólares.",
            ),
        ),
    },
    "flood": {
        "en": (
            ("Floods kill {n3} in {city} after record rain",),
            (
                "Flash floods swept through {city} on {weekday}, killing at least {n3} people and "
                "forcing thousands from their homes.",
            ),
            (
                "Mayor {person} declared a state of emergency.",
                "{n1} centimetres of rain fell in a single night.",
                "The aid group {org} set up shelters in schools.",
            ),
        ),
        "de": (
            ("Überschwemmungen in {city}: mindestens {n3} Tote",),
            (
                "Sturzfluten haben am {weekday} {city} überschwemmt, mindestens {n3} Menschen "
                "starben, Tausende mussten ihre Häuser verlassen.",
            ),
            (
                "Bürgermeister {person} rief den Notstand aus.",
                "In einer einzigen Nacht fielen {n1} Zentimeter Regen.",
                "Die Hilfsorganisation {org} richtete Notunterkünfte in Schulen ein.",
            ),
        ),
        "fr": (
            ("Inondations à {city} : au moins {n3} morts",),
            (
                "Des crues soudaines ont frappé {city} {weekday}, faisant au moins {n3} morts et des "
                "milliers de sinistrés.",
            ),
            (
                "Le maire {person} a décrété l'état d'urgence.",
                "Il est tombé {n1} centimètres de pluie en une nuit.",
                "L'association {org} a ouvert des abris dans les écoles.",
            ),
        ),
        "es": (
            ("Inundaciones en {city} dejan al menos {n3} muertos",),
            ("Las riadas arrasaron {city} el {weekday}, con al menos {n3} muertos y miles de desplazados.",),
            (
                "El alcalde {person} declaró el estado de emergencia.",
                "Cayeron {n1} centímetros de lluvia en una sola noche.",
                "La organización {org} habilitó refugios en las escuelas.",
            ),
        ),
    },
    "flood_rebuild": {
        "en": (
            ("{city} opens new flood barrier a year after deadly floods",),
            (
                "{city} on {weekday} opened a new flood barrier built by {org}, a year after floods "
                "devastated the city.",
            ),
            (
                "Mayor {person} said the wall cost {n2} million dollars.",
                "Engineers say it can hold back a river {n1} centimetres higher than last year.",
                "Residents held a ceremony for the victims.",
            ),
        ),
        "de": (
            ("{city} eröffnet neuen Hochwasserschutz",),
            (
                "{city} hat am {weekday} eine neue Hochwassermauer von {org} eröffnet, ein Jahr nach "
                "der verheerenden Flut.",
            ),
            (
                "Bürgermeister {person} bezifferte die Kosten auf {n2} Millionen Dollar.",
                "Die Mauer hält einen um {n1} Zentimeter höheren Pegel aus.",
                "Anwohner gedachten der Opfer.",
            ),
        ),
        "fr": (
            ("{city} inaugure une nouvelle digue anti-crue",),
            (
                "{city} a inauguré {weekday} une nouvelle digue construite par {org}, un an après "
                "les crues meurtrières.",
            ),
            (
                "Le maire {person} chiffre son coût à {n2} millions de dollars.",
                "L'ouvrage résiste à une crue de {n1} centimètres de plus.",
                "Les habitants ont rendu hommage aux victimes.",
            ),
        ),
        "es": (
            ("{city} inaugura un nuevo muro contra inundaciones",),
            ("{city} inauguró el {weekday} un nuevo muro construido por {org}, un año después de las inundaciones.",),
            (
                "El alcalde {person} cifró su coste en {n2} millones de dólares.",
                "Resiste una crecida {n1} centímetros mayor que la del año pasado.",
                "Los vecinos homenajearon a las víctimas.",
            ),
        ),
    },
}
_TOPICS = (("strike_start", "strike_end"), ("merger_announce", "merger_blocked"), ("flood", "flood_rebuild"))
_SIBLING_GAP_DAYS = {"strike_end": (25, 60), "merger_blocked": (60, 240), "flood_rebuild": (300, 400)}
_BACKGROUND = {
    "en": (
        "{who}, who has followed the sector for {n} years, said the figures for {year} were the weakest on record.",
        "In {place}, officials from {body} met to discuss the budget for the coming year.",
        "According to {body}, about {n} thousand people work in the region, most of them in small firms.",
        "{who} told reporters that talks with {body} had been difficult but constructive.",
        "The last comparable case dates back to {year}, when {body} faced similar criticism in {place}.",
        "Analysts at {body} expect growth of {n} percent next year, down from earlier forecasts.",
    ),
    "de": (
        "{who}, der die Branche seit {n} Jahren beobachtet, nannte die Zahlen für {year} die schwächsten bisher.",
        "In {place} berieten Vertreter von {body} über den Haushalt des kommenden Jahres.",
        "Nach Angaben von {body} arbeiten in der Region rund {n} tausend Menschen, die meisten in kleinen Betrieben.",
        "{who} sagte, die Gespräche mit {body} seien schwierig, aber konstruktiv gewesen.",
        "Der letzte vergleichbare Fall liegt im Jahr {year}, als {body} in {place} ähnlich kritisiert wurde.",
        "Analysten von {body} erwarten für das nächste Jahr ein Wachstum von {n} Prozent.",
    ),
    "fr": (
        "{who}, qui suit le secteur depuis {n} ans, juge les chiffres de {year} les plus faibles jamais enregistrés.",
        "À {place}, des responsables de {body} se sont réunis pour discuter du budget de l'année prochaine.",
        "Selon {body}, environ {n} mille personnes travaillent dans la région, surtout dans de petites entreprises.",
        "{who} a déclaré que les discussions avec {body} avaient été difficiles mais constructives.",
        "Le dernier cas comparable remonte à {year}, lorsque {body} avait été critiqué de la même façon à {place}.",
        "Les analystes de {body} prévoient une croissance de {n} pour cent l'an prochain.",
    ),
    "es": (
        "{who}, que sigue el sector desde hace {n} años, calificó las cifras de {year} como las más débiles.",
        "En {place}, responsables de {body} se reunieron para debatir el presupuesto del próximo año.",
        "Según {body}, unas {n} mil personas trabajan en la región, la mayoría en pequeñas empresas.",
        "{who} dijo a la prensa que las conversaciones con {body} habían sido difíciles pero constructivas.",
        "El último caso comparable se remonta a {year}, cuando {body} recibió críticas similares en {place}.",
        "Los analistas de {body} esperan un crecimiento del {n} por ciento el próximo año.",
    ),
}
"""Background sentences with random names and numbers: they make articles as long as real reports
without making unrelated articles share long runs of words."""
_FILLER = {
    "en": (
        "The report was updated with comments from officials.",
        "More details are expected later in the week.",
        "Local media reported the news first.",
        "Officials declined to comment further.",
    ),
    "de": (
        "Der Bericht wurde um Stellungnahmen ergänzt.",
        "Weitere Einzelheiten werden im Laufe der Woche erwartet.",
        "Lokale Medien hatten zuerst berichtet.",
        "Weitere Angaben machten die Behörden nicht.",
    ),
    "fr": (
        "L'article a été mis à jour avec des réactions officielles.",
        "D'autres détails sont attendus dans la semaine.",
        "Les médias locaux ont été les premiers à en parler.",
        "Les autorités n'ont pas souhaité en dire plus.",
    ),
    "es": (
        "La información se actualizó con declaraciones oficiales.",
        "Se esperan más detalles a lo largo de la semana.",
        "Los medios locales fueron los primeros en informar.",
        "Las autoridades no quisieron hacer más comentarios.",
    ),
}


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One generated article with the truth about it: its story, its topic and what it copies."""

    id: str
    title: str
    text: str
    lang: str
    date: str
    url: str
    outlet: str
    story: str
    topic: str
    copy_of: str | None = None

    def published_day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)

    def record(self) -> dict[str, Any]:
        """The JSON Lines record ``read_articles`` reads (plus the labels, which it ignores)."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Cast:
    person: str
    org: str
    org2: str
    city: str
    country: str
    n1: int
    n2: int
    n3: int


def generate(
    n: int,
    seed: int = 0,
    story_size: tuple[int, int] = (3, 9),
    sibling_rate: float = 0.5,
    copy_rate: float = 0.05,
    start: dt.date = dt.date(2021, 1, 1),
    days: int = 1000,
    languages: tuple[str, ...] = LANGUAGES,
    background: tuple[int, int] = (0, 0),
) -> list[SyntheticArticle]:
    """``n`` articles in date order, with planted stories (and siblings sharing their cast) and copies.

    ``background`` is the range of background sentences added to each report: (8, 16) gives the length of
    real news reports (~1,600 characters on average; (10, 20): ~2,000), the default keeps them short for tests.
    """
    rng = random.Random(seed)
    articles: list[SyntheticArticle] = []
    topic_number = 0
    while len(articles) < n:
        topic_number += 1
        first, second = rng.choice(_TOPICS)
        cast = _cast(rng)
        day = start + dt.timedelta(days=rng.randrange(days))
        topic = f"t{topic_number}"
        shape = _Shape(languages, story_size, copy_rate, background)
        articles.extend(_story(rng, first, cast, day, topic, f"{topic}a", shape))
        if rng.random() < sibling_rate:
            low, high = _SIBLING_GAP_DAYS[second]
            later = day + dt.timedelta(days=rng.randint(low, high))
            articles.extend(_story(rng, second, cast, later, topic, f"{topic}b", shape))
    articles = articles[:n]
    articles.sort(key=lambda a: (a.date, a.id))
    return articles


def sibling_topic(
    kind: str = "strike",
    seed: int = 0,
    per_story: int = 3,
    start: dt.date = dt.date(2023, 3, 6),
    gap_days: int = 40,
    languages: tuple[str, ...] = ("en", "de", "fr"),
) -> list[SyntheticArticle]:
    """One topic made of two sibling stories (same cast and place, ``gap_days`` apart), no copies.

    ``kind`` is "strike", "merger" or "flood"; the reports cycle through ``languages``.
    """
    first, second = next(pair for pair in _TOPICS if pair[0].startswith(kind))
    rng = random.Random(seed)
    cast = _cast(rng)
    topic = f"{kind}{seed}"
    later = start + dt.timedelta(days=gap_days)
    articles = []
    for event, day, story in ((first, start, f"{topic}a"), (second, later, f"{topic}b")):
        for number in range(per_story):
            lang = languages[number % len(languages)]
            articles.append(_report(rng, event, cast, lang, day, topic, f"{story}-{number}", story))
    return articles


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _cast(rng: random.Random) -> _Cast:
    city, country = rng.choice(CITIES)
    return _Cast(
        person=f"{_name(rng, 2)} {_name(rng, 3)}",
        org=f"{_name(rng, 2)} {rng.choice(('Holdings', 'Group', 'Logistics', 'Industries'))}",
        org2=f"{_name(rng, 3)} {rng.choice(('Systems', 'Partners', 'Energy'))}",
        city=city,
        country=country,
        n1=rng.randint(3, 40),
        n2=rng.randint(50, 900),
        n3=rng.randint(4, 60),
    )


@dataclass(frozen=True, slots=True)
class _Shape:
    """How a story's reports look: languages, how many, how often reprinted, how long."""

    languages: tuple[str, ...]
    size: tuple[int, int]
    copy_rate: float
    background: tuple[int, int]


def _story(
    rng: random.Random, event: str, cast: _Cast, day: dt.date, topic: str, story: str, shape: _Shape
) -> list[SyntheticArticle]:
    reports: list[SyntheticArticle] = []
    for number in range(rng.randint(*shape.size)):
        lang = rng.choice(shape.languages)
        published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        article_id = f"{story}-{number}"
        reports.append(_report(rng, event, cast, lang, published, topic, article_id, story, shape.background))
        if rng.random() < shape.copy_rate:
            reports.append(_reprint(rng, reports[-1]))
    return reports


def _report(
    rng: random.Random,
    event: str,
    cast: _Cast,
    lang: str,
    day: dt.date,
    topic: str,
    article_id: str,
    story: str,
    background: tuple[int, int] = (0, 0),
) -> SyntheticArticle:
    titles, leads, body = _EVENTS[event][lang]
    slots = {**asdict(cast), "weekday": _WEEKDAYS[lang][day.weekday() % 5]}
    sentences = [rng.choice(leads), *rng.sample(body, k=min(len(body), rng.randint(2, 3)))]
    sentences += [_background(rng, lang, day) for _ in range(rng.randint(*background))]
    sentences += rng.sample(_FILLER[lang], k=rng.randint(0, 2))
    outlet = rng.choice(_OUTLETS)
    return SyntheticArticle(
        id=article_id,
        title=rng.choice(titles).format(**slots),
        text=" ".join(s.format(**slots) for s in sentences),
        lang=lang,
        date=day.isoformat(),
        url=f"https://{outlet}.example/{day:%Y/%m}/{article_id}",
        outlet=f"{outlet}.example",
        story=story,
        topic=topic,
    )


def _background(rng: random.Random, lang: str, day: dt.date) -> str:
    """One background sentence with its own random person, body, place and numbers (braces escaped)."""
    template = rng.choice(_BACKGROUND[lang])
    text = template.format(
        who=f"{_name(rng, 2)} {_name(rng, 3)}",
        body=f"{_name(rng, 3)} {rng.choice(('Institute', 'Council', 'Bank', 'Agency'))}",
        place=rng.choice(CITIES)[0],
        n=rng.randint(2, 90),
        year=day.year - rng.randint(1, 30),
    )
    return text.replace("{", "{{").replace("}", "}}")


def _reprint(rng: random.Random, original: SyntheticArticle) -> SyntheticArticle:
    """A syndicated copy: same text under another outlet's header line, published the same day or next."""
    outlet = rng.choice(_OUTLETS)
    day = dt.date.fromisoformat(original.date) + dt.timedelta(days=rng.choice((0, 1)))
    copy_id = f"{original.id}-copy"
    return SyntheticArticle(
        id=copy_id,
        title=original.title,
        text=f"({outlet.upper()}) {original.text}",
        lang=original.lang,
        date=day.isoformat(),
        url=f"https://{outlet}.example/{day:%Y/%m}/{copy_id}",
        outlet=f"{outlet}.example",
        story=original.story,
        topic=original.topic,
        copy_of=original.id,
    )


def planted_vectors(articles: list[SyntheticArticle], dim: int = 512, seed: int = 0) -> np.ndarray:
    """Unit vectors with the corpus's structure, for index and latency benchmarks without the encoder.

    Each topic gets a random direction, each story a direction near it (siblings ≈ 0.6 cosine apart),
    each article a noisy copy of its story's (≈ 0.7 cosine to the story); copies repeat their original.
    """
    rng = np.random.default_rng(seed)
    topics = {a.topic for a in articles}
    stories = {a.story for a in articles}
    topic_vectors = {t: _unit(rng.standard_normal(dim)) for t in sorted(topics)}
    story_vectors = {
        s: _unit(topic_vectors[_topic_of(s)] + 0.8 * _unit(rng.standard_normal(dim))) for s in sorted(stories)
    }
    noise = rng.standard_normal((len(articles), dim)).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    centres = np.stack([story_vectors[a.story] for a in articles]).astype(np.float32)
    vectors = centres + 1.0 * noise
    position = {a.id: i for i, a in enumerate(articles)}
    for i, article in enumerate(articles):
        if article.copy_of is not None and article.copy_of in position:
            vectors[i] = vectors[position[article.copy_of]]
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _topic_of(story: str) -> str:
    return story[:-1]


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def iter_records(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    for article in generate(n, seed):
        yield article.record()
