"""Synthetic contract clauses -> contracts.schema.json records (stdlib only, deterministic).

A clause is composed from independently chosen fragments: optional heading/number, a core sentence
(one-sided, mutual or passive), optional term / money / risk-cue / extra sentences, an optional
governing-law trailer and an optional distractor line, laid out as prose or numbered items. Fragments
carry inline alternatives "[a/b/c]" (synonyms) and slots "{T}" (term), "{M}" (money), "{L}" (law) plus
distractor slots. Parties are written as <A>/<B>/<C> tokens and rendered last, so their order of first
appearance is exact. Every output value is derived from what was actually written; the annotation
rules are in data/rules/contracts.md.
"""
import random
import re


def _t(text):
    """'a|b|c' -> ('a', 'b', 'c'); keeps the data tables compact."""
    return tuple(s.strip() for s in text.split("|"))


CLAUSE_TYPES = _t("confidentiality|termination|payment|limitation_of_liability|indemnification|"
                  "intellectual_property|non_compete|governing_law|warranty|force_majeure")
RISKS = ("low", "medium", "high")
RISK_WEIGHTS = {"low": 3, "medium": 4, "high": 4}
NEUTRAL_TYPES = ("governing_law", "force_majeure")  # low unless one-sided (risk rule d)

# ---------------------------------------------------------------- names and places
FIRST_NAMES = _t(
    "Maria|James|Aisha|Wei|Olumide|Priya|Carlos|Siobhán|Dmitri|Fatima|Hiroshi|Ingrid|Kwame|Lucía|Mateo|Nadia|Oksana|"
    "Rahul|Sofia|Tomasz|Yuki|Zainab|Amara|Benjamin|Chloé|Deepak|Elena|Farid|Gabriel|Hana|Ibrahim|Jae-won|Kateryna|"
    "Liam|Mei|Nikhil|Olga|Patrick|Rosa|Samuel|Thandiwe|Umar|Valentina|William|Ximena|Yusuf|Zoe|Bridget|Chinedu|Emeka|"
    "Francesca|Giovanni|Halima|Ivan|Jamal|Keiko|Lars|Anjali|Björn|Connor|Esperanza|Joaquín|Kofi|Malik|Noor|Astrid")
LAST_NAMES = _t(
    "García|Okafor|Chen|Kowalski|Nguyen|Patel|O'Brien|Rossi|Ivanova|Haddad|Tanaka|Johansson|Mensah|Fernández|Dubois|"
    "Schmidt|Kim|Singh|Murphy|Alvarez|Novak|Yamamoto|Abdullah|Adeyemi|MacLeod|Silva|Kaur|Hernández|Jensen|Levy|Mbeki|"
    "Nakamura|Popescu|Quintero|Romero|Sato|Thompson|Wójcik|Xu|Yilmaz|Zhou|Anderson|Brennan|Castillo|Delgado|Hoang|"
    "Iyer|Jackson|Khan|Lindqvist|Moreno|Ortiz|Park|Reyes|Santos|Tran|Walsh|Banerjee|Oyelaran|Kovačević|Al-Masri")
COMPANY_ROOTS = _t(
    "Northwind|Bluecrest|Harbourview|Nakamura Seiki|Oyelaran|Bergström|Kovalenko|Haddad|Vasquez Ortega|Lumenwave|"
    "Ironbark|Sørensen|Tanaka|Rao Mahindra|Okafor|Delacroix|Zhang & Liu|Almeida|Petrović|Greenfield|Silverline|"
    "Redwood|Cobalt Ridge|Aurora|Meridian|Hoshino|Al-Farsi|Brightwater|Quantia|Falkenrath|Duarte|Nguyen Phuc|Kimura|"
    "Abernathy|Van der Berg|Ricci|Moreau|Yıldız|Sandoval|Oduya|Castellanos|Balakrishnan|Papadopoulos|Kowalczyk|"
    "Ferreira|Halvorsen|Park Jin|Kapoor|Schneider|O'Connell|Hashemi|Andersen|Goldberg|Mendoza|Tembo|Kruger|"
    "Stellar Orbit|Pinecrest|Oakhurst|Clearpath|Vantage Point|Tidewater|Summit Peak|Helix|Szabó|Laurentian")
COMPANY_KINDS = _t(
    "Analytics|Logistics|Capital|Foods|Design|Systems|Trading|Software|Mining|Marine|Precision|Textiles|Pharma|Media|"
    "Electronics|Agro|Engineering|Health|Biotech|Telecom|Data|Energy|Labs|Freight|Chemicals|Construction|Components|"
    "Utilities|Payments|Imports|Hospitality|Consulting|Holdings|Realty|Robotics|Packaging|Solar|Retail")
COMPANY_SUFFIXES = _t("Inc.|LLC|Ltd.|Limited|GmbH|AG|S.A.|S.A.S.|SARL|B.V.|N.V.|S.p.A.|S.r.l.|Pty Ltd|K.K.|"
                      "Co., Ltd.|plc|LLP|Corp.|Corporation|AB|Oy|A/S|Pvt. Ltd.|Sp. z o.o.|S.L.|Ltda.|SE")
COMMA_SUFFIXES = _t(", Inc.|, LLC|, L.P.|, Ltd.|, P.C.|, L.L.C.")  # written straight after the root
ORG_TAILS = _t("Cooperative|Foundation|Networks|Works|Institute|Guild|Federation|Alliance|Exchange|Ventures|Trust|"
               "Collective|Bureau|Syndicate|Board")  # organisations named without a legal suffix
PERSON_ROLES = {"Employee": 1.0, "Executive": 1.0, "Consultant": 0.5, "Contractor": 0.5, "Tenant": 0.4, "Lessee": 0.4}
# agreement kind -> (names of the agreement, (performing party, counterparty/payer) role pairs)
AGREEMENT_KINDS = {
    "nda": (_t("this Agreement|this NDA|this Non-Disclosure Agreement|this Confidentiality Agreement"),
            (("Receiving Party", "Disclosing Party"), ("Recipient", "Discloser"))),
    "msa": (_t("this Agreement|the Master Services Agreement|this MSA|the Services Agreement"),
            (("Provider", "Customer"), ("Supplier", "Client"), ("Contractor", "Client"), ("Vendor", "Customer"),
             ("Consultant", "Company"))),
    "saas": (_t("this Agreement|the Subscription Agreement|this SaaS Agreement|this Order Form"),
             (("Provider", "Subscriber"), ("Licensor", "Licensee"), ("Company", "Customer"))),
    "employment": (_t("this Agreement|the Employment Agreement|this Contract"),
                   (("Employee", "Company"), ("Executive", "Employer"), ("Employee", "Employer"))),
    "lease": (_t("this Lease|the Lease Agreement|this Agreement"), (("Landlord", "Tenant"), ("Lessor", "Lessee"))),
    "supply": (_t("this Agreement|the Supply Agreement|this Distribution Agreement|the Purchase Agreement"),
               (("Supplier", "Buyer"), ("Seller", "Purchaser"), ("Manufacturer", "Distributor"))),
}
KINDS_BY_TYPE = {
    "confidentiality": ("nda", "nda", "msa", "saas", "employment"), "termination": ("msa", "saas", "lease", "supply"),
    "payment": ("msa", "saas", "lease", "supply", "employment"), "limitation_of_liability": ("msa", "saas", "supply"),
    "indemnification": ("msa", "saas", "supply", "lease"), "intellectual_property": ("msa", "saas", "employment"),
    "non_compete": ("employment", "employment", "msa", "supply"), "governing_law": tuple(AGREEMENT_KINDS),
    "warranty": ("msa", "saas", "supply", "lease"), "force_majeure": ("msa", "supply", "saas", "lease"),
}
# jurisdictions as written after "laws of"; the output drops a leading "the "
JURISDICTIONS = _t(
    "the State of New York|the State of Delaware|the State of California|the Commonwealth of Massachusetts|"
    "the State of Texas|the State of Washington|the State of Illinois|the Commonwealth of Virginia|the State of"
    " Florida|England and Wales|Scotland|Northern Ireland|Ireland|the Federal Republic of Germany|Germany|France|the"
    " Netherlands|Switzerland|the Canton of Zurich|the Province of Ontario|the Province of British Columbia|New"
    " South Wales|the State of Victoria|Singapore|Hong Kong|Japan|India|the Republic of"
    " Korea|Sweden|Norway|Denmark|Finland|Spain|Italy|Brazil|Mexico|the United Arab Emirates|the Dubai International"
    " Financial Centre|New Zealand|South Africa|Israel|Poland|Belgium|the Grand Duchy of"
    " Luxembourg|Austria|Portugal|Chile|Kenya|Nigeria|Malaysia|Delaware|New York|California|Texas|Ontario|Quebec")
SHORT_LAW_OK = ("Delaware", "New York", "California", "Texas", "Ontario", "Quebec", "Singapore", "Hong Kong")
CITIES = _t(
    "Manhattan|Wilmington|San Francisco|London|Frankfurt|Paris|Zurich|Geneva|Toronto|Vancouver|Sydney|Singapore|"
    "Hong Kong|Tokyo|Stockholm|Amsterdam|Dublin|Chicago|Austin|Seattle|Boston|Mumbai|Bengaluru|São Paulo|Madrid|Milan|"
    "Vienna|Warsaw|Tel Aviv|Dubai|Auckland|Johannesburg|Nairobi|Lagos|Kuala Lumpur|Seoul|Oslo|Copenhagen|Helsinki|"
    "Brussels|Lisbon|Santiago|Mexico City|Manila|Osaka|Munich|Lyon|Edinburgh|Montreal|Melbourne")
INSTITUTIONS = _t("ICC|LCIA|JAMS|AAA|SIAC|HKIAC|SCC|DIS|Swiss Rules|UNCITRAL|CIETAC|ACICA")
REGIONS = _t("the European Union|North America|the United Kingdom|Germany, Austria and Switzerland|the Asia-Pacific "
             "region|Scandinavia|the Gulf states|the Benelux countries|Latin America|Ontario and Quebec|the Iberian "
             "Peninsula|East Africa|the Nordic countries|Southeast Asia|the State of Texas|Bavaria")
INCORPORATION = _t("a Delaware corporation|a California corporation|a Texas limited liability company|a company "
                   "incorporated in England and Wales|a German limited liability company|a company registered in "
                   "Singapore|a Japanese corporation|a company incorporated in India|a Dutch private company|"
                   "a Kenyan company|a company organised under the laws of Brazil")
FM_EVENTS = _t("acts of God|fire|flood|earthquake|epidemic|pandemic|war|terrorism|strikes|labour disputes|government "
               "action|embargo|cyberattack|power outage|riots|hurricane|typhoon|volcanic eruption|sanctions")
STREETS = _t("Market Street|Rue de Rivoli|Friedrichstraße|King Street West|George Street|Orchard Road|"
             "Avenida Paulista|Bahnhofstrasse|Nanjing Road|MG Road|Collins Street|Via Roma")
MONTHS = _t("January|February|March|April|May|June|July|August|September|October|November|December")

# ---------------------------------------------------------------- money and durations
# ISO code -> (prefix symbols, written names, legal-style name)
CURRENCIES = {
    "USD": (("$", "US$", "USD ", "U.S. $"), ("US dollars", "U.S. dollars", "dollars"), "US Dollars"),
    "EUR": (("€", "EUR ", "€ "), ("euros", "euro"), "Euros"),
    "GBP": (("£", "GBP "), ("pounds sterling", "British pounds"), "Pounds Sterling"),
    "CHF": (("CHF ", "Fr. "), ("Swiss francs",), "Swiss Francs"),
    "JPY": (("¥", "JPY "), ("yen", "Japanese yen"), "Japanese Yen"),
    "CAD": (("C$", "CAD ", "CA$"), ("Canadian dollars",), "Canadian Dollars"),
    "AUD": (("A$", "AUD ", "AU$"), ("Australian dollars",), "Australian Dollars"),
    "INR": (("₹", "INR ", "Rs. "), ("Indian rupees", "rupees"), "Indian Rupees"),
    "SGD": (("S$", "SGD "), ("Singapore dollars",), "Singapore Dollars"),
    "SEK": (("SEK ",), ("Swedish kronor",), "Swedish Kronor"),
    "NZD": (("NZ$", "NZD "), ("New Zealand dollars",), "New Zealand Dollars"),
    "CNY": (("RMB ", "CNY "), ("yuan", "Chinese yuan"), "Renminbi"),
    "ZAR": (("ZAR ",), ("South African rand",), "South African Rand"),
}
CURRENCY_WEIGHTS = {"USD": 30, "EUR": 14, "GBP": 11, "CAD": 6, "AUD": 6, "CHF": 5, "JPY": 5, "INR": 5, "SGD": 4,
                    "SEK": 3, "NZD": 3, "CNY": 3, "ZAR": 2}
OTHER_DOLLARS = ("CAD", "AUD", "SGD", "NZD")  # "$75,000 CAD": a named non-US dollar wins over "$"
SMALL_AMOUNTS = (500, 750, 1000, 1500, 2000, 2500, 3000, 5000, 7500, 10000, 12000, 12500, 15000, 20000, 25000, 30000,
                 40000, 45000, 50000, 60000, 75000, 80000, 100000, 120000, 125000, 150000, 200000, 250000, 300000,
                 350000, 400000, 450000, 500000, 600000, 750000, 800000, 900000, 950000)
BIG_AMOUNTS = (1000000, 1200000, 1250000, 1500000, 1750000, 2000000, 2500000, 3000000, 4000000, 5000000, 7500000,
               10000000, 12000000, 15000000, 20000000, 25000000, 50000000, 1875000, 3600000)
SHORT_MONTHS = (1, 2, 3, 6, 6, 9, 12, 12)
ODD_DAYS = (10, 20, 40, 45, 50, 75, 100, 135, 200, 250)  # not a whole number of months: term_months is null
LONG_MONTHS = (18, 24, 24, 36, 36, 48, 60, 60, 72, 84, 120)
NONCOMPETE_MEDIUM_MONTHS = (15, 18, 18, 24, 24)
NONCOMPETE_HIGH_MONTHS = (30, 36, 36, 48, 60)
ONES = _t("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
          "seventeen|eighteen|nineteen")
TENS = _t("||twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")


def number_words(n):
    """Non-negative integer -> US English words ('two hundred fifty thousand')."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    for size, name in ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            return number_words(n // size) + " " + name + (" " + number_words(n % size) if n % size else "")
    raise ValueError(n)


def with_article(phrase):
    return ("an " if phrase[0] in "aeiou8" or phrase.startswith(("11-", "18-")) else "a ") + phrase


def money_text(rng, amount, code):
    """A written money amount whose value is `amount` and whose currency resolves to `code`."""
    symbols, names, legal_name = CURRENCIES[code]
    whole = amount == int(amount)
    num, sym = (f"{int(amount):,}" if whole else f"{amount:,.2f}"), rng.choice(symbols)
    forms = [f"{sym}{num}", f"{sym}{num}", f"{code} {num}", f"{num} {code}", f"{num} {rng.choice(names)}"]
    if whole and amount >= 1_000_000 and amount % 10_000 == 0:
        m = f"{amount / 1_000_000:g}"
        forms += [f"{sym}{m} million", f"{sym}{m}M", f"{code} {m}m", f"{m} million {rng.choice(names)}"] * 2
    if whole and 1000 <= amount < 1_000_000 and amount % 1000 == 0:
        forms += [f"{sym}{int(amount) // 1000}k", f"{sym}{int(amount) // 1000}K"]
    if whole and amount >= 1000 and amount % 1000 == 0:  # in words only: "two million four hundred thousand euros"
        words = number_words(int(amount))
        forms += [f"{words} {rng.choice(names)}", f"{words.title()} {legal_name}"] * (2 if amount >= 1_000_000 else 1)
    if code == "INR" and whole and amount >= 100_000:  # lakh grouping: 12,50,000
        head, tail = str(int(amount))[:-3], str(int(amount))[-3:]
        lakh = re.sub(r"(?<=\d)(?=(?:\d\d)+$)", ",", head)
        forms += [f"{sym}{lakh},{tail}"] * 2
    if whole:
        forms.append(f"{number_words(int(amount)).title()} {legal_name} ({sym}{num})")
        if code == "USD":
            forms += [f"${num}.00", f"{number_words(int(amount)).title()} Dollars (${num})"]
    if code in OTHER_DOLLARS:
        forms += [f"${num} {code}", f"${num} ({rng.choice(names)})"]
    return rng.choice(forms).replace("  ", " ")


def days_text(rng, days, period_ok):
    """A duration in days that is not a whole number of months ("forty-five (45) days", "a 100-day period")."""
    forms = [f"{days} days", f"{number_words(days)} ({days}) days", f"{number_words(days)} days", f"{days} days"]
    if period_ok:
        forms.append(with_article(f"{days}-day period"))
    return rng.choice(forms)


def duration_text(rng, months, period_ok):
    """A written duration that converts to `months` (years x 12; days / 30); "a 2-year period" if period_ok."""
    unit = "month" if months == 1 else "months"
    forms = [f"{months} {unit}", f"{number_words(months)} ({months}) {unit}", f"{number_words(months)} {unit}",
             with_article(f"{months}-month period") if period_ok else f"{months} {unit}"]
    if months % 12 == 0:
        y = months // 12
        years = "year" if y == 1 else "years"
        forms += [f"{y} {years}", f"{number_words(y)} ({y}) {years}", f"{number_words(y)} {years}",
                  with_article(f"{number_words(y)}-year period") if period_ok else f"{y} {years}",
                  f"{y} yrs" if y > 1 else "one year"] * 2
    if months <= 6:
        forms += [f"{months * 30} days", f"{number_words(months * 30)} ({months * 30}) days"]
    return rng.choice(forms)


PICK_SLOTS = {"city": CITIES, "inst": INSTITUTIONS, "region": REGIONS, "letter": tuple("ABCDEF"),
              "pct": _t("1.5%|2%|5%|8%|10%|12.5%|15%|20%|twenty percent (20%)|one percent (1%)|0.75%|100%")}


def distractor_value(rng, key):
    """Value for a distractor slot; none of these is ever an output value."""
    if key in PICK_SLOTS:
        return rng.choice(PICK_SLOTS[key])
    if key == "n":  # deadlines such as "within 10 days": never a term
        d = rng.choice((5, 7, 10, 14, 15, 20, 21, 45))
        return rng.choice((f"{number_words(d)} ({d})", str(d), str(d)))
    if key == "N":  # notice periods: never a term
        d = rng.choice((10, 14, 15, 30, 45, 60, 90))
        return rng.choice((f"{number_words(d)} ({d}) days'", f"{d} days'", f"{d} days’", f"at least {d} days'",
                           "one (1) month's", "three months'", "two months'"))
    if key == "date":
        y, m, d = rng.randint(2019, 2027), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice((f"{MONTHS[m - 1]} {d}, {y}", f"{d} {MONTHS[m - 1]} {y}", f"{y}-{m:02}-{d:02}",
                           f"{d:02}.{m:02}.{y}"))
    if key == "sec":
        form = rng.choice(("Section {}.{}", "Clause {}", "Article {}", "Section {}(b)", "§ {}.{}", "paragraph {}"))
        return form.format(rng.randint(2, 24), rng.randint(1, 9))
    if key == "secs":
        a, b, c = sorted(rng.sample(range(2, 25), 3))
        return rng.choice((f"Sections {a}, {b} and {c}", f"Clauses {a}.1 and {b}.{c % 9 + 1}"))
    if key == "events":
        events = rng.sample(FM_EVENTS, rng.randint(2, 5))
        return ", ".join(events[:-1]) + rng.choice((" or ", " and ", ", or ")) + events[-1]
    if key == "phone":
        form = rng.choice(("+44 20 7946 {}", "(212) 555-{}", "+49 30 90{}", "+81 3-{}-0101"))
        return form.format(rng.randint(1000, 9999))
    if key == "addr":
        return f"{rng.randint(1, 2500)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"
    if key == "ref":
        return f"{rng.choice(('CTR', 'PO', 'AGR', 'SOW'))}-{rng.randint(2019, 2027)}-{rng.randint(1, 9999):04}"
    if key == "radius":
        return f"{rng.choice((10, 15, 25, 50, 75, 100, 150))} {rng.choice(('miles', 'kilometres', 'km'))}"
    if key == "small":
        return str(rng.randint(2, 9))
    raise KeyError(key)


# ---------------------------------------------------------------- clause fragments
# <A> performing party, <B> counterparty/payer, <C> guarantor. "one" cores are one-sided; "mutual" carry a
# mutual cue; "high"/"forever" a high-risk cue; "cap" a cap cue; all other pools carry no risk cue at all.
# "high_core"/"forever_core"/"cap_core" are one-sided core sentences that carry the cue inside the obligation itself.
TEMPLATES = {
    "confidentiality": {
        "one": _t("<A> [shall/will/must/agrees to] [hold/keep/maintain] [all Confidential Information of <B>/<B>'s "
                  "Confidential Information/any non-public information received from <B>] in [strict confidence/"
                  "confidence/secret] and [shall/will] not [disclose/reveal/divulge] it to any third party.|<A> "
                  "[agrees/undertakes/covenants] not to [use or disclose/copy, use or disclose] any [non-public/"
                  "proprietary] [business, technical or financial information/know-how, pricing or trade secrets] "
                  "[received from/disclosed by/belonging to] <B>[, except to perform {AG}/ for any purpose other than "
                  "{AG}/].|[All/Any] information [furnished/provided/disclosed] by <B> [is/shall be treated as] "
                  "confidential, and <A> [will/shall] share it only with [employees/staff/personnel] who need to know "
                  "it.|<A> won't [share/pass on/leak] anything <B> [marks/labels] as confidential [with outsiders/to "
                  "anyone else]."),
        "passive": _t("[Confidential Information/Proprietary information/All non-public information] [disclosed/"
                      "received/exchanged] under {AG} [shall/must/will] be kept [secret/confidential/in confidence] "
                      "and used solely for the [Purpose/Project/permitted purpose]."),
        "mutual": _t("[Each party/Each of the parties] [shall/will/agrees to] keep the other party's [Confidential "
                     "Information/proprietary information] [confidential/secret] and use it only to perform {AG}.|The "
                     "confidentiality obligations in {AG} are [mutual/reciprocal][: no disclosure of the other side's "
                     "information is permitted/].|<A> and <B> each agree, on a [reciprocal/mutual] basis, to keep all "
                     "information exchanged between them confidential.|Neither party [shall/may/will] disclose "
                     "[non-public/confidential] information of the other party without [written/prior written] "
                     "consent.|<A>, <B> and <C> agree that each party shall keep the others' information "
                     "confidential."),
        "term": _t("[These/The foregoing/The confidentiality] obligations [survive/continue/remain in force] for {T} "
                   "[after/following] [termination/expiry/the termination or expiry] of {AG}.|The duty of "
                   "[confidentiality/non-disclosure] [continues/lasts/applies] for {T} from [the date of each "
                   "disclosure/the date of disclosure/the Effective Date].|<A>'s obligations under this Section"
                   " remain in force during the Term and for {T} thereafter.|[Confidentiality lasts/Confidentiality"
                   " period:/Duration:] {T}."),
        "forever": _t("[These/The above/Such] obligations [survive/continue after] [the termination of {AG}/any "
                      "termination or expiry] in perpetuity.|The obligations in this Section [continue/shall "
                      "continue/remain binding] indefinitely.|<A>'s duty of confidentiality is perpetual[ and survives "
                      "any expiry or termination/ and never expires/]."),
        "forever_core": _t("<A> [shall/must/will] keep [the formulae/the source code/the customer lists/the pricing "
                           "models] of <B> secret in perpetuity.|<A> [undertakes/agrees] to protect <B>'s [trade "
                           "secrets/unpublished designs] indefinitely, [whether or not/even after] {AG} [ends/has "
                           "expired].|The non-disclosure duty that <A> owes to <B> is perpetual and [cannot be "
                           "withdrawn/is irrevocable]."),
        "money": _t("[For each/Upon any/In case of an] unauthori[s/z]ed disclosure, <A> shall pay <B> liquidated "
                    "damages of {M}.|A breach of this Section entitles <B> to [a payment of/liquidated damages of/"
                    "compensation of] {M}.|Any breach by <A> [triggers/attracts/results in] a [penalty/contractual "
                    "penalty/fixed payment] of {M}."),
        "extra": _t("Information that is [public/publicly available/already known to the recipient] or independently "
                    "developed is excluded.|Disclosures required by law are permitted if <A> gives <B> prompt written "
                    "notice.|On [request/termination], all documents containing Confidential Information must be "
                    "[returned or destroyed/returned/destroyed] within {n} days.|Information may be shared with "
                    "[professional advisers/lawyers and auditors] bound by similar duties."),
    },
    "termination": {
        "one": _t("<B> may terminate {AG} [for convenience/for any reason/without cause] [on/upon] {N} [written notice/"
                  "notice in writing/prior written notice] to <A>.|<A> may [end/terminate/cancel] {AG} [at any time/on "
                  "any anniversary date] by giving <B> {N} notice in writing.|If <B> fails to pay any [undisputed "
                  "invoice/amount due] within {n} days of a [reminder/demand], <A> may terminate {AG} by written "
                  "notice.|<B> can cancel [the subscription/its order/{AG}] by notifying <A> no later than {n} days "
                  "before the renewal date.|<A> may terminate {AG} [on/upon] {N} written notice if <B> commits a "
                  "material breach that remains [uncured/unremedied]."),
        "mutual": _t("Either party may terminate {AG} [upon/on] {N} [written notice/prior written notice/notice in "
                     "writing] to the other[ party/].|Either party may terminate {AG} by written notice if the other "
                     "party [materially breaches it/commits a material breach] and fails to [cure/remedy] the breach "
                     "within {n} days.|{AG} may be terminated by [mutual written agreement/the mutual consent of the "
                     "parties] at any time.|[Both parties have/Each party has] the right to end {AG} on {N} notice.|"
                     "Each party may terminate {AG} [if/where] the other becomes insolvent or [enters into liquidation/"
                     "has a receiver appointed]."),
        "term": _t("{AG} [commences/begins/takes effect] on {date} and [continues/remains in force] for an initial "
                   "term of {T}.|The [initial term/Initial Term/term] of {AG} is {T} [from/commencing on] the "
                   "Effective Date.|Unless terminated earlier, {AG} [remains in effect/continues/runs] for {T}.|"
                   "[Term:/Duration:/Initial Term:] {T} from [signature/the Effective Date].|{AG} has an initial term "
                   "of {T} and then renews automatically for successive [one-year/12-month/annual] periods."),
        "high": _t("<A> may terminate {AG} immediately, without [notice/prior notice/any notice][ and without"
                   " liability to <B>/].|<A> reserves the right to [end/terminate] {AG} at any time, for any reason,"
                   " without [prior /advance /]notice.|<A> may suspend or terminate the Services without any notice"
                   " if it suspects [misuse/non-payment/a security breach]."),
        "high_core": _t("<A> [may/is entitled to] [cancel/terminate] {AG} [with immediate effect/forthwith], without "
                        "[prior/any/advance] notice, [should/if] <B> [become insolvent/breach its payment "
                        "obligations/assign {AG} without consent].|[Should/If] <B> [miss two instalments/breach {sec}],"
                        " <A> may end {AG} without prior written notice to <B>.|<A> may withdraw the [Services/"
                        "licence/accounts] of <B> without any notice [where/if] [fraud/abuse/unlawful use] is "
                        "suspected."),
        "money": _t("If <B> terminates before the end of the initial term, <B> shall pay an early termination [fee/"
                    "charge] of {M}.|[Upon/On] termination, <B> must pay <A> all accrued amounts plus a [wind-down "
                    "charge/termination fee] of {M}.|<B> shall pay a [termination/break/cancellation] fee of {M} "
                    "within {n} days of the termination date."),
        "extra": _t("[Upon/On/Following] termination, <A> shall [return/promptly return/return or destroy] all "
                    "materials belonging to <B>.|{secs} survive [termination/the termination or expiry of {AG}].|"
                    "Termination does not affect [accrued rights or remedies/any rights accrued before termination].|"
                    "All licen[c/s]es granted under {AG} end on the termination date.|<C> remains liable for <B>'s "
                    "obligations accrued before termination."),
    },
    "payment": {
        "one": _t("<B> shall pay <A> {M} within {n} days [of/after] [the invoice date/receipt of a valid invoice].|In "
                  "consideration for the [Services/Deliverables/work], <B> will pay <A> a [fixed/lump-sum/total] fee "
                  "of {M}.|<B> agrees to pay a monthly rent of {M} [on the first day of each month/in advance on the "
                  "1st of every month].|The [annual/yearly] subscription fee is {M}, payable in advance by <B>.|<A> "
                  "will invoice <B> {M} upon [delivery/completion/acceptance], with payment due net {n}.|<B> shall "
                  "remit {M} to <A>'s nominated bank account no later than {date}.|[The purchase price/The Price/Total "
                  "consideration] payable by <B> [is/shall be/amounts to] {M}[, payable in {small} equal instalments/"
                  "].|<B> shall pay <A> an hourly rate of {M} for [all Services/each hour worked/additional work].|<B> shall pay <A> a [retainer/service charge/maintenance fee] of {M} "
                  "per [annum/quarter/calendar month/year].|<B> owes <A> {M} [every year/each quarter/annually], "
                  "[billed/invoiced] in advance."),
        "passive": _t("The [support/maintenance/hosting] fee is {M} per [year/annum/quarter], invoiced in "
                      "[advance/arrears].|[Fees:/Charges:/Price:] {M} per [annum/month/unit], payable net {n}."),
        "bare": _t("Fees are set out in Schedule {small} and are payable within {n} days of invoice.|<B> shall pay the "
                   "fees stated in the applicable [Order Form/Statement of Work] within {n} days.|<B> will pay <A> "
                   "the rates in Exhibit {letter} monthly in arrears."),
        "mutual": _t("Each party shall bear one half of the [escrow/arbitration/notary] fee of {M}.|Each party shall "
                     "pay its own costs, except that the filing fee of {M} will be split equally between both "
                     "parties.|Both parties shall contribute {M} each to the joint marketing fund."),
        "term": _t("The fee covers a [subscription term/Subscription Term/service period] of {T}.|Rent is payable "
                   "throughout the lease term of {T}.|Payments continue for {T} from the Effective Date.|This pricing "
                   "is [fixed/guaranteed/locked] for {T}."),
        "extra": _t("Late payments bear interest at {pct} per month.|All amounts exclude VAT, which will be added at "
                    "{pct}.|Invoices must quote purchase order number {ref}.|Disputed amounts must be notified within "
                    "{n} days of receipt of the invoice.|Payment shall be made by bank transfer to the account in "
                    "Schedule {small}.|<C> unconditionally guarantees <B>'s payment obligations.|Prices increase by "
                    "{pct} on each anniversary."),
    },
    "limitation_of_liability": {
        "one": _t("In no event shall <A> be liable to <B> for any [indirect, incidental, special or consequential "
                  "damages/lost profits, lost revenue or loss of data/punitive or exemplary damages].|<A> will not be "
                  "[responsible/liable] for any loss of [data, revenue or goodwill/profits or business opportunity] "
                  "suffered by <B>.|<A> [excludes all/has no] liability for [indirect or consequential loss/special "
                  "damages] arising under {AG}.|<A> is not liable for [damages/losses] caused by <B>'s [misuse of the "
                  "Products/failure to follow instructions]."),
        "mutual": _t("Neither party shall be liable to the other for any [indirect, special or consequential damages/"
                     "loss of profits or goodwill].|Each party's [total/aggregate] liability arising out of {AG} is "
                     "limited as set out in this Section.|The limitations in this Section apply [equally to both "
                     "parties/to each party alike]."),
        "cap": _t("<A>'s [aggregate/total/maximum/cumulative] liability [under/arising out of] {AG} shall not exceed "
                  "{M}[ in aggregate/ per contract year/].|<A>'s [total/entire] liability is capped at {M}[ per "
                  "incident/ per claim/]."),
        "cap_core": _t("<A> shall have no liability for [indirect or consequential loss/lost profits], and its total "
                       "liability to <B> shall not exceed {M}.|[Whatever the cause/However arising], <A>'s liability "
                       "to <B> is capped at {M} [per year/in total/in the aggregate]."),
        "high_core": _t("<A>'s liability to <B> for [data breaches/fraud/gross negligence] is uncapped and excluded "
                        "from every limitation in {AG}.|<A> accepts unlimited liability towards <B> for [death or "
                        "personal injury/wilful default]."),
        "cap_nomoney": _t("<A>'s total liability shall not exceed the fees [actually paid/paid or payable] by <B> "
                          "under {AG}.|<A>'s liability is capped at the total amount paid by <B> for the Services.|"
                          "<A>'s cumulative liability shall not exceed {pct} of the fees paid by <B>."),
        "high": _t("<A>'s liability for [breaches of data protection obligations/fraud or wilful misconduct/breach of "
                   "confidentiality] shall be unlimited.|Nothing in {AG} caps <A>'s liability for [gross negligence/"
                   "data breaches/IP infringement], which is uncapped.|The liability of <A> for claims arising from "
                   "breach of {sec} shall not be limited in any way."),
        "term": ("This limitation applies to all claims arising during the initial term of {T}.",),
        "extra": _t("These limitations apply to the fullest extent permitted by law.|The exclusions in this Section do "
                    "not apply to death or personal injury caused by negligence.|<B> acknowledges that the fees "
                    "reflect this allocation of risk."),
    },
    "indemnification": {
        "one": _t("<A> shall [indemnify, defend and hold harmless/indemnify and hold harmless/defend and indemnify]"
                  " <B> [from and against/against] all [third-party claims/claims, losses and liabilities] arising"
                  " out of <A>'s [negligence/breach of {AG}/negligence or breach of {AG}].|<A> will indemnify <B>"
                  " against any [losses, damages and costs/liabilities and expenses] (including reasonable"
                  " [legal/attorneys'] fees) resulting from [infringement of third-party intellectual property"
                  " rights/any breach of <A>'s warranties/bodily injury or property damage].|<A> agrees to"
                  " [defend/protect] <B> and its [officers/directors, officers and employees] against any claim"
                  " caused by the acts or omissions of <A>'s personnel.|<A> will make good any loss <B> suffers"
                  " because of <A>'s [breach of warranty/default]."),
        "mutual": _t("Each party shall indemnify the other party against losses arising from its own breach of {AG}.|"
                     "The parties give [mutual/reciprocal] indemnities for third-party claims caused by their "
                     "respective negligence.|Each party will defend and hold harmless the other from claims arising "
                     "out of its wilful misconduct."),
        "cap": _t("<A>'s [aggregate/total] liability under this [indemnity/Section] shall not exceed {M}.|<A>'s "
                  "[indemnification/indemnity] obligations are capped at {M}."),
        "cap_nomoney": ("<A>'s obligations under this Section shall not exceed the total fees paid under {AG}.",),
        "cap_core": _t("<A> [shall/will] indemnify <B> against [third-party claims/losses] caused by <A>'s [defective "
                       "work/breach of {sec}], provided that <A>'s liability for them shall not exceed {M}.|<A> "
                       "will hold <B> harmless from [claims/losses] arising from the [Products/Deliverables]; this "
                       "indemnity is capped at {M}."),
        "high_core": _t("<A> shall indemnify <B> without limit against all [losses/claims] arising from [its "
                        "personnel/the Products/any data breach].|<A>'s duty to [defend/indemnify] <B> shall not be "
                        "limited by {sec} or by any other provision.|<A> gives <B> an uncapped indemnity for "
                        "[infringement claims/regulatory fines/environmental losses]."),
        "high": _t("This indemnity is unlimited in amount.|<A>'s indemnification obligations are uncapped and apply "
                   "without limit.|<A>'s liability under this indemnity shall not be limited by any other provision "
                   "of {AG}."),
        "money": _t("<B> must notify <A> in writing within {n} days of receiving any claim exceeding {M}.|<A> shall "
                    "also reimburse <B>'s insurance deductible of {M}."),
        "term": ("The obligations in this Section survive for {T} after expiry or termination of {AG}.",),
        "extra": _t("<B> shall give <A> sole control of the defence and settlement of any claim.|The indemnified "
                    "party must cooperate reasonably at the indemnifying party's expense.|No settlement may be agreed "
                    "without prior written consent.|<C> shall be jointly and severally liable with <A> for these "
                    "obligations."),
    },
    "intellectual_property": {
        "one": _t("All [Work Product/deliverables/Developments] [created/produced/developed] by <A> under {AG} shall"
                  " be the [sole and exclusive/exclusive] property of <B>.|<A> hereby assigns to <B> all right,"
                  " title and interest in [any inventions, designs and software/all copyright and patent rights]"
                  " [developed/created] in performing the Services.|<A> grants <B> a [non-exclusive/limited],"
                  " non-transferable licen[c/s]e to use the [Software/Platform/Materials] solely for its internal"
                  " business purposes.|<B> acknowledges that <A> owns all intellectual property rights in the"
                  " [Platform/Software/Background IP].|Any copyright in the deliverables passes to <B> on full"
                  " payment.|<A> grants <B> an exclusive licen[c/s]e to [manufacture and sell/distribute] the Licensed"
                  " Products in {region}.|<A> grants <B> a worldwide, [non-exclusive/non-transferable] licen[c/s]e"
                  " to [display/stream/resell] the [Content/Software] for <B>'s own customers."),
        "mutual": _t("Each party retains all intellectual property rights it owned before the Effective Date.|Neither "
                     "party acquires any right in the other party's [trademarks or logos/patents] except as expressly "
                     "stated.|Jointly developed improvements shall be owned by both parties in equal shares."),
        "term": _t("The licen[c/s]e is granted for a term of {T} from the Effective Date.|The licen[c/s]e lasts {T} "
                   "and may be renewed by written agreement.|<B> may use the Licensed Marks for {T}."),
        "forever_core": _t("<A> grants <B> a perpetual, [irrevocable/royalty-free], [worldwide/non-exclusive] "
                           "licen[c/s]e to [use/reproduce and adapt/embed] the [Materials/Software/artwork].|<A> "
                           "[assigns/transfers] to <B> in perpetuity all rights in the [designs/recordings/source "
                           "code]."),
        "forever": _t("The licen[c/s]e granted to <B> is perpetual and irrevocable.|<A> irrevocably assigns these "
                      "rights in perpetuity.|These rights vest in <B> in perpetuity and survive any termination."),
        "money": _t("In consideration, <B> shall pay <A> a one-time licen[c/s]e fee of {M}.|<B> shall pay a minimum "
                    "annual royalty of {M}, plus {pct} of Net Sales above that threshold.|The assignment is made in "
                    "exchange for a payment of {M}."),
        "extra": _t("<A> shall execute any documents reasonably required to perfect <B>'s rights.|<A> waives all "
                    "moral rights in the deliverables to the extent permitted by law.|Open-source components remain "
                    "subject to their own licence terms."),
    },
    "non_compete": {
        "one": _t("<A> shall not, directly or indirectly, [engage in/be employed by/invest in] any business that "
                  "competes with <B>[ within {radius} of any of its offices/ in {region}/].|<A> [agrees/undertakes] "
                  "not to [solicit or hire/poach/entice away] any [employee/employee or customer/client] of <B>.|<A> "
                  "will not [work for a competitor of <B>/set up a business competing with <B>].|<A> may not supply "
                  "competing products to any customer of <B>[ in {region}/]."),
        "mutual": _t("Each party agrees not to solicit or hire the other party's employees.|Neither party shall induce "
                     "any customer of the other party to end its relationship with that party.|The non-solicitation "
                     "undertakings in {AG} are [mutual/reciprocal] and apply to all staff introduced under it."),
        "term": _t("This restriction applies for {T} after termination of <A>'s [engagement/employment].|The "
                   "Restricted Period is {T} following the Termination Date.|These covenants last {T} from the end of "
                   "{AG}.|Restricted Period: {T}."),
        "high": _t("This restriction applies worldwide.|The restricted territory is anywhere in the world where <B> "
                   "does business."),
        "forever": _t("These restrictions continue indefinitely.|<A>'s covenant is perpetual."),
        "high_core": _t("<A> shall not [compete with/work for any competitor of] <B> anywhere in the world[ during "
                        "the Restricted Period/].|<A> [agrees/undertakes] not to [develop/sell/market] [competing "
                        "products/rival services] worldwide[ while engaged by <B> and afterwards/].|[Worldwide/On a "
                        "worldwide basis], <A> will not [join/invest in/advise] any business that competes with <B>."),
        "money": _t("In consideration of these covenants, <B> shall pay <A> {M}.|<A> will receive a non-compete"
                    " payment of {M}.|Breach obliges <A> to repay the retention bonus of {M}."),
        "extra": _t("<A> acknowledges that these restrictions are reasonable and necessary to protect <B>'s goodwill.|"
                    "If a court finds any restriction too broad, it shall be enforced to the maximum extent permitted.|"
                    "Holding up to {pct} of the shares of a listed company does not breach this Section."),
    },
    "governing_law": {  # cores are venue sentences; the law sentence itself comes from LAW_SENTENCES
        "one": _t("<B> irrevocably submits to the exclusive jurisdiction of the courts of {city} and waives any "
                  "objection to venue there.|<A> may bring proceedings in any competent court, while <B> may sue only "
                  "in {city}.|<B> waives any right to a jury trial in any action brought by <A>."),
        "mutual": _t("Each party irrevocably submits to the exclusive jurisdiction of the courts of {city}.|Both"
                     " parties waive any right to a jury trial.|Any dispute shall be settled by arbitration in"
                     " {city} under the {inst} rules, and each party shall bear its own costs."),
        "passive": _t("The courts of {city} have exclusive jurisdiction over any dispute arising out of {AG}.|Disputes "
                      "shall be finally resolved by arbitration seated in {city} under the {inst} Rules.|The United "
                      "Nations Convention on Contracts for the International Sale of Goods does not apply.|Venue lies "
                      "exclusively in {city}."),
        "money": _t("Claims of less than {M} may be brought in the small claims court of {city}.|Disputes involving "
                    "more than {M} shall be resolved by arbitration in {city}."),
        "extra": _t("The prevailing party is entitled to recover its reasonable legal costs.|Nothing prevents interim "
                    "relief being sought from any competent court."),
    },
    "warranty": {
        "one": _t("<A> [warrants/represents and warrants/guarantees] that the [Products/Goods/Equipment] will be free "
                  "from defects in materials and workmanship.|<A> [warrants/represents and warrants] that the Services "
                  "will be performed in a professional and workmanlike manner.|<A> warrants that the Software will "
                  "perform materially in accordance with its Documentation.|<A> guarantees that the premises comply "
                  "with all applicable building codes.|<A> warrants that it holds good title to the goods and that "
                  "they conform to the agreed specifications."),
        "mutual": _t("Each party represents and warrants that it has full power and authority to enter into {AG}.|Both "
                     "parties warrant that they will comply with all applicable anti-bribery laws.|Each party warrants "
                     "that its performance will not infringe any third-party rights."),
        "term": _t("This warranty [lasts/remains valid/applies] for {T} from the date of [delivery/installation].|The "
                   "warranty period is {T} from acceptance.|Defects notified within {T} of installation will be "
                   "remedied free of charge.|Warranty period: {T}."),
        "money": _t("<A>'s sole obligation is to repair or replace the defective item or refund the purchase price of "
                    "{M}.|<A> shall credit <B> {M} for each defective unit.|Each warranty visit is charged to <B> at a "
                    "call-out fee of {M}."),
        "cap": _t("<A>'s total liability for warranty claims shall not exceed {M}.|Warranty claims against <A> "
                  "are capped at {M}[ per unit/ per year/]."),
        "cap_nomoney": _t("<A>'s total liability for warranty claims shall not exceed the price paid by <B> for the "
                          "affected [Goods/units/Services]."),
        "high_core": _t("<A> warrants that the [Goods/System/Software] [will meet/meets] the Specification, and its "
                        "liability to <B> for [breach of that warranty/any defect] is [unlimited/uncapped]."),
        "high": _t("<A>'s liability for breach of this warranty is unlimited.|Claims for breach of warranty against "
                   "<A> are uncapped."),
        "extra": _t("EXCEPT AS EXPRESSLY STATED ABOVE, <A> MAKES NO OTHER WARRANTIES, EXPRESS OR IMPLIED, INCLUDING"
                    " ANY WARRANTY OF MERCHANTABILITY.|The warranty does not cover damage caused by misuse, accident"
                    " or unauthorised modification.|Warranty claims must be made in writing within {n} days after the "
                    "defect is discovered."),
    },
    "force_majeure": {
        "one": _t("<A> shall not be [liable/responsible] for any delay or failure to perform caused by {events}.|<A> "
                  "is excused from performance while prevented by {events}, provided it notifies <B> within {n} days.|"
                  "If <A> is hindered by {events}, its delivery dates are extended accordingly."),
        "mutual": _t("Neither party shall be liable for any failure or delay in performance caused by events beyond"
                     " its reasonable control, including {events}.|Either party may suspend performance during a Force "
                     "Majeure Event such as {events}.|Both parties are released from their obligations for as long as "
                     "{events} prevent performance."),
        "passive": _t("Performance of {AG} is suspended for as long as {events} prevent it.|Obligations affected by "
                      "{events} are suspended for the duration of the event."),
        "high_core": _t("<A> may [suspend/cancel] any [delivery/order] of <B> without prior notice when {events} "
                        "[occur/disrupt supply]."),
        "high": _t("If the event lasts longer than {n} days, <B> may terminate {AG} immediately without notice.|<A>"
                   " may cancel any pending order without notice during a Force Majeure Event."),
        "money": ("<A> shall credit <B> {M} for each week of delay beyond the agreed delivery date.",),
        "term": ("This clause applies throughout the initial term of {T}.",),
        "extra": _t("The affected party must use reasonable efforts to mitigate the effects of the event.|Payment "
                    "obligations are not excused by a Force Majeure Event.|If the event continues beyond {n} days, <B> may end "
                    "{AG} by written notice.|The affected party shall notify the other"
                    " in writing within {n} days of the event starting."),
    },
}
HEADINGS = {
    "confidentiality": _t("Confidentiality|Non-Disclosure|Confidential Information|Secrecy|Protection of Information"),
    "termination": _t("Termination|Term and Termination|Duration and Termination|Expiry and Termination|Term"),
    "payment": _t("Payment|Fees and Payment|Payment Terms|Compensation|Rent|Invoicing|Consideration|Fees"),
    "limitation_of_liability": _t("Limitation of Liability|Limitations on Liability|Liability|Exclusion of Damages"),
    "indemnification": _t("Indemnification|Indemnity|Hold Harmless|Indemnities"),
    "intellectual_property": _t("Intellectual Property|Ownership of Work Product|IP Rights|Licence Grant|License|"
                                "Assignment of Inventions|Proprietary Rights"),
    "non_compete": _t("Non-Competition|Non-Compete|Restrictive Covenants|Covenant Not to Compete|Non-Solicitation"),
    "governing_law": _t("Governing Law|Choice of Law|Applicable Law|Governing Law and Jurisdiction|Dispute Resolution|"
                        "Jurisdiction"),
    "warranty": _t("Warranties|Warranty|Limited Warranty|Product Warranty|Representations and Warranties"),
    "force_majeure": _t("Force Majeure|Excused Performance|Events Beyond Control|Acts of God|Force Majeure Events"),
}
MUTUAL_HEADINGS = {
    "confidentiality": _t("Mutual Confidentiality|Reciprocal Confidentiality Undertakings"),
    "indemnification": _t("Mutual Indemnities|Reciprocal Indemnification"),
    "non_compete": _t("Mutual Non-Solicitation|Reciprocal Restrictions"),
    "limitation_of_liability": _t("Mutual Limitation of Liability|Reciprocal Exclusions"),
    "warranty": _t("Mutual Warranties|Mutual Representations"),
}
LAW_SENTENCES = _t("{AG} [shall be/is] governed by and construed in accordance with the laws of {L}.|{AG} is governed "
                   "by the [laws/law] of {L}[, without regard to its conflict-of-laws rules/ (excluding its conflict "
                   "of laws principles)/].|The laws of {L} govern {AG}[ and any dispute arising out of it/].|All "
                   "matters arising under {AG} are subject to the substantive law of {L}.|[Governing law:/Applicable "
                   "law:/Law:] {L}.|This clause is [governed by/subject to] the laws of {L}.")
LAW_SHORT_SENTENCES = _t("{L} law [applies/governs this clause/governs].|{AG} will be interpreted under {L} law.")
DISTRACTORS = _t("Notices under this Section must be sent to {addr}.|This Section is subject to {sec}.|Urgent notices "
                 "may be given by telephone on {phone} and confirmed in writing.|Effective Date: {date}.|Capitalised "
                 "terms have the meanings given in {sec}.|As amended by Amendment No. {small} dated {date}.|Contract "
                 "reference: {ref}.|Executed at {city} on {date}.")
LEAD_INS = _t("Notwithstanding anything to the contrary in {AG},|Subject to {sec},|Except as otherwise provided in "
              "{sec},|To the extent permitted by applicable law,|For the avoidance of doubt,")
SMALL_ONLY = re.compile(r"hourly|monthly rent|each defective|each week|deductible|call-out|split equally|one half|"
                        r"small claims|disputes involving|contribute|retention bonus", re.IGNORECASE)  # unfit for >= 1,000,000
TYPOS = {"receive": "recieve", "received": "recieved", "writing": "writting", "reasonable": "reasonble", "business":
         "buisness", "obligations": "obligatons", "performance": "perfomance", "information": "infomation", "third":
         "thrid", "payment": "payemnt", "delivery": "delivary", "termination": "terminaton"}
P_TERM = {"confidentiality": 0.75, "termination": 0.65, "payment": 0.55, "limitation_of_liability": 0.25,
          "indemnification": 0.5, "intellectual_property": 0.6, "non_compete": 0.85, "governing_law": 0,
          "warranty": 0.75, "force_majeure": 0.3}
P_MONEY = {"confidentiality": 0.5, "termination": 0.55, "payment": 0.93, "limitation_of_liability": 0.7,
           "indemnification": 0.6, "intellectual_property": 0.55, "non_compete": 0.5, "governing_law": 0.25,
           "warranty": 0.55, "force_majeure": 0.3}

# ---------------------------------------------------------------- risk rule (documented in contracts.md)
HIGH_CUES = re.compile(r"unlimited|uncapped|without limit\b|shall not be limited|in perpetuity|perpetual|indefinitely|"
                       r"without (?:any |prior |advance )?(?:written )?notice")
NONCOMPETE_HIGH_CUES = re.compile(r"worldwide|anywhere in the world")
LOW_CUES = re.compile(r"\b(?:each|either|both|neither) (?:of the )?part(?:y|ies)\b|\bmutual|\breciprocal|"
                      r"shall not exceed|capped at")


def risk_level(text, clause_type, term_months, amount, one_sided):
    t = text.lower()
    if HIGH_CUES.search(t) or (amount or 0) >= 1_000_000 or (clause_type == "non_compete" and (
            NONCOMPETE_HIGH_CUES.search(t) or (term_months or 0) > 24)):
        return "high"
    if LOW_CUES.search(t) or (term_months is not None and term_months <= 12) or (
            clause_type in NEUTRAL_TYPES and not one_sided):
        return "low"
    return "medium"


def expand(rng, text):
    """Resolve inline alternatives '[a/b/c]' (innermost first)."""
    while "[" in text:
        text = re.sub(r"\[([^\[\]]*)\]", lambda m: rng.choice(m.group(1).split("/")), text)
    return text


# ---------------------------------------------------------------- composition
class Composer:
    """Builds one clause: chooses fragments for a target risk, fills slots, renders parties."""

    def __init__(self, rng, ctype, target):
        self.rng, self.ctype, self.target = rng, ctype, target
        agreements, role_pairs = AGREEMENT_KINDS[rng.choice(KINDS_BY_TYPE[self.ctype])]
        self.agreement = rng.choice(agreements)
        roles = dict(zip("AB", rng.choice(role_pairs)), C="Guarantor")
        scheme = rng.choices(("named", "roles", "mixed"), (40, 32, 28))[0]
        named = dict.fromkeys("ABC", scheme == "named")
        if scheme == "mixed":
            named[rng.choice("AB")] = True
        self.parties = {}
        for k in "ABC":
            name = self.party_name(roles[k]) if named[k] else None
            while name and name in [p["name"] for p in self.parties.values()]:
                name = self.party_name(roles[k])
            self.parties[k] = {"role": roles[k], "name": name}
        self.the = rng.random() < 0.7  # role words written "the Licensee" or "Licensee"
        self.code = rng.choices(tuple(CURRENCY_WEIGHTS), tuple(CURRENCY_WEIGHTS.values()))[0]
        self.term = self.amount = self.law = None
        self.used, self.one_sided, self.style, self.days = set(), False, "one", None

    def party_name(self, role):
        rng = self.rng
        if rng.random() < PERSON_ROLES.get(role, 0):
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        root = rng.choice(COMPANY_ROOTS) + ("" if rng.random() < 0.2 else " " + rng.choice(COMPANY_KINDS))
        kind = rng.random()
        if kind < 0.12:
            return f"{root}{rng.choice(COMMA_SUFFIXES)}"
        if kind < 0.24:
            return f"{root} {rng.choice(ORG_TAILS)}"
        return f"{root} {rng.choice(COMPANY_SUFFIXES)}"

    def slot(self, key, before):
        self.used.add(key)
        if key == "T" and self.days:
            return days_text(self.rng, self.days, before.endswith(("for ", "within ")))
        if key == "T":
            return duration_text(self.rng, self.term, before.endswith(("for ", "within ")))
        if key in ("M", "M2"):
            return money_text(self.rng, self.amount if key == "M" else self.rng.choice((25, 50, 75, 100)), self.code)
        if key in ("L", "AG"):
            return self.law if key == "L" else self.agreement
        return distractor_value(self.rng, key)

    def fits_amount(self, template):
        return not ((self.amount or 0) >= 1_000_000 and SMALL_ONLY.search(template))

    def pick(self, pool):
        return expand(self.rng, self.rng.choice(TEMPLATES[self.ctype][pool] if isinstance(pool, str) else pool))

    def law_sentence(self):
        self.law = self.rng.choice(JURISDICTIONS)
        short = self.law in SHORT_LAW_OK and self.rng.random() < 0.4
        return self.pick(LAW_SHORT_SENTENCES if short else LAW_SENTENCES)

    def choose_route(self):
        t, ctype = TEMPLATES[self.ctype], self.ctype
        if self.target == "high":  # written cues outweigh a large figure
            options = (("forever", "forever" in t), ("forever", "forever" in t), ("high", "high" in t),
                       ("high", "high" in t), ("longterm", ctype == "non_compete"),
                       ("bigmoney", any(not SMALL_ONLY.search(x) for x in t.get("money", ()) + t.get("cap", ()))
                        or ctype == "payment"))
        elif self.target == "low":
            options = (("mutual", "mutual" in t), ("cap", "cap" in t), ("short", "term" in t),
                       ("boiler", ctype in NEUTRAL_TYPES))
        else:
            options = (("plain", True),)
        return self.rng.choice([route for route, available in options if available] or ["plain"])

    def body(self):
        """Returns (core sentence, other sentences); slots and party tokens still open."""
        rng, t, ctype, target = self.rng, TEMPLATES[self.ctype], self.ctype, self.target
        route = self.choose_route()
        if route == "mutual" or (target == "high" and "mutual" in t and rng.random() < 0.25):
            style = "mutual"
        elif route == "boiler" or (ctype in NEUTRAL_TYPES and target == "low" and rng.random() < 0.5):
            style = rng.choice([s for s in ("passive", "mutual") if s in t])
        elif "passive" in t and ctype not in NEUTRAL_TYPES and rng.random() < 0.25:
            style = "passive"
        else:
            style = "one"
        self.one_sided, self.style = style == "one", style
        wants_money = route == "bigmoney" or (route == "mutual" and ctype == "payment") or (
            route == "cap" and rng.random() < 0.65) or (
            route not in ("boiler", "cap") and rng.random() < P_MONEY[ctype])
        if wants_money:
            self.amount = rng.choice(BIG_AMOUNTS) if route == "bigmoney" else (
                rng.choice(SMALL_AMOUNTS) if rng.random() < 0.8 or self.code == "JPY"
                else rng.randint(100_000, 9_999_999) / 100)
        others = []
        if ctype == "payment":
            fitting = tuple(filter(self.fits_amount, t[style])) or tuple(filter(self.fits_amount, t["one"]))
            core = self.pick(fitting if self.amount is not None else "bare")
        elif ctype == "governing_law":
            venue = self.pick(style) if style != "passive" or rng.random() < 0.65 else None
            if venue and rng.random() < 0.15:
                core = venue  # venue only: no choice of law
            else:
                core, others = self.law_sentence(), [venue] if venue else []
        elif route in ("forever", "high") and style == "one" and f"{route}_core" in t and rng.random() < 0.55:
            core = self.pick(f"{route}_core")  # the cue sits inside the obligation itself
            route = "inline"
        elif route == "cap" and style == "one" and self.amount is not None and "cap_core" in t and rng.random() < 0.5:
            core, route = self.pick("cap_core"), "inline"
        else:
            core = self.pick(style)
        if route in ("forever", "high"):
            others.append(self.pick(route))
        elif route == "cap":
            others.append(self.pick("cap" if self.amount is not None else "cap_nomoney"))
        if route == "short":
            self.term = rng.choice(SHORT_MONTHS)
        elif route == "longterm":
            self.term = rng.choice(NONCOMPETE_HIGH_MONTHS)
        elif route not in ("forever", "inline") and "term" in t and rng.random() < P_TERM[ctype]:
            if target != "low" and ctype != "non_compete" and rng.random() < 0.2:
                self.days = rng.choice(ODD_DAYS)  # written in days, not whole months: term_months stays null
            elif ctype == "non_compete" and target != "high":
                self.term = rng.choice(NONCOMPETE_MEDIUM_MONTHS + (SHORT_MONTHS if target == "low" else ()))
            else:
                self.term = rng.choice(LONG_MONTHS + (SHORT_MONTHS if target != "medium" else ()))
        if self.term is not None or self.days:
            others.append(self.pick("term"))
        if self.amount is not None and "{M}" not in core and route != "cap":
            pool = t.get("money", ()) + (t.get("cap", ()) if target != "medium" else ())
            pool = tuple(filter(self.fits_amount, pool))
            others += [self.pick(pool)] if pool else []
        if ctype == "payment" and self.amount is not None and rng.random() < 0.12:
            others.append("A late fee of {M2} applies to each overdue invoice.")
        return core, others

    def render_parties(self, sentences):
        """Replace <A>/<B>/<C> left to right; returns (sentences, names/roles in order of first appearance)."""
        rng, order, out = self.rng, [], []

        def render(match, sentence):
            p = self.parties[match.group(1)]
            role_ref = ("the " if self.the else "") + p["role"]
            if match.group(1) in order:  # later mention: role label if one was defined, else the name again
                return role_ref if not p["name"] or (p["alias"] and rng.random() < 0.7) else p["name"]
            order.append(match.group(1))
            if not p["name"]:
                return role_ref
            p["alias"] = sentence[match.end():match.end() + 1] == " " and rng.random() < 0.65
            if not p["alias"]:
                return p["name"]
            if rng.random() < 0.2 and p["role"] not in PERSON_ROLES:
                return f'{p["name"]}, {rng.choice(INCORPORATION)} ("{p["role"]}"),'
            return p["name"] + rng.choice((' (the "{}")', ' ("{}")', ' (hereinafter "{}")', " (the “{}”)")).format(
                p["role"])

        for s in sentences:
            s = re.sub(r"\.\.(?!\.)", ".", re.sub(r"<([ABC])>", lambda m, s=s: render(m, s), s)).replace("  ", " ")
            out.append(s[:1].upper() + s[1:])
        return out, [self.parties[k]["name"] or self.parties[k]["role"] for k in order]

    def layout(self, sentences, minimal):
        rng = self.rng
        body = " ".join(sentences)
        if 2 <= len(sentences) <= 6 and rng.random() < 0.2:
            marks = rng.choice(("(a) (b) (c) (d) (e) (f)", "(i) (ii) (iii) (iv) (v) (vi)", "1. 2. 3. 4. 5. 6."))
            body = "\n".join(f"{mark} {s}" for mark, s in zip(marks.split(), sentences))
        if minimal or rng.random() < 0.45:
            return body
        titles = MUTUAL_HEADINGS.get(self.ctype) if self.style == "mutual" and rng.random() < 0.35 else None
        title, a, b = rng.choice(titles or HEADINGS[self.ctype]), rng.randint(1, 24), rng.randint(1, 9)
        heading = rng.choice((f"{a}.{b} {title}.", f"{a}. {title.upper()}", f"ARTICLE {a} – {title.upper()}",
                              f"{title.upper()}:", f"§ {a} {title}", f"Section {a}.{b} – {title}", f"{title}.",
                              f"Clause {a}.{b}: {title}"))
        return heading + rng.choice((" ", "\n", "\n\n")) + body

    def build(self):
        rng, ctype = self.rng, self.ctype
        core, others = self.body()
        minimal = rng.random() < 0.06
        if not minimal:
            others += rng.sample(TEMPLATES[ctype]["extra"], rng.choice((0, 0, 1, 1, 2)))
            others = [expand(rng, s) for s in others]
        rng.shuffle(others)
        lead = [s for s in others[:1] if "{T}" in s and rng.random() < 0.3]  # sometimes the term comes first
        sentences = lead + [core] + others[len(lead):]
        if not minimal and ctype != "governing_law" and rng.random() < 0.5:
            sentences.append(self.law_sentence())
        if not minimal and rng.random() < 0.15 and not core.startswith("<"):
            sentences[sentences.index(core)] = self.pick(LEAD_INS) + " " + core[:1].lower() + core[1:]
        if not minimal and rng.random() < 0.3:
            sentences.insert(rng.choice((0, len(sentences))), self.pick(DISTRACTORS))
        filled = [re.sub(r"\{(\w+)\}", lambda m: self.slot(m[1], m.string[:m.start()]), s) for s in sentences]
        sentences, parties = self.render_parties(filled)
        text = self.layout(sentences, minimal)
        law = self.law if "L" in self.used else None
        law = law[4:] if law and law.startswith("the ") else law
        if rng.random() < 0.08 or (ctype in ("limitation_of_liability", "warranty") and rng.random() < 0.2):
            text, parties, law = text.upper(), [p.upper() for p in parties], law and law.upper()
        elif rng.random() < 0.05:
            for word in [w for w in TYPOS if re.search(rf"\b{w}\b", text)][:1]:
                text = re.sub(rf"\b{word}\b", TYPOS[word], text, count=1)
        term = self.term if "T" in self.used else None
        amount = self.amount if "M" in self.used else None
        amount = int(amount) if amount is not None and amount == int(amount) else amount
        return {"input": text, "output": {
            "clause_type": ctype, "parties": parties, "term_months": term, "amount": amount,
            "currency": self.code if amount is not None else None, "governing_law": law,
            "risk_level": risk_level(text, ctype, term, amount, self.one_sided)}}


def generate(rng: random.Random, n: int) -> list[dict]:
    """n examples {"input", "output"} with pairwise-distinct inputs, fully determined by rng."""
    examples, seen, plan = [], set(), []
    while len(examples) < n:
        if not plan:  # blocks of 110: per clause type 3 low, 4 medium, 4 high targets (low is not the safe guess)
            plan = [(c, r) for c in CLAUSE_TYPES for r in RISKS for _ in range(RISK_WEIGHTS[r])]
            rng.shuffle(plan)
        ctype, target = plan.pop()
        if (ctype, target) == ("governing_law", "high"):  # a choice-of-law clause has no high-risk fragments
            target = rng.choice(("low", "medium"))
        example = Composer(rng, ctype, target).build()
        if example["input"] not in seen:
            seen.add(example["input"])
            examples.append(example)
    return examples


if __name__ == "__main__":
    import collections
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator

    schema = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "contracts.schema.json").read_text())
    validator = Draft202012Validator(schema)
    data = generate(random.Random(0), 600)
    assert data == generate(random.Random(0), 600), "not deterministic"
    assert len({d["input"] for d in data}) == len(data), "duplicate inputs"
    for d in data:
        out = d["output"]
        assert not list(validator.iter_errors(out)), (d, list(validator.iter_errors(out)))
        assert list(out) == list(schema["properties"]), out
        assert all(p in d["input"] for p in out["parties"]) and len(set(out["parties"])) == len(out["parties"]), d
        assert out["governing_law"] is None or out["governing_law"] in d["input"], d
        assert not re.search(r"[\[\]{}<>]", d["input"]), d  # no unresolved alternatives, slots or tokens
    for d in data[:4]:
        print(d["input"], "\n  ->", json.dumps(d["output"], ensure_ascii=False), "\n")
    n = len(data)
    for field in ("clause_type", "risk_level", "currency"):
        counts = collections.Counter(str(d["output"][field]) for d in data)
        print(field, {k: f"{v / n:.0%}" for k, v in counts.most_common()})
    print("null:", {f: f"{sum(d['output'][f] is None for d in data) / n:.0%}"
                    for f in ("term_months", "amount", "currency", "governing_law")})
    print("parties per clause:", dict(sorted(collections.Counter(len(d["output"]["parties"]) for d in data).items())))
    words = sorted(len(d["input"].split()) for d in data)
    print(f"words: min {words[0]}, median {words[n // 2]}, p90 {words[int(n * 0.9)]}, max {words[-1]}")
