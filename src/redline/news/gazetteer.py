"""Names of actors -> codes: ISO 3166 alpha-3 for states, an organisation's own identity
("EU", "ECOWAS", "IAEA"; `plover_code` gives the IGO/NGO code event data scores).

Country names come from pycountry; on top of it a curated gazetteer of the other ways news
names a state: short and historical names ("Britain", "Burma"), capitals and seats of power
used as metonyms ("Tehran", "the Kremlin"), demonyms ("Iranian officials"), armed groups and
parties tied to one state ("Hezbollah" -> LBN), and people and offices with the dates they were
held, so "Iran's foreign minister" in February 2026 names a person and a person names a state.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

# Other names of states, beyond pycountry's name / common name / official name.
STATE_NAMES = {
    "britain": "GBR", "great britain": "GBR", "uk": "GBR", "u.k.": "GBR", "england": "GBR",
    "united kingdom": "GBR", "scotland": "GBR", "wales": "GBR",
    "united states": "USA", "u.s.": "USA", "us": "USA", "usa": "USA", "u.s.a.": "USA",
    "america": "USA", "united states of america": "USA",
    "russia": "RUS", "soviet union": "RUS", "ussr": "RUS", "russian federation": "RUS",
    "iran": "IRN", "syria": "SYR", "north korea": "PRK", "south korea": "KOR", "korea": "KOR",
    "dprk": "PRK", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "czechia": "CZE", "czech republic": "CZE",
    "czechoslovakia": "CZE", "kampuchea": "KHM", "cambodia": "KHM", "burma": "MMR",
    "myanmar": "MMR", "ivory coast": "CIV", "cote d'ivoire": "CIV", "zaire": "COD",
    "democratic republic of congo": "COD", "congo": "COG", "yugoslavia": "SRB",
    "serbia": "SRB", "bosnia": "BIH", "bosnia-herzegovina": "BIH", "bosnia-herzegowina": "BIH",
    "macedonia": "MKD", "east timor": "TLS", "timor-leste": "TLS",
    "taiwan": "TWN", "vatican": "VAT", "holland": "NLD", "the netherlands": "NLD",
    "palestine": "PSE", "gaza": "PSE", "gaza strip": "PSE", "west bank": "PSE",
    "turkey": "TUR", "turkiye": "TUR", "persia": "IRN", "siam": "THA", "ceylon": "LKA",
    "prc": "CHN", "people's republic of china": "CHN", "mainland china": "CHN",
    "swaziland": "SWZ", "eswatini": "SWZ", "cape verde": "CPV", "micronesia": "FSM",
    "brunei": "BRN", "east germany": "DEU", "west germany": "DEU", "uae": "ARE",
    "emirates": "ARE", "the emirates": "ARE", "chechnya": "RUS", "dagestan": "RUS",
    "kurdistan": "IRQ", "tibet": "CHN", "hong kong": "HKG", "kosovo": "XKX",
    "northern ireland": "GBR",
}

# Capitals and seats of power used as metonyms for their state.
CAPITALS = {
    "washington": "USA", "white house": "USA", "pentagon": "USA", "state department": "USA",
    "capitol hill": "USA", "congress": "USA", "tehran": "IRN", "moscow": "RUS", "kremlin": "RUS",
    "london": "GBR", "downing street": "GBR", "whitehall": "GBR", "paris": "FRA",
    "elysee": "FRA", "berlin": "DEU", "bonn": "DEU", "beijing": "CHN", "peking": "CHN",
    "tokyo": "JPN", "jerusalem": "ISR", "tel aviv": "ISR", "knesset": "ISR", "muscat": "OMN",
    "riyadh": "SAU", "damascus": "SYR", "baghdad": "IRQ", "beirut": "LBN", "amman": "JOR",
    "cairo": "EGY", "ankara": "TUR", "kabul": "AFG", "islamabad": "PAK", "new delhi": "IND",
    "delhi": "IND", "seoul": "KOR", "pyongyang": "PRK", "tripoli": "LBY", "tunis": "TUN",
    "algiers": "DZA", "rabat": "MAR", "khartoum": "SDN", "nairobi": "KEN", "kampala": "UGA",
    "kigali": "RWA", "addis ababa": "ETH", "mogadishu": "SOM", "pretoria": "ZAF",
    "harare": "ZWE", "lusaka": "ZMB", "maputo": "MOZ", "luanda": "AGO", "abuja": "NGA",
    "lagos": "NGA", "accra": "GHA", "monrovia": "LBR", "freetown": "SLE", "dakar": "SEN",
    "abidjan": "CIV", "kinshasa": "COD", "ndjamena": "TCD", "n'djamena": "TCD",
    "belgrade": "SRB", "zagreb": "HRV", "sarajevo": "BIH", "podgorica": "MNE", "skopje": "MKD",
    "tirana": "ALB", "athens": "GRC", "nicosia": "CYP", "rome": "ITA", "madrid": "ESP",
    "lisbon": "PRT", "brussels": "EU", "the hague": "NLD", "amsterdam": "NLD",
    "vienna": "AUT", "bern": "CHE", "warsaw": "POL", "prague": "CZE", "budapest": "HUN",
    "bucharest": "ROU", "sofia": "BGR", "kyiv": "UKR", "kiev": "UKR", "minsk": "BLR",
    "vilnius": "LTU", "riga": "LVA", "tallinn": "EST", "helsinki": "FIN", "stockholm": "SWE",
    "oslo": "NOR", "copenhagen": "DNK", "dublin": "IRL", "ottawa": "CAN",
    "mexico city": "MEX", "havana": "CUB", "caracas": "VEN", "bogota": "COL", "lima": "PER",
    "quito": "ECU", "santiago": "CHL", "buenos aires": "ARG", "brasilia": "BRA",
    "canberra": "AUS", "wellington": "NZL", "manila": "PHL", "jakarta": "IDN",
    "hanoi": "VNM", "bangkok": "THA", "phnom penh": "KHM", "rangoon": "MMR", "yangon": "MMR",
    "dhaka": "BGD", "colombo": "LKA", "kathmandu": "NPL", "tbilisi": "GEO", "yerevan": "ARM",
    "baku": "AZE", "tashkent": "UZB", "doha": "QAT", "abu dhabi": "ARE", "kuwait city": "KWT",
    "manama": "BHR", "sanaa": "YEM", "dili": "TLS", "taipei": "TWN",
}
# The other national capitals (seats of government), as the news names them: a capital
# speaks for its state ("Dushanbe rejected ...") unless it is named as a place ("talks in
# Bishkek"). Names shared with other places of note (Kingston, Victoria, Santiago de ...) are
# left out; a capital that is also its state's name (Singapore) is the state already.
CAPITALS.update({
    "nouakchott": "MRT", "bamako": "MLI", "niamey": "NER", "ouagadougou": "BFA",
    "conakry": "GIN", "bissau": "GNB", "banjul": "GMB", "lome": "TGO", "lomé": "TGO",
    "cotonou": "BEN", "porto-novo": "BEN", "yaounde": "CMR", "yaoundé": "CMR",
    "libreville": "GAB", "malabo": "GNQ", "bangui": "CAF", "brazzaville": "COG", "juba": "SSD",
    "asmara": "ERI", "djibouti": "DJI", "dodoma": "TZA", "dar es salaam": "TZA",
    "lilongwe": "MWI", "gaborone": "BWA", "windhoek": "NAM", "maseru": "LSO", "mbabane": "SWZ",
    "antananarivo": "MDG", "port louis": "MUS", "moroni": "COM", "praia": "CPV",
    "sao tome": "STP", "gitega": "BDI", "bujumbura": "BDI", "astana": "KAZ",
    "bishkek": "KGZ", "dushanbe": "TJK", "ashgabat": "TKM", "ulaanbaatar": "MNG",
    "naypyidaw": "MMR", "nay pyi taw": "MMR", "vientiane": "LAO", "kuala lumpur": "MYS",
    "putrajaya": "MYS", "bandar seri begawan": "BRN", "thimphu": "BTN",
    "port moresby": "PNG", "suva": "FJI", "honiara": "SLB", "port vila": "VUT",
    "apia": "WSM", "nuku'alofa": "TON", "ramallah": "PSE", "chisinau": "MDA",
    "bratislava": "SVK", "ljubljana": "SVN", "valletta": "MLT", "reykjavik": "ISL",
    "pristina": "XKX", "la paz": "BOL", "sucre": "BOL", "asuncion": "PRY", "asunción": "PRY",
    "montevideo": "URY", "georgetown": "GUY", "paramaribo": "SUR", "port-au-prince": "HTI",
    "santo domingo": "DOM", "tegucigalpa": "HND", "managua": "NIC", "guatemala city": "GTM",
    "san salvador": "SLV", "panama city": "PAN", "port of spain": "TTO", "nassau": "BHS",
    "bridgetown": "BRB", "belmopan": "BLZ",
})

# Adjectives and plural nouns of nationality.
DEMONYMS = {
    "american": "USA", "americans": "USA", "iranian": "IRN", "iranians": "IRN",
    "israeli": "ISR", "israelis": "ISR", "jewish": "ISR", "palestinian": "PSE",
    "palestinians": "PSE", "omani": "OMN", "british": "GBR", "briton": "GBR", "britons": "GBR",
    "english": "GBR", "french": "FRA", "german": "DEU", "germans": "DEU", "russian": "RUS",
    "russians": "RUS", "soviet": "RUS", "chinese": "CHN", "japanese": "JPN", "korean": "KOR",
    "south korean": "KOR", "north korean": "PRK", "indian": "IND", "pakistani": "PAK",
    "afghan": "AFG", "afghans": "AFG", "iraqi": "IRQ", "iraqis": "IRQ", "syrian": "SYR",
    "syrians": "SYR", "lebanese": "LBN", "jordanian": "JOR", "egyptian": "EGY",
    "egyptians": "EGY", "saudi": "SAU", "saudis": "SAU", "yemeni": "YEM", "kuwaiti": "KWT",
    "qatari": "QAT", "emirati": "ARE", "bahraini": "BHR", "turkish": "TUR", "turks": "TUR",
    "kurdish": "IRQ", "greek": "GRC", "greeks": "GRC", "cypriot": "CYP", "italian": "ITA",
    "spanish": "ESP", "portuguese": "PRT", "dutch": "NLD", "belgian": "BEL", "swiss": "CHE",
    "austrian": "AUT", "polish": "POL", "czech": "CZE", "czechoslovak": "CZE", "slovak": "SVK",
    "hungarian": "HUN", "romanian": "ROU", "bulgarian": "BGR", "serbian": "SRB", "serb": "SRB",
    "serbs": "SRB", "croatian": "HRV", "croat": "HRV", "bosnian": "BIH", "montenegrin": "MNE",
    "albanian": "ALB", "macedonian": "MKD", "slovenian": "SVN", "ukrainian": "UKR",
    "belarusian": "BLR", "lithuanian": "LTU", "latvian": "LVA", "estonian": "EST",
    "finnish": "FIN", "swedish": "SWE", "norwegian": "NOR", "danish": "DNK", "irish": "IRL",
    "canadian": "CAN", "mexican": "MEX", "cuban": "CUB", "venezuelan": "VEN",
    "colombian": "COL", "peruvian": "PER", "ecuadorian": "ECU", "chilean": "CHL",
    "argentine": "ARG", "argentinian": "ARG", "brazilian": "BRA", "panamanian": "PAN",
    "nicaraguan": "NIC", "salvadoran": "SLV", "guatemalan": "GTM", "haitian": "HTI",
    "australian": "AUS", "filipino": "PHL", "indonesian": "IDN", "malaysian": "MYS",
    "vietnamese": "VNM", "thai": "THA", "cambodian": "KHM", "kampuchean": "KHM",
    "burmese": "MMR", "bangladeshi": "BGD", "sri lankan": "LKA", "tamil": "LKA",
    "nepalese": "NPL", "georgian": "GEO", "armenian": "ARM", "azerbaijani": "AZE",
    "azeri": "AZE", "uzbek": "UZB", "kazakh": "KAZ", "tajik": "TJK", "chechen": "RUS",
    "libyan": "LBY", "libyans": "LBY", "tunisian": "TUN", "algerian": "DZA",
    "moroccan": "MAR", "sudanese": "SDN", "ethiopian": "ETH", "eritrean": "ERI",
    "somali": "SOM", "kenyan": "KEN", "ugandan": "UGA", "rwandan": "RWA", "burundian": "BDI",
    "tanzanian": "TZA", "congolese": "COD", "angolan": "AGO", "zambian": "ZMB",
    "zimbabwean": "ZWE", "mozambican": "MOZ", "south african": "ZAF", "namibian": "NAM",
    "nigerian": "NGA", "ghanaian": "GHA", "liberian": "LBR", "liberians": "LBR",
    "sierra leonean": "SLE", "senegalese": "SEN", "malian": "MLI", "chadian": "TCD",
    "ivorian": "CIV", "cameroonian": "CMR", "taiwanese": "TWN", "mongolian": "MNG",
    "hutu": "BDI", "tutsi": "RWA", "shiite": None, "sunni": None,
    # the adjective of a country whose name is a plural, and nationalities added after a
    # source actor was missed ("the Philippine coast guard")
    "philippine": "PHL", "filipinos": "PHL", "kyrgyz": "KGZ", "turkmen": "TKM",
    "laotian": "LAO", "lao": "LAO", "singaporean": "SGP", "bruneian": "BRN",
    "timorese": "TLS", "fijian": "FJI", "maldivian": "MDV", "bhutanese": "BTN",
    "new zealander": "NZL", "new zealanders": "NZL", "paraguayan": "PRY", "uruguayan": "URY",
    "bolivian": "BOL", "honduran": "HND", "costa rican": "CRI", "dominican": "DOM",
    "jamaican": "JAM", "icelandic": "ISL", "maltese": "MLT", "moldovan": "MDA",
    "malawian": "MWI", "mauritanian": "MRT",
    "nigerien": "NER", "beninese": "BEN", "togolese": "TGO", "gabonese": "GAB",
    "gambian": "GMB", "burkinabe": "BFA", "botswanan": "BWA", "malagasy": "MDG",
    "mauritian": "MUS", "djiboutian": "DJI", "south sudanese": "SSD", "comorian": "COM",
}

# Organisations by the identity news knows them by (their kind, IGO or NGO, is in
# `lexicon.kinds()`; PLOVER scoring maps an identity to its kind). Curated on top of the
# organisations derived from the Phoenix dictionaries (news/lexicons/organisations.tsv).
ORGANISATIONS = {
    "united nations": "UN", "un": "UN", "u.n.": "UN", "security council": "UN",
    "general assembly": "UN", "unifil": "UN", "unhcr": "UNHCR", "unicef": "UNICEF",
    "world food program": "WFP", "world food programme": "WFP", "wfp": "WFP",
    "european union": "EU", "eu": "EU", "european community": "EU", "ec": "EU",
    "european commission": "EU", "european council": "EU", "nato": "NATO", "iaea": "IAEA",
    "international atomic energy agency": "IAEA", "world bank": "World Bank", "imf": "IMF",
    "international monetary fund": "IMF", "african union": "AU", "au": "AU",
    "organization of african unity": "OAU", "oau": "OAU", "arab league": "Arab League",
    "osce": "OSCE", "asean": "ASEAN", "opec": "OPEC", "ecowas": "ECOWAS",
    "economic community of west african states": "ECOWAS", "warsaw pact": "Warsaw Pact",
    "world health organization": "WHO", "who": None, "wto": "WTO", "interpol": "Interpol",
    "gulf cooperation council": "GCC", "international criminal court": "ICC",
    "war crimes court": "ICC", "mercosur": "Mercosur", "sadc": "SADC", "igad": "IGAD",
    "amnesty international": "Amnesty International", "human rights watch": "Human Rights Watch",
    "red cross": "Red Cross", "red crescent": "Red Cross", "physicians for human rights":
    "Physicians for Human Rights", "doctors without borders": "MSF", "greenpeace": "Greenpeace",
}

# Identities of the curated organisations that are not intergovernmental.
NON_GOVERNMENTAL = frozenset({"Amnesty International", "Human Rights Watch", "Red Cross",
                              "Physicians for Human Rights", "MSF", "Greenpeace"})

# Armed groups, movements and parties whose home state is plain.
GROUPS = {
    "hezbollah": "LBN", "hizbollah": "LBN", "amal": "LBN", "hamas": "PSE", "fatah": "PSE",
    "plo": "PSE", "islamic jihad": "PSE", "palestine liberation organization": "PSE",
    "palestinian liberation organization": "PSE", "taliban": "AFG", "mujahideen": "AFG",
    "unita": "AGO", "mpla": "AGO", "splm": "SDN", "spla": "SDN", "splm/a": "SDN",
    "fis": "DZA", "islamic salvation front": "DZA", "fln": "DZA",
    "moro islamic liberation front": "PHL", "milf": "PHL", "abu sayyaf": "PHL",
    "liberation tigers": "LKA", "tamil tigers": "LKA", "ltte": "LKA",
    "farc": "COL", "eln": "COL", "shining path": "PER", "sendero luminoso": "PER",
    "pkk": "TUR", "akp": "TUR", "kla": "XKX", "eta": "ESP", "ira": "GBR", "sinn fein": "GBR",
    "khmer rouge": "KHM", "renamo": "MOZ", "frelimo": "MOZ", "anc": "ZAF", "zanu-pf": "ZWE",
    "houthis": "YEM", "houthi": "YEM", "al-shabaab": "SOM", "boko haram": "NGA",
    "irgc": "IRN", "revolutionary guards": "IRN", "idf": "ISR", "likud": "ISR",
    "rpf": "RWA", "contras": "NIC", "sandinistas": "NIC",
}


# The sector each curated group speaks for (the others are armed groups: rebels).
GROUP_SECTORS = {
    "amal": "party", "fatah": "party", "plo": "party", "palestine liberation organization":
    "party", "palestinian liberation organization": "party", "splm": "party", "fln": "party",
    "akp": "party", "sinn fein": "party", "anc": "party", "zanu-pf": "party", "likud": "party",
    "frelimo": "party", "mpla": "party", "sandinistas": "party", "irgc": "military",
    "revolutionary guards": "military", "idf": "military", "hezbollah": "rebels",
    "hizbollah": "rebels",
}


def sector_of_group(name: str) -> str:
    """The sector a group named in the gazetteer speaks for (party, military, else rebels)."""
    return GROUP_SECTORS.get(name.lower(), "rebels")


def plover_code(code: str) -> str:
    """The code event data scores: a state's ISO code as is, an organisation's identity as
    its kind (IGO, NGO), as the PLOVER gold standard codes organisations."""
    if code in NON_GOVERNMENTAL:
        return "NGO"
    if code.isupper() and len(code) == 3 and code not in _ORG_IDENTITIES():
        return code
    from redline.news import lexicon

    kind = lexicon.kinds().get(code)
    if kind in ("IGO", "NGO"):
        return kind
    return "IGO" if code in _ORG_IDENTITIES() else code


def organisation_identities() -> frozenset[str]:
    """Every organisation identity the gazetteer knows ("EU", "ECOWAS", "Red Cross")."""
    return _ORG_IDENTITIES()


@functools.cache
def _ORG_IDENTITIES() -> frozenset[str]:  # noqa: N802 - a constant built on first use
    from redline.news import lexicon

    curated = {v for v in ORGANISATIONS.values() if v}
    return frozenset(curated | {o.identity for o in lexicon.organisations().values()
                                if o.kind != "MNC"})


@dataclass(frozen=True)
class Office:
    """A person holding an office of a state between two dates (end None = still in office)."""

    person: str
    actor: str
    role: str
    start: date
    end: date | None = None

    def held_on(self, when: date | None) -> bool:
        """Whether the office was held on `when` (undated: whether it is held now)."""
        if when is None:
            return self.end is None
        return self.start <= when and (self.end is None or when <= self.end)


def _d(text: str) -> date:
    return date.fromisoformat(text)


# People and the offices they held: a curated list for the states the shipped scenarios name,
# with dates where roles change (extend it as scenarios grow).
OFFICES = (
    Office("Ali Khamenei", "IRN", "Supreme Leader", _d("1989-06-04")),
    Office("Ruhollah Khomeini", "IRN", "Supreme Leader", _d("1979-12-03"), _d("1989-06-03")),
    Office("Ali Shamkhani", "IRN", "adviser to the Supreme Leader", _d("2023-05-22")),
    Office("Ali Shamkhani", "IRN", "secretary of the Supreme National Security Council",
           _d("2013-09-10"), _d("2023-05-21")),
    Office("Ali Larijani", "IRN", "secretary of the Supreme National Security Council",
           _d("2025-08-05")),
    Office("Masoud Pezeshkian", "IRN", "president", _d("2024-07-28")),
    Office("Ebrahim Raisi", "IRN", "president", _d("2021-08-03"), _d("2024-05-19")),
    Office("Hassan Rouhani", "IRN", "president", _d("2013-08-03"), _d("2021-08-03")),
    Office("Abbas Araghchi", "IRN", "foreign minister", _d("2024-08-21")),
    Office("Hossein Amir-Abdollahian", "IRN", "foreign minister", _d("2021-08-25"),
           _d("2024-05-19")),
    Office("Mohammad Javad Zarif", "IRN", "foreign minister", _d("2013-08-15"),
           _d("2021-08-25")),
    Office("Esmaeil Baghaei", "IRN", "foreign ministry spokesman", _d("2024-08-26")),
    Office("Donald Trump", "USA", "president", _d("2025-01-20")),
    Office("Donald Trump", "USA", "president", _d("2017-01-20"), _d("2021-01-20")),
    Office("Joe Biden", "USA", "president", _d("2021-01-20"), _d("2025-01-20")),
    Office("Barack Obama", "USA", "president", _d("2009-01-20"), _d("2017-01-20")),
    Office("George W. Bush", "USA", "president", _d("2001-01-20"), _d("2009-01-20")),
    Office("Bill Clinton", "USA", "president", _d("1993-01-20"), _d("2001-01-20")),
    Office("George Bush", "USA", "president", _d("1989-01-20"), _d("1993-01-20")),
    Office("Marco Rubio", "USA", "secretary of state", _d("2025-01-21")),
    Office("Antony Blinken", "USA", "secretary of state", _d("2021-01-26"), _d("2025-01-20")),
    Office("Warren Christopher", "USA", "secretary of state", _d("1993-01-20"),
           _d("1997-01-17")),
    Office("Steve Witkoff", "USA", "special envoy", _d("2025-01-20")),
    Office("Pete Hegseth", "USA", "defense secretary", _d("2025-01-25")),
    Office("Benjamin Netanyahu", "ISR", "prime minister", _d("2022-12-29")),
    Office("Benjamin Netanyahu", "ISR", "prime minister", _d("2009-03-31"), _d("2021-06-13")),
    Office("Gideon Saar", "ISR", "foreign minister", _d("2024-11-05")),
    Office("Israel Katz", "ISR", "defense minister", _d("2024-11-05")),
    Office("Badr Albusaidi", "OMN", "foreign minister", _d("2020-08-18")),
    Office("Haitham bin Tarik", "OMN", "sultan", _d("2020-01-11")),
    Office("Vladimir Putin", "RUS", "president", _d("2012-05-07")),
    Office("Vladimir Putin", "RUS", "president", _d("2000-05-07"), _d("2008-05-07")),
    Office("Boris Yeltsin", "RUS", "president", _d("1991-07-10"), _d("1999-12-31")),
    Office("Sergei Lavrov", "RUS", "foreign minister", _d("2004-03-09")),
    Office("Andrei Kozyrev", "RUS", "foreign minister", _d("1990-10-11"), _d("1996-01-05")),
    Office("Xi Jinping", "CHN", "president", _d("2013-03-14")),
    Office("Wang Yi", "CHN", "foreign minister", _d("2022-12-30")),
    Office("Keir Starmer", "GBR", "prime minister", _d("2024-07-05")),
    Office("Emmanuel Macron", "FRA", "president", _d("2017-05-14")),
    Office("Friedrich Merz", "DEU", "chancellor", _d("2025-05-06")),
    Office("Rafael Grossi", "IAEA", "director general of the IAEA", _d("2019-12-03")),
    Office("Antonio Guterres", "UN", "UN secretary-general", _d("2017-01-01")),
    Office("Kofi Annan", "UN", "UN secretary-general", _d("1997-01-01"), _d("2006-12-31")),
    Office("Saddam Hussein", "IRQ", "president", _d("1979-07-16"), _d("2003-04-09")),
    Office("Yasser Arafat", "PSE", "leader", _d("1969-02-04"), _d("2004-11-11")),
    Office("Mahmoud Abbas", "PSE", "president", _d("2005-01-15")),
    Office("Hosni Mubarak", "EGY", "president", _d("1981-10-14"), _d("2011-02-11")),
    Office("Yoweri Museveni", "UGA", "president", _d("1986-01-29")),
    Office("Robert Mugabe", "ZWE", "president", _d("1987-12-31"), _d("2017-11-21")),
    Office("Paul Kagame", "RWA", "president", _d("2000-04-22")),
    Office("Laurent Gbagbo", "CIV", "president", _d("2000-10-26"), _d("2011-04-11")),
    Office("Abdelaziz Bouteflika", "DZA", "president", _d("1999-04-27"), _d("2019-04-02")),
    Office("Omar al-Bashir", "SDN", "president", _d("1989-06-30"), _d("2019-04-11")),
    Office("Eduard Shevardnadze", "GEO", "president", _d("1995-11-26"), _d("2003-11-23")),
    Office("Slobodan Milosevic", "SRB", "president", _d("1989-05-08"), _d("2000-10-07")),
    Office("Vojislav Kostunica", "SRB", "president", _d("2000-10-07"), _d("2003-03-04")),
)

# Offices and bodies that name their state on their own ("the Supreme Leader" -> IRN).
STATE_BODIES = {
    "supreme leader": "IRN", "ayatollah": "IRN", "majlis": "IRN", "irna": "IRN",
    "supreme national security council": "IRN", "bush administration": "USA",
    "trump administration": "USA", "biden administration": "USA", "obama administration": "USA",
    "clinton administration": "USA", "reagan administration": "USA", "itar-tass": "RUS",
    "tass": "RUS", "xinhua": "CHN", "mena": "EGY",
}


@dataclass(frozen=True)
class Mention:
    """One actor named in a text: the words, where they are, the code and how it was known."""

    text: str
    start: int
    end: int
    code: str
    kind: str  # state, capital, demonym, organisation, group, person, body


def _country_names() -> dict[str, tuple[str, str]]:
    """pycountry's country names (lower case) -> (code, "state"); none without the nlp extra."""
    entries: dict[str, tuple[str, str]] = {}
    try:
        import pycountry
    except ImportError:  # the nlp extra is optional; the curated names still work
        return entries
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                entries[name.lower()] = (country.alpha_3, "state")
    return entries


@functools.cache
def _lexicon() -> dict[str, tuple[str, str]]:
    """Every known name (lower case) -> (code, kind); pycountry first, curated names on top."""
    entries = _country_names()
    for table, kind in ((STATE_NAMES, "state"), (CAPITALS, "capital"), (DEMONYMS, "demonym"),
                        (GROUPS, "group"), (STATE_BODIES, "body")):
        for name, code in table.items():
            if code is not None:
                entries[name] = (code, kind)
    for name, code in ORGANISATIONS.items():
        if code is not None:
            entries[name] = (code, "organisation")
    entries.update((name, value) for name, value in _derived().items() if name not in entries)
    for office in OFFICES:
        entries[office.person.lower()] = (office.actor, "person")
        surname = office.person.split()[-1].lower()
        entries.setdefault(surname, (office.actor, "person"))
    return entries


def _derived() -> dict[str, tuple[str, str]]:
    """Organisations (not companies) and armed groups from the Phoenix dictionaries: names of
    two words or more, and one-word acronyms (matched in capitals only, see `_ACRONYMS`)."""
    from redline.news import lexicon

    out: dict[str, tuple[str, str]] = {}
    for name, org in lexicon.organisations().items():
        if org.kind != "MNC" and (" " in name or name.upper() == org.identity):
            out[name] = (org.identity, "organisation")
    for name, state in lexicon.armed_groups().items():
        if " " in name:
            out.setdefault(name, (state, "group"))
    return out


@functools.cache
def _ACRONYMS() -> frozenset[str]:  # noqa: N802 - a constant built on first use
    return frozenset(n for n in _derived() if " " not in n)


def _trie_pattern(names: list[str]) -> str:
    """One regular expression for many literal names, as a trie of their characters, so a
    match costs the length of the name, not the number of names."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items())
                    if char]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else \
            "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    return walk(trie)


@functools.cache
def _pattern() -> re.Pattern[str]:
    # Longest match first: the trie is greedy, and "?" after a complete name tries more first.
    # Case-insensitive except for short all-caps codes ("US", "UN", "EC"), matched exactly below.
    body = _trie_pattern(list(_lexicon()))
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])", re.IGNORECASE)


_CASE_SENSITIVE = {"us", "un", "ec", "eu", "au", "who", "ira", "eta", "aps", "amal", "mena"}


def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every actor mention in `text`, longest match first, left to right."""
    lexicon = _lexicon()
    found = []
    for match in _pattern().finditer(text):
        words = match.group(0)
        key = words.lower()
        if key in _CASE_SENSITIVE and words != words.upper() and words.lower() != "amal":
            continue
        if key == "amal" and words != "Amal":
            continue
        if not words[0].isupper():
            continue  # names are capitalised: "turkey dinner", "fine china", "talk to us"
        if kind_of(key) in ("capital", "body") and re.match(r" of [A-Z]", text[match.end():]):
            continue  # "the Congress of South African Trade Unions" is not the US Congress
        if key in _ACRONYMS() and words != words.upper():
            continue  # a derived acronym in capitals only ("CARE", not "Care")
        if key == "us" and text[match.end():match.end() + 2].strip().startswith("$"):
            continue  # "US $50 million" is a currency
        code, kind = lexicon[key]
        found.append(Mention(words, match.start(), match.end(), code, kind))
    return tuple(found)


def kind_of(name: str) -> str | None:
    """The kind of a known name (state, capital, demonym, organisation, group, person, body)."""
    entry = _lexicon().get(name.lower())
    return entry[1] if entry else None


def actor_code(text: str) -> str | None:
    """The code of the first actor named in `text`, or None."""
    mentions = find_mentions(text)
    return mentions[0].code if mentions else None


def holder(actor: str, role: str, when: date | None) -> str | None:
    """Who held `role` (e.g. "foreign minister") for `actor` on `when`, if the gazetteer knows."""
    role = role.lower()
    for office in OFFICES:
        if office.actor == actor and office.role.lower() == role and office.held_on(when):
            return office.person
    return None


def offices_of(person: str, when: date | None) -> tuple[Office, ...]:
    """The offices the gazetteer knows `person` (full name or surname) held on `when`."""
    key = person.lower()
    matches = [o for o in OFFICES
               if o.person.lower() == key or o.person.split()[-1].lower() == key]
    current = [o for o in matches if o.held_on(when)]
    return tuple(current or matches)
