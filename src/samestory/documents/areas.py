"""Seas, straits, rivers and world regions that news names and the country and city gazetteer lacks.

GeoNames' cities and ISO 3166 countries cover where things happen; reports also say *around* what: the
Black Sea grain corridor, fighting on the Dnipro, fire on the Île de la Cité by the Seine, the Sahel.
These are a closed, slowly changing set, so they are listed here with their names in the supported
languages (data compiled for this project from general geographic knowledge). Each has a key
``area:<slug>`` and, where it lies inside one country, that country.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Area:
    slug: str
    name: str
    country: str | None
    forms: tuple[str, ...]


def _area(slug: str, name: str, country: str | None, forms: str) -> Area:
    return Area(slug, name, country, tuple(f.strip() for f in forms.split("|") if f.strip()))


AREAS: tuple[Area, ...] = (
    # Seas, oceans and straits
    _area(
        "black-sea",
        "Black Sea",
        None,
        "Black Sea|Schwarzes Meer|Schwarzen Meer|Schwarzen Meeres|mer Noire|"
        "Mer Noire|mar Negro|Mar Negro|mar Nero|Mar Nero|Zwarte Zee|Morze Czarne|Morza Czarnego|Черное море|"
        "Чёрное море|Черного моря|Чорне море|Karadeniz|Karadeniz'de|Marea Neagră|Crno more|البحر الأسود|黑海",
    ),
    _area(
        "mediterranean",
        "Mediterranean Sea",
        None,
        "Mediterranean|Mediterranean Sea|Mittelmeer|Méditerranée|"
        "Mediterráneo|Mediterraneo|Mediterrâneo|Middellandse Zee|Morze Śródziemne|Средиземное море|Akdeniz|"
        "Marea Mediterană|Sredozemno more|البحر المتوسط|البحر الأبيض المتوسط|地中海",
    ),
    _area(
        "red-sea",
        "Red Sea",
        None,
        "Red Sea|Rotes Meer|Roten Meer|mer Rouge|Mer Rouge|mar Rojo|Mar Rojo|"
        "Mar Rosso|Mar Vermelho|Rode Zee|Morze Czerwone|Красное море|Kızıldeniz|البحر الأحمر|红海",
    ),
    _area(
        "baltic-sea",
        "Baltic Sea",
        None,
        "Baltic Sea|Baltic|Ostsee|mer Baltique|mar Báltico|Mar Baltico|"
        "Mar Báltico|Oostzee|Bałtyk|Morze Bałtyckie|Балтийское море|Baltık Denizi|Marea Baltică|波罗的海",
    ),
    _area(
        "north-sea",
        "North Sea",
        None,
        "North Sea|Nordsee|mer du Nord|mar del Norte|Mare del Nord|Mar do Norte|"
        "Noordzee|Morze Północne|Северное море|Kuzey Denizi|北海",
    ),
    _area(
        "caspian-sea",
        "Caspian Sea",
        None,
        "Caspian Sea|Kaspisches Meer|mer Caspienne|mar Caspio|Mar Caspio|Каспийское море|Hazar Denizi|里海",
    ),
    _area(
        "aegean-sea",
        "Aegean Sea",
        None,
        "Aegean|Aegean Sea|Ägäis|mer Égée|mar Egeo|Mar Egeo|Эгейское море|Ege Denizi|Αιγαίο|爱琴海",
    ),
    _area(
        "adriatic-sea",
        "Adriatic Sea",
        None,
        "Adriatic|Adriatic Sea|Adria|mer Adriatique|mar Adriático|"
        "Mar Adriatico|Jadransko more|Jadran|Адриатическое море|亚得里亚海",
    ),
    _area(
        "sea-of-azov",
        "Sea of Azov",
        None,
        "Sea of Azov|Asowsches Meer|mer d'Azov|mar de Azov|Mar d'Azov|"
        "Азовское море|Азовского моря|Азовське море|Azak Denizi",
    ),
    _area(
        "persian-gulf",
        "Persian Gulf",
        None,
        "Persian Gulf|Persischer Golf|Persischen Golf|golfe Persique|"
        "golfo Pérsico|Golfo Persico|Персидский залив|Basra Körfezi|الخليج العربي|الخليج الفارسي|波斯湾",
    ),
    _area(
        "south-china-sea",
        "South China Sea",
        None,
        "South China Sea|Südchinesisches Meer|Südchinesischen Meer|"
        "mer de Chine méridionale|mar de China Meridional|Mar Cinese Meridionale|Южно-Китайское море|"
        "Güney Çin Denizi|南海|南中国海",
    ),
    _area(
        "atlantic-ocean",
        "Atlantic Ocean",
        None,
        "Atlantic|Atlantic Ocean|Atlantik|Atlantischer Ozean|"
        "océan Atlantique|Atlantique|océano Atlántico|Atlántico|Oceano Atlantico|Atlantico|Oceano Atlântico|"
        "Atlântico|Atlantyk|Атлантический океан|Atlas Okyanusu|大西洋",
    ),
    _area(
        "pacific-ocean",
        "Pacific Ocean",
        None,
        "Pacific|Pacific Ocean|Pazifik|Pazifischer Ozean|"
        "océan Pacifique|Pacifique|océano Pacífico|Pacífico|Oceano Pacifico|Pacifico|Oceano Pacífico|Pacyfik|"
        "Тихий океан|Pasifik Okyanusu|Pasifik|太平洋",
    ),
    _area(
        "indian-ocean",
        "Indian Ocean",
        None,
        "Indian Ocean|Indischer Ozean|Indischen Ozean|océan Indien|"
        "océano Índico|Oceano Indiano|Oceano Índico|Индийский океан|Hint Okyanusu|印度洋",
    ),
    _area("arctic", "Arctic", None, "Arctic|Arktis|Arctique|Ártico|Artico|Arktyka|Арктика|Arktik|北极"),
    _area(
        "antarctica",
        "Antarctica",
        None,
        "Antarctica|Antarktis|Antarctique|Antártida|Antartide|Antártida|Antarktyda|Антарктида|Antarktika|南极洲",
    ),
    _area(
        "bosphorus",
        "Bosphorus",
        "TR",
        "Bosphorus|Bosporus|Bosphore|Bósforo|Bosforo|Босфор|İstanbul Boğazı|Boğaziçi|博斯普鲁斯海峡",
    ),
    _area(
        "dardanelles", "Dardanelles", "TR", "Dardanelles|Dardanellen|Dardanelos|Dardanelli|Дарданеллы|Çanakkale Boğazı"
    ),
    _area(
        "strait-of-hormuz",
        "Strait of Hormuz",
        None,
        "Strait of Hormuz|Straße von Hormus|Hormus|"
        "détroit d'Ormuz|Ormuz|estrecho de Ormuz|Stretto di Hormuz|Ормузский пролив|Hürmüz Boğazı|"
        "مضيق هرمز|霍尔木兹海峡",
    ),
    _area(
        "english-channel",
        "English Channel",
        None,
        "English Channel|Ärmelkanal|Manche|canal de la Mancha|Canale della Manica|Ла-Манш|Manş Denizi|英吉利海峡",
    ),
    _area(
        "suez-canal",
        "Suez Canal",
        "EG",
        "Suez Canal|Suezkanal|canal de Suez|Canale di Suez|Canal de Suez|"
        "Суэцкий канал|Süveyş Kanalı|قناة السويس|苏伊士运河",
    ),
    _area(
        "panama-canal",
        "Panama Canal",
        "PA",
        "Panama Canal|Panamakanal|canal de Panama|canal de Panamá|"
        "Canale di Panama|Панамский канал|Panama Kanalı|巴拿马运河",
    ),
    # Rivers
    _area("seine", "Seine", "FR", "Seine|Sena|Sekwana|Сена"),
    _area("rhine", "Rhine", None, "Rhine|Rhein|Rhin|Rin|Reno|Ren|Rijn|Ren|Рейн"),
    _area("danube", "Danube", None, "Danube|Donau|Danubio|Dunaj|Dunărea|Dunav|Duna|Дунай|Tuna"),
    _area("elbe", "Elbe", None, "Elbe|Elba|Łaba|Labe|Эльба"),
    _area("oder", "Oder", None, "Oder|Odra|Одер"),
    _area("thames", "Thames", "GB", "Thames|Themse|Tamise|Támesis|Tamigi|Tâmisa|Темза"),
    _area("nile", "Nile", None, "Nile|Nil|Nilo|Нил|النيل|尼罗河"),
    _area("euphrates", "Euphrates", None, "Euphrates|Euphrat|Euphrate|Éufrates|Eufrate|Евфрат|Fırat|الفرات"),
    _area("tigris", "Tigris", None, "Tigris|Tigre|Тигр|Dicle|دجلة"),
    _area("dnipro", "Dnipro", None, "Dnipro|Dnieper|Dnjepr|Dnipr|Dniepr|Dniéper|Dnepr|Днепр|Дніпро|Dinyeper"),
    _area("volga", "Volga", "RU", "Volga|Wolga|Волга"),
    _area("amazon-river", "Amazon", None, "Amazon|Amazonas|Amazone|Amazzonia|Amazonia|Амазонка"),
    _area("mississippi-river", "Mississippi", "US", "Mississippi River|Mississippi|Миссисипи"),
    _area("yangtze", "Yangtze", "CN", "Yangtze|Jangtse|Yangzi|Yangtsé|Янцзы|长江|長江"),
    _area("mekong", "Mekong", None, "Mekong|Mékong|Меконг|湄公河"),
    _area("ganges", "Ganges", "IN", "Ganges|Gange|Ganga|Ганг"),
    _area("vistula", "Vistula", "PL", "Vistula|Weichsel|Vistule|Wisła|Висла"),
    # World regions and continents' parts
    _area(
        "middle-east",
        "Middle East",
        None,
        "Middle East|Nahost|Nahen Osten|Mittleren Osten|Moyen-Orient|"
        "Proche-Orient|Oriente Medio|Oriente Próximo|Medio Oriente|Médio Oriente|Oriente Médio|Bliski Wschód|"
        "Ближний Восток|Orta Doğu|Ortadoğu|Orientul Mijlociu|Bliski istok|الشرق الأوسط|中东|中東",
    ),
    _area("balkans", "Balkans", None, "Balkans|Balkan|Balkanen|Balcanes|Balcani|Bálcãs|Bałkany|Балканы|Balkanlar"),
    _area("caucasus", "Caucasus", None, "Caucasus|Kaukasus|Caucase|Cáucaso|Caucaso|Kaukaz|Кавказ|Kafkasya"),
    _area("sahel", "Sahel", None, "Sahel|Сахель|الساحل"),
    _area(
        "scandinavia",
        "Scandinavia",
        None,
        "Scandinavia|Skandinavien|Scandinavie|Escandinavia|Scandinavia|Skandynawia|Скандинавия|İskandinavya",
    ),
    _area(
        "latin-america",
        "Latin America",
        None,
        "Latin America|Lateinamerika|Amérique latine|América Latina|"
        "Latinoamérica|Ameryka Łacińska|Латинская Америка|Latin Amerika",
    ),
    _area(
        "eurozone",
        "Eurozone",
        None,
        "Eurozone|euro zone|euro area|Eurozone|Euroraum|Euro-Raum|Eurozone|"
        "zone euro|eurozona|zona euro|Eurozona|еврозона|Euro Bölgesi|Avro Bölgesi|欧元区",
    ),
    _area("donbas", "Donbas", "UA", "Donbas|Donbass|Донбасс|Донбас"),
    _area("kashmir", "Kashmir", None, "Kashmir|Kaschmir|Cachemire|Cachemira|Kaszmir|Кашмир|Keşmir"),
    _area(
        "west-africa",
        "West Africa",
        None,
        "West Africa|Westafrika|Afrique de l'Ouest|África Occidental|Africa occidentale|Западная Африка|Batı Afrika",
    ),
    _area(
        "central-asia",
        "Central Asia",
        None,
        "Central Asia|Zentralasien|Asie centrale|Asia Central|Asia centrale|Центральная Азия|Orta Asya",
    ),
    _area(
        "southeast-asia",
        "Southeast Asia",
        None,
        "Southeast Asia|South-East Asia|Südostasien|Asie du Sud-Est|"
        "Sudeste Asiático|Sud-est asiatico|Юго-Восточная Азия|Güneydoğu Asya|东南亚",
    ),
    _area("ile-de-la-cite", "Île de la Cité", "FR", "Île de la Cité|Ile de la Cité|île de la Cité|Ile de la Cite"),
)
"""Continents come from GeoNames (with their names in every language) in ``gazetteer``; these are the rest."""
