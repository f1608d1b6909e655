"""Word lists shared by several components (one place, never copied)."""

import re

# Titles and offices that precede a name and are not part of it.
TITLES = frozenset(
    """
    president vice prime minister ministers foreign deputy chancellor premier king queen prince
    princess emperor empress tsar czar sultan shah emir amir general gen. lt. colonel
    col. major maj. captain capt. admiral marshal field sergeant dr dr. mr mr. mrs mrs. ms ms.
    sir lord lady dame pope cardinal bishop archbishop reverend rev. ambassador envoy secretary
    senator governor mayor chairman chairwoman chair commander chief leader head justice judge
    foreign-minister
    """.split()
)
# Offices written in lower case inside a title chain ("foreign minister").
TITLE_MODIFIERS = frozenset("foreign defence defense finance home interior trade general".split())

# Determiners and possessive markers trimmed from the edges of a name.
EDGE_WORDS = frozenset(["the", "The", "'s", "\u2019s", "'", "\u2019"])

# Number words, for durations ("three years later") and amounts ("five million dollars").
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "couple of": 2, "a couple of": 2,
}


# Prepositions before a temporal expression that set its TIMEX3 mod.
DATE_PREPOSITION_MODS = {
    "by": "BEFORE", "before": "BEFORE", "until": "BEFORE", "till": "BEFORE", "after": "AFTER",
    "since": "AFTER", "around": "APPROX", "about": "APPROX", "circa": "APPROX", "c.": "APPROX",
    "ca.": "APPROX", "approximately": "APPROX",
}

# Words before an amount that qualify it without being part of it.
MONEY_QUALIFIERS = (
    "more than", "less than", "fewer than", "up to", "at least", "at most", "just over",
    "just under", "an estimated", "roughly", "nearly", "almost", "about", "around",
    "approximately", "over", "under", "only", "some", "close to", "as much as", "upwards of",
)

# Nouns of money paid as a penalty: paying one is no aid.
PENALTY_NOUNS = frozenset("""fine fines penalty penalties damages surcharge ransom
    restitution""".split())
# Nouns and verbs that make an amount a transfer between parties.
TRANSFER_NOUNS = frozenset(
    """aid assistance grant grants loan loans credit credits donation donations investment
    investments payment payments compensation reparation reparations fund funds funding
    package support subsidy subsidies contribution contributions debt relief allocation
    budget gift financing finance pledge""".split()
)

# Determiners that stand for the two states a relations article is about.
BOTH_SIDES = frozenset(["both countries", "the two countries", "both sides", "the two sides",
                        "both nations", "the two nations", "both governments",
                        "the two governments", "both states", "the two states", "bilateral",
                        "the two partners", "both partners"])

# Name parts that decide an actor's type whatever the model said.
LOC_WORDS = frozenset("""river sea ocean lake mountains mountain range island islands strait gulf
    bay valley plain plains desert peninsula harbour harbor coast delta basin plateau channel
    canal waters bridge hill hills moor heath forest marsh marshes lagoon glacier reef fjord
    creek falls highlands lowlands steppe cliffs""".split())
# Lower-case nouns of natural and built features that end a place's name ("the Min river",
# "Pampulha airport", "the Rogun dam", "the Juba-Nimule highway").
FEATURE_NOUNS = LOC_WORDS | frozenset("airport dam highway road spring springs straits".split())
# Lower-case nouns that make the name before them an organisation's ("the Bush administration",
# "the Awakening movement"): the gold guide's names keep the noun.
BODY_HEADS = frozenset(("administration", "movement"))
GPE_WORDS = frozenset("""province state territory district county prefecture city region
    emirate kingdom republic oblast governorate municipality canton town village commune parish
    borough township port suburb""".split())
# Company words and legal forms in the languages company names keep in English text
# ("Brauerei Kessler", "Grupo Inversiones Andinas", "Vestkyst Laks AS").
CORPORATE_WORDS = frozenset("""holdings industries laboratories resources mining corp inc ltd
    plc llc gmbh spa grupo groupe gruppe brauerei bodega bodegas viña vina banco banque
    compañía companhia compagnie sociedad société societa cia""".split())
CORPORATE_FORMS = frozenset("""AS ASA AB AG SA NV BV Oy Oyj Co KG SE Ltd Inc plc PLC LLC GmbH
    SpA Srl SARL""".split())
ORG_WORDS = frozenset("""agency bank company corporation council ministry party army navy
    force forces fund organisation organization institute university college commission
    committee league union association group authority office department programme program
    centre center foundation trust court parliament assembly congress cabinet government
    service services bureau board mission embassy consulate railway airline airlines corps
    federation alliance movement front society club school hospital press news times airport
    hotel exchange institution""".split())
# Common nouns a name can modify when it names a business or institution ("the Sarinah
# department store").
INSTITUTION_NOUNS = frozenset("store shop hotel restaurant bakery newspaper company firm brand".split())
# Common nouns by which a business text goes on naming the company it is about ("the
# company bought", "the brewery opened"): factex.language.coref resolves them to that company.
COMPANY_NOUNS = frozenset("""company firm group business brewery airline carrier maker
    manufacturer producer miner shipbuilder shipyard winery exporter importer retailer lender
    insurer operator developer conglomerate""".split())
# Place words whose "of" phrase names a place without a government ("the plain of Marathon",
# "the island of Delos").
LOC_OF_WORDS = frozenset("island islands plain plains valley peninsula desert delta plateau".split())
# Head words of names that are not actors: documents, events, programmes of aid
# ("Regional Resettlement Arrangement", "Ionian Revolt", "Official Development Assistance").
NON_ACTOR_HEADS = frozenset("""agreement agreements arrangement accord accords treaty pact protocol
    memorandum declaration charter communique revolt revolution rebellion uprising war wars battle
    riots riot massacre crisis incident affair earthquake assistance report annals resolution
    resolutions act expedition siege sack offensive""".split())
# First words of a storm's name ("Cyclone Sidr"): a storm is an event, not an actor.
STORM_WORDS = frozenset("cyclone hurricane typhoon storm".split())
# Prefixes of a ship's name ("USS Maddox", "HMS Hood"): a vessel, not an actor. (Not "SS",
# also the Nazi organisation, nor "MS" or "MV", also in companies' names.)
SHIP_PREFIXES = frozenset("""USS HMS HMAS HMCS HMNZS RMS SMS INS ARA KRI ROKS USNS
    HMT""".split())
# First words of a military operation's name ("Operation Arc Light"): a happening, not an actor.
OPERATION_WORDS = frozenset("operation".split())
# Common nouns a name can modify when it names the happening or scheme rather than an actor
# ("the Malari riots", "the MEDA programme", "an Association Council meeting").
NON_ACTOR_MODIFIED = frozenset("""riots riot revolt uprising rebellion protests protest massacre
    incident affair crisis war programme program scheme initiative meeting summit talks trade
    agreement treaty accord""".split())
# Plurals of the place words, as in "the Kagera and Mara regions", "the provinces of Tigray".
GPE_WORD_PLURALS = frozenset("""provinces states territories districts counties prefectures cities
    regions emirates kingdoms republics oblasts governorates municipalities cantons towns villages
    communes parishes boroughs townships ports suburbs departments""".split())
# Disasters named after the place they struck ("the Al Haouz earthquake").
DISASTER_NOUNS = frozenset("earthquake earthquakes flood floods flooding famine drought tsunami".split())
# Prepositions whose object is a place.
LOCATIVE_PREPS = frozenset("in at near to from into across outside around inside towards toward via".split())
# The same without "to" and "from", which take people too ("a letter from Jackson", "spoke to
# Hamilton"): what follows them is a place.
PLACE_PREPS_PROPER = LOCATIVE_PREPS - {"to", "from"}
# Verbs whose subject is a person.
PERSON_VERBS = frozenset("""say tell argue persuade negotiate command lead die flee marry write
    meet visit speak declare resign succeed rule reign travel return warn promise order mention
    recount describe""".split())
# Lower-case particles inside personal names ("José Eduardo dos Santos").
NAME_PARTICLES = frozenset("dos da de do das del della di van von der bin bint ibn al el la le ben".split())
# Common nouns for a role that precede a personal name ("the satrap Tissaphernes").
ROLE_NOUNS = frozenset("""king queen general satrap historian statesman leader president minister
    envoy admiral commander emperor ruler tyrant politician philosopher poet writer diplomat
    ambassador chancellor premier pharaoh sultan shah tsar prince princess governor archon
    strategos regent dictator marshal consul proconsul praetor tribune senator centurion
    patrician khagan khan caliph exarch bishop archbishop priest monk abbot pretender usurper
    chieftain warlord nobleman explorer navigator missionary merchant banker founder
    entrepreneur promoter prospector engineer lawyer spokesman spokeswoman industrialist
    businessman businesswoman""".split())
# Words of a post held in an organisation or state ("Elena Moreau, WFP Country Director"; "the
# UN relief chief"): an appositive with one describes the person, not another party.
POST_NOUNS = frozenset("""director chief head coordinator officer representative secretary
    spokesperson spokesman spokeswoman minister president chairman chairwoman chair ceo envoy
    ambassador commissioner governor manager administrator adviser advisor""".split())
# A year of the common era written as a word ("1819", "2024"): a list item, a table row's key.
YEAR_WORD = re.compile(r"(?:1[0-9]|20)\d\d")
# Nouns for an armed force: "his army was defeated" happened to his side; "a Roman army under
# Heraclius" was his.
FORCE_NOUNS = frozenset("""army armies force forces troop troops fleet navy men soldier
    soldiers host cavalry infantry garrison squadron""".split())
# Nouns of an appositive that make the name before it a person ("Xerxes, the son of Darius").
KIN_NOUNS = frozenset("""son daughter wife husband brother sister father mother successor heir
    widow nephew niece grandson granddaughter""".split())
# Relative pronouns that follow only a person's name ("Pericles, who led Athens").
PERSON_PRONOUNS = frozenset("who whom whose".split())


def company_name(text: str, nouns: frozenset = frozenset()) -> bool:
    """A name with a company word or legal form ("Kosei Optical Co., Ltd.", "Grupo …",
    "Norrström Lager AB"), or one of ``nouns`` ("corporation": an organisation that may not be
    a company, as "the Public Broadcasting Corporation", when a caller accepts it)."""
    words = re.findall(r"[\w.]+", text)
    return any(w.lower().rstrip(".") in CORPORATE_WORDS or w.lower() in nouns for w in words) or (
        len(words) > 1 and words[-1].rstrip(".") in CORPORATE_FORMS)


# Verbs whose subject is a person; not verbs of saying, which
# documents and organisations do as well ("the Chronicle says", "Namport said").
PERSON_SUBJECT_VERBS = frozenset("""die marry abdicate reign resign retire flee escape crown
    persuade""".split())
# Verbs of what happens to their subject alone, with no other party ("died", "resigned").
SOLITARY_VERBS = frozenset("die abdicate resign retire".split())
