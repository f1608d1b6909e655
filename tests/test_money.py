"""Money: the amount scanner (no model) and currency/parties in context (model)."""

import random

import pytest

from factex.components.money import _matches, scan_amounts, scanner


@pytest.mark.parametrize(
    "text, amount, default_currency",
    [
        ("aid worth US$142 million", 142e6, "USD"),
        ("a grant of C$35m", 35e6, "CAD"),
        ("CAD 5.2 billion in trade", 5.2e9, "CAD"),
        ("Rs 45 crore for roads", 45e7, "INR"),
        ("Rs 12 lakh was spent", 12e5, "INR"),
        ("Tk 1,200 crore", 1.2e10, "BDT"),
        ("22,000 crore taka", 2.2e11, "BDT"),
        ("\u00a580.3 billion in reparations", 80.3e9, "JPY"),
        ("5 trillion yen", 5e12, "JPY"),
        ("\u20ac2.1bn in support", 2.1e9, "EUR"),
        ("\u00a33.5m for schools", 3.5e6, "GBP"),
        ("17 million pounds sterling", 17e6, "GBP"),
        ("SEK 300 million", 300e6, "SEK"),
        ("250 million kronor", 250e6, "SEK"),
        ("48 million Swiss francs", 48e6, "CHF"),
        ("988 million yuan", 988e6, "CNY"),
        ("R$1.2 billion", 1.2e9, "BRL"),
        ("\u20a918 billion", 18e9, "KRW"),
        ("1 billion kina", 1e9, "PGK"),
        ("420 billion won", 420e9, "KRW"),
        ("A$930 million", 930e6, "AUD"),
        ("GBP 1.2 billion", 1.2e9, "GBP"),
    ],
)
def test_scan_single_amounts(text, amount, default_currency):
    found = scan_amounts(text)
    assert len(found) == 1, found
    assert found[0].value == pytest.approx(amount)
    assert found[0].currency == default_currency


_ATOMS = ["$", "US$", "Rs", "rs", "Tk", "SEK", "usd", "\u20ac", "\u00a3", "Can$", "U.S.$", " ", "  ",
          "\n", "-", "\u2013", "to", "5", "12", "1,000", "3.5", "one", "Ten", "hundred", "million",
          "bn", "crore", "dollars", "rupees", "kroner", "Swiss ", "francs", "of ", "a", "x", "the"]


@pytest.mark.parametrize("seed", range(4))
def test_scan_near_numbers_equals_the_full_regex(seed):
    # The scanner tries its regex only near digits and number words; on text built from
    # signs, numbers, magnitudes and words in random order it must find exactly what trying
    # every position finds.
    rng = random.Random(seed)
    sc = scanner()
    for _ in range(2000):
        text = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 25)))
        expected = [(m.span(), m.groupdict()) for m in sc.regex.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _matches(sc, text)] == expected, text


def test_range_with_shared_magnitude_gives_two_bounds():
    found = scan_amounts("between $1-2 million")
    assert [a.value for a in found] == [1e6, 2e6]


@pytest.mark.parametrize("text", ["12 per cent", "3,000 troops", "in 1972", "sixteen accords", "40-megawatt"])
def test_not_money(text):
    assert scan_amounts(text) == []


@pytest.mark.parametrize(
    "text, currency",
    [
        ("Canada pledged $35 million to India in 1951.", "CAD"),
        ("The United States pledged $35 million to India in 1951.", "USD"),
        ("Nepal's budget set aside Rs 35 lakh for the project in 1967.", "NPR"),
        ("India allotted Rs 45 crore to the dam in 1958.", "INR"),
        ("China lent \u00a5500 million to Zambia in 1970.", "CNY"),
        ("Japan lent \u00a5500 million to Indonesia in 1970.", "JPY"),
    ],
)
def test_ambiguous_sign_resolved_from_context(extractor, text, currency):
    rec = extractor.extract(text)
    assert [m.currency for m in rec.money] == [currency]


@pytest.mark.parametrize(
    "text, qualifier",
    [("Sweden gave about SEK 300 million in 1975.", "about"),
     ("Japan gave more than US$1 billion in 1990.", "more than"),
     ("It received only US$6 million from the Soviet Union in 1972.", "only"),
     ("Canada gave US$6 million in 1972.", None)],
)
def test_qualifier_kept_apart(extractor, text, qualifier):
    rec = extractor.extract(text)
    assert rec.money[0].qualifier == qualifier
    assert not rec.money[0].text.lower().startswith(("about", "more", "only"))


@pytest.mark.parametrize(
    "text, payer, recipient",
    [
        ("In 1972 Bangladesh received economic aid worth US$142 million from India.", "India", "Bangladesh"),
        ("In 1990 Japan lent US$50 million to Indonesia.", "Japan", "Indonesia"),
        ("In 2005 Sweden gave Tanzania SEK 40 million.", "Sweden", "Tanzania"),
        ("Bilateral trade reached US$80 billion in 2022.", None, None),
        ("In 2014 Japanese Prime Minister Shinzo Abe pledged \u00a5600 billion to Bangladesh.", "Japan", "Bangladesh"),
        ("In 1975 Australia pledged budget support worth A$930 million, equivalent to 40 per cent "
         "of PNG's revenue.", "Australia", None),
        # The parser splits "Rs 12 lakh" into a dative and an object.
        ("In 1980 the Indian government gave Rs 12 lakh to the Jawaharlal Nehru Memorial Fund.",
         "India", "Jawaharlal Nehru Memorial Fund"),
        # Whoever acts on a credit line or an investment provides it.
        ("In 2011 the Export-Import Bank of China opened a credit line of US$300 million for Ghana.",
         "Export-Import Bank of China", "Ghana"),
        ("In 2015 Toyota began building a plant in Thailand with an investment of US$900 million.",
         "Toyota", None),
        # ... but a borrower asks for it.
        ("In 1983 Ghana requested a loan of US$600 million from the International Monetary Fund.",
         "International Monetary Fund", "Ghana"),
        ("In 2010 the European Commission spent \u20ac20 million in Haiti.",
         "European Commission", "Haiti"),
        # A pronoun names the one person named before it, and that person's state pays.
        ("Swedish Prime Minister Olof Palme visited Dar es Salaam in 1971, and he pledged "
         "SEK 90 million to Tanzania.", "Sweden", "Tanzania"),
        # A fine goes from the one fined to the one who fines.
        ("In 2017 the European Commission fined Google EUR 2.4 billion.", "Google", "European Commission"),
        # "ordered X to pay": X pays, not the one who ordered.
        ("In 2016 the Korea Fair Trade Commission ordered Hanmi Optics to pay KRW 31 billion.",
         "Hanmi Optics", None),
        # An amount from a named source in a funding list.
        ("The project is co-financed as follows:\n- USD 40 million from the Islamic Development Bank;",
         "Islamic Development Bank", None),
        # Announcing an amount gives it; announcing profits of an amount does not.
        ("Britain announced an extra 10 million pounds for Sudan on Tuesday.", "United Kingdom", "Sudan"),
        ("Tata Steel announced profits of US$2 billion in 2022.", None, None),
        # "The company" and "it" stand for the company the text is about.
        ("Harrow Lake Mining Corporation was founded in 1931. Harrow Lake Mining Corporation grew. "
         "Harrow Lake Mining Corporation listed its shares in 1950. In 2012 the company paid a "
         "fine of C$3.5 million to the Environmental Damages Fund.",
         "Harrow Lake Mining Corporation", "Environmental Damages Fund"),
        # The seller hangs on the thing bought; the apposition, not its modifier, is the party.
        ("In 1953 Tamarack Mining Corporation bought a 60 percent interest in the Grey Owl deposit from the "
         "Winnipeg prospector Walter Kingsley for C$1.4 million.", "Tamarack Mining Corporation", "Walter Kingsley"),
        ("In 2004 Naniwa Optics bought the lens maker Hoshino Seiki from Sumida Holdings for "
         "\u00a56.8 billion.", "Naniwa Optics", "Sumida Holdings"),
        # The parser splits "the civil aviation agency ANAC" into two subjects; a name inside
        # what the fine was for is no party.
        ("In 2017 the civil aviation agency ANAC fined Azul Linhas Aereas R$ 2.5 million for "
         "failing to assist stranded passengers at Viracopos airport.", "Azul Linhas Aereas", "ANAC"),
    ],
)
def test_payer_and_recipient(extractor, text, payer, recipient):
    m = extractor.extract(text).money[0]
    assert (m.payer, m.recipient) == (payer, recipient)


def test_money_date_from_its_clause(extractor):
    rec = extractor.extract("Relations began in 1960. In 1972 Canada gave India C$25 million.")
    assert rec.money[0].date.value == "1972"


def test_absurdly_long_number_is_not_infinite(extractor):
    rec = extractor.extract("Japan gave Nepal US$" + "9" * 400 + " million in 2015.")
    assert all(m.amount < float("inf") for m in rec.money)
    from factex.records.schema import DocumentRecord

    DocumentRecord.model_validate_json(rec.model_dump_json())


def test_the_dateline_city_is_no_party(extractor):
    text = ("Abidjan, 11 December 2024 \u2013 The Board of Directors of the African Development Bank "
            "approved a loan of \u20ac96.4 million to Senegal.")
    m = extractor.extract(text).money[0]
    assert (m.payer, m.recipient) == ("African Development Bank", "Senegal")


def test_a_table_column_says_who_pays(extractor):
    text = ("Funding\n\nProgramme | Donor | Period | Amount\n"
            "Coastal fisheries | European Union | 2018-2023 | \u20ac28m\n"
            "Port study | Japan | 2019-2021 | \u20ac4m\n")
    money = extractor.extract(text).money
    assert [(m.text, m.payer) for m in money] == [("\u20ac28m", "European Union"), ("\u20ac4m", "Japan")]


def test_a_list_line_labelled_with_a_place_names_the_recipient(extractor):
    text = "Allocations in 2023 by country:\n- Chad: \u20ac47 million\n- Niger: \u20ac39 million\n"
    money = extractor.extract(text).money
    assert [(m.text, m.recipient) for m in money] == [("\u20ac47 million", "Chad"), ("\u20ac39 million", "Niger")]


def test_a_restated_amount_has_the_parties_of_the_amount_it_restates(extractor):
    rec = extractor.extract("The programme is financed as follows:\n- USD 25 million (about "
                            "€23 million) from the OPEC Fund for International Development;")
    usd, eur = rec.money
    assert (usd.currency, eur.currency) == ("USD", "EUR")
    assert eur.payer == usd.payer == "OPEC Fund for International Development"


def test_a_comparison_in_parentheses_is_no_restatement(extractor):
    rec = extractor.extract("In 2020 Norway gave Ghana $10 million ($8 million in 2019) for schools.")
    assert [m.amount for m in rec.money] == [10e6, 8e6]
    assert rec.money[1].date.value == "2019"


def test_a_loan_from_a_bank_in_a_company_profile_goes_to_the_company(extractor):
    profile = ("Halvorsen Pumpe AS was founded in Bergen in 1921. Halvorsen Pumpe AS grew quickly. "
               "In 1950 Halvorsen Pumpe AS bought a foundry. ")
    loan = "A new plant was financed in 1962 with a NOK 4 million loan from the Norwegian Industrial Bank."
    (m,) = extractor.extract(profile + loan).money
    assert (m.payer, m.recipient) == ("Norwegian Industrial Bank", "Halvorsen Pumpe AS")
    # without a company the text is about, nobody is made the recipient
    (m,) = extractor.extract(loan).money
    assert (m.payer, m.recipient) == ("Norwegian Industrial Bank", None)


def test_a_fine_goes_to_the_one_other_organisation_of_its_sentence(extractor):
    text = ("In 2014 the Bundeskartellamt, Germany's competition authority, concluded that "
            "several brewers had coordinated prices, and Brauerei Kessler paid a fine of EUR 2.1 million.")
    money = extractor.extract(text).money
    assert money and money[0].payer == "Brauerei Kessler" and money[0].recipient == "Bundeskartellamt", money


@pytest.mark.parametrize("sentence, payer, recipient", [
    # A state's own agency pays for it; in an article on two states the other receives.
    ("In the mid-1990s Japan's Overseas Economic Cooperation Fund lent ¥20 billion for the "
     "bridge.", "Overseas Economic Cooperation Fund", "Bangladesh"),
    ("In 2008 the Japan International Cooperation Agency lent ¥10 billion for the bridge.",
     "Japan International Cooperation Agency", "Bangladesh"),
    # No side named: nobody is guessed.
    ("In 2008 a fund lent ¥10 billion for the bridge.", None, None),
])
def test_an_agency_of_one_party_pays_the_other(extractor, sentence, payer, recipient):
    rec = extractor.extract("Bangladesh\u2013Japan relations\n\n" + sentence)
    assert [(m.payer, m.recipient) for m in rec.money] == [(payer, recipient)]


def test_the_subject_of_ready_to_provide_pays(extractor):
    # "it was ready to provide …": the copula's subject, through "it", is who provides.
    rec = extractor.extract("The Asian Development Bank said on Wednesday that it was ready to "
                            "provide up to 450 million dollars in loans for canal repairs.")
    assert [m.payer for m in rec.money] == ["Asian Development Bank"]


def test_a_list_breaking_down_a_sum_takes_its_payer(extractor):
    text = ("In 2023 the Nordic Fund granted €20 million in humanitarian aid to the region.\n\n"
            "The funding will be distributed as follows:\n\n"
            "- Chad: €12 million\n- Niger: €8 million\n")
    rec = extractor.extract(text)
    by_text = {m.text: m for m in rec.money}
    assert by_text["€12 million"].payer == by_text["€20 million"].payer is not None
    assert by_text["€12 million"].recipient == "Chad" and by_text["€8 million"].recipient == "Niger"


def test_a_list_without_a_lead_in_takes_no_payer(extractor):
    text = ("In 2023 the Nordic Fund granted €20 million in humanitarian aid to the region.\n\n"
            "Other donors\n\n- Chad: €12 million\n")
    rec = extractor.extract(text)
    assert next(m for m in rec.money if m.text == "€12 million").payer is None
