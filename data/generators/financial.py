"""Synthetic earnings-release excerpts -> records valid against data/schemas/financial.schema.json.

Stdlib only; fully determined by the `rng` given to generate(). Every output value is recoverable from
the text by the rules in data/rules/financial.md. Sentiment comes from cue classes: positive cues
(record / strong / robust / beat wording, raised guidance) and negative cues (revenue decline, net
loss, miss / headwind / challenging wording, lowered guidance). Only positive -> positive, only
negative -> negative, none or both ("mixed") -> neutral.
"""
import random

ORDINALS = ("first", "second", "third", "fourth")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
GENERIC_ROOTS = (
    "Northwind", "Kestrel", "Bluepeak", "Harborline", "Ironclad", "Silverleaf", "Granite Ridge", "Crescent",
    "Meridian", "Ashford", "Pinecrest", "Redwood", "Summit Point", "Westbrook", "Lakeshore", "Brightwater",
    "Copperfield", "Evergreen", "Falconer", "Highgate", "Juniper", "Larkspur", "Oakmont", "Quantrix", "Riverton",
    "Stonebridge", "Tidewater", "Vantage", "Whitmore", "Zephyr", "Aldridge", "Cobalt", "Fairhaven", "Halcyon",
    "Keystone", "Monarch", "Orion", "Polaris", "Trident", "Bellweather", "Clearwell", "Driftwood", "Emberly",
    "Foxglove", "Greyhawk", "Hollis", "Kingsmead", "Pembroke", "Thornbury", "Wexley")
# (currency, weight, name roots, legal suffixes ("" = none), datelines, exchanges)
REGIONS = (
    ("USD", 30, GENERIC_ROOTS, ("Inc.", "Inc.", "Corp.", "Corporation", "Holdings, Inc.", "Co.", ""),
     ("NEW YORK", "SAN JOSE, Calif.", "AUSTIN, Texas", "BOSTON", "CHICAGO", "DENVER", "SEATTLE", "ATLANTA",
      "MINNEAPOLIS", "PHOENIX", "CHARLOTTE, N.C.", "PITTSBURGH", "SAN DIEGO", "NASHVILLE, Tenn."),
     ("NYSE", "NASDAQ", "Nasdaq", "NYSE American")),
    ("GBP", 8, GENERIC_ROOTS, ("plc", "PLC", "Group plc", "Holdings plc"),
     ("LONDON", "MANCHESTER", "EDINBURGH", "LEEDS", "BRISTOL", "GLASGOW"), ("LSE", "AIM")),
    ("EUR", 12, ("Valbruna", "Kronberg", "Altamura", "Brennerhof", "Castellano", "Dufresne", "Eisenwerk", "Lombardi",
                 "Marceau", "Oosterhout", "Pellegrini", "Rheinau", "Tessaro", "Verhoeven", "Zanetti", "Aurelia",
                 "Boisvert", "Sanlúcar", "Ibérica", "Hanseatic", "Lusitania", "Douro", "Egeo", "Baltica", "Kallio",
                 "Van Houten", "Ravensburg", "Lefèvre"), ("AG", "SE", "N.V.", "S.A.", "S.p.A.", "Oyj", "SA"),
     ("FRANKFURT", "MUNICH", "PARIS", "MILAN", "MADRID", "AMSTERDAM", "DUBLIN", "HELSINKI", "LISBON", "VIENNA"),
     ("Euronext", "Xetra", "Borsa Italiana")),
    ("CAD", 5, GENERIC_ROOTS + ("Laurentian", "Saguenay", "Chinook", "Boréal", "Kootenay"), ("Inc.", "Corp.", "Ltd."),
     ("TORONTO", "VANCOUVER", "MONTREAL", "CALGARY", "OTTAWA"), ("TSX",)),
    ("AUD", 5, GENERIC_ROOTS + ("Wattle", "Kookaburra", "Coolabah", "Pilbara", "Murrumbidgee"), ("Limited", "Ltd"),
     ("SYDNEY", "MELBOURNE", "PERTH", "BRISBANE", "ADELAIDE"), ("ASX",)),
    ("CHF", 4, ("Montreux", "Alpenrose", "Jungfrau", "Zugerberg", "Lemanic", "Engadin", "Rigi", "Sarnen"),
     ("AG", "SA", "Holding AG"), ("ZURICH", "GENEVA", "BASEL", "ZUG"), ("SIX",)),
    ("SEK", 4, ("Lindqvist", "Saltsjö", "Hallberg", "Kastelholm", "Norrsken", "Vättern", "Ekholm", "Björkdal"),
     ("AB", "AB (publ)"), ("STOCKHOLM", "GOTHENBURG", "MALMÖ"), ("Nasdaq Stockholm",)),
    ("NOK", 2, ("Fjordvik", "Nordkapp", "Bergfjell", "Havbris", "Sølvberg"), ("ASA",), ("OSLO", "BERGEN"), ("OSE",)),
    ("DKK", 2, ("Nordhavn", "Sørensen", "Skovgaard", "Limfjord", "Bornholm"), ("A/S",), ("COPENHAGEN", "AARHUS"),
     ("Nasdaq Copenhagen",)),
    ("JPY", 5, ("Takumi", "Hoshino", "Kaneda", "Shirakawa", "Sakuragawa", "Hayabusa", "Kinoshita", "Tsubame",
                "Mori Seiki", "Yamabuki"), ("Co., Ltd.", "Corporation", "Holdings Co., Ltd."),
     ("TOKYO", "OSAKA", "NAGOYA", "KYOTO"), ("TSE",)),
    ("KRW", 2, ("Daewon", "Hanbit", "Seojin", "Haneul", "Dongbang", "Saebyeok"), ("Co., Ltd.", "Corp."),
     ("SEOUL", "BUSAN", "INCHEON"), ("KRX",)),
    ("CNY", 4, ("Jinhua", "Longteng", "Huaxin", "Mingyuan", "Tianrui", "Xinyuan", "Haiyang", "Zhongshan"),
     ("Co., Ltd.", "Group Co., Ltd."), ("SHANGHAI", "SHENZHEN", "BEIJING", "HANGZHOU"), ("SSE", "SZSE")),
    ("HKD", 3, ("Kowloon Pearl", "Victoria Harbour", "Lantau", "Tai Ping", "Wing Fat"), ("Holdings Limited", "Limited"),
     ("HONG KONG",), ("HKEX",)),
    ("INR", 4, ("Lakshmi", "Sundaram", "Vardhan", "Kaveri", "Narmada", "Shreeji", "Godavari", "Aravalli", "Saraswati"),
     ("Limited", "Ltd."), ("MUMBAI", "BENGALURU", "PUNE", "CHENNAI", "HYDERABAD"), ("NSE", "BSE")),
    ("SGD", 2, ("Merlion", "Tanjong", "Serangoon", "Kallang", "Bukit Timah"), ("Ltd", "Limited"), ("SINGAPORE",),
     ("SGX",)),
    ("BRL", 2, ("Alvorada", "Serra Azul", "Rio Claro", "Paranapanema", "Itapoã"), ("S.A.",),
     ("SÃO PAULO", "RIO DE JANEIRO", "CURITIBA"), ("B3",)),
    ("MXN", 2, ("Cordillera", "Altiplano", "Mirador", "Sol Naciente", "Tlaloc"), ("S.A.B. de C.V.",),
     ("MEXICO CITY", "MONTERREY", "GUADALAJARA"), ("BMV",)),
    ("ZAR", 2, ("Karoo", "Zambezi", "Ubuntu", "Drakensberg", "Highveld"), ("Limited", "Ltd"),
     ("JOHANNESBURG", "CAPE TOWN", "DURBAN"), ("JSE",)),
    ("NZD", 1, ("Kauri", "Aoraki", "Tasman", "Rangitoto"), ("Limited",), ("AUCKLAND", "WELLINGTON"), ("NZX",)),
)
INDUSTRIES = (
    "Technologies", "Systems", "Analytics", "Foods", "Logistics", "Energy", "Pharmaceuticals", "Semiconductor",
    "Retail", "Brands", "Networks", "Materials", "Industries", "Robotics", "Biosciences", "Software", "Resources",
    "Mining", "Motors", "Apparel", "Health", "Media", "Airlines", "Chemicals", "Hotels", "Telecom", "Beverages",
    "Payments", "Shipping", "Engineering", "Instruments", "Packaging")
# currency -> (symbol/code prefixes, currency words); "$" alone always means USD.
CURRENCY_FORMS = {
    "USD": (("$", "$", "$", "US$", "USD "), ("U.S. dollars", "US dollars", "dollars")),
    "EUR": (("€", "€", "EUR ", "€ "), ("euros",)), "GBP": (("£", "£", "GBP "), ("pounds sterling", "pounds")),
    "CAD": (("C$", "CAD ", "CA$"), ("Canadian dollars",)), "AUD": (("A$", "AUD ", "AU$"), ("Australian dollars",)),
    "NZD": (("NZ$", "NZD "), ("New Zealand dollars",)), "CHF": (("CHF ",), ("Swiss francs",)),
    "SEK": (("SEK ",), ("Swedish kronor",)), "NOK": (("NOK ",), ("Norwegian kroner",)),
    "DKK": (("DKK ",), ("Danish kroner",)), "JPY": (("¥", "JPY "), ("yen", "Japanese yen")),
    "KRW": (("₩", "KRW "), ("won", "Korean won")), "CNY": (("RMB", "RMB ", "CNY "), ("yuan", "renminbi")),
    "HKD": (("HK$", "HKD "), ("Hong Kong dollars",)), "INR": (("₹", "Rs ", "INR ", "Rs. "), ("Indian rupees",)),
    "SGD": (("S$", "SGD "), ("Singapore dollars",)), "BRL": (("R$", "BRL "), ("Brazilian reais", "reais")),
    "MXN": (("MXN ", "MX$"), ("Mexican pesos",)), "ZAR": (("R", "ZAR "), ("South African rand", "rand")),
}
UNIT_TOKENS = {"thousands": (" thousand", "k", "K"), "millions": (" million", " million", " million", "m", " mn", "M",
               " mln"), "billions": (" billion", " billion", "bn", " bn", "B", " bln")}
NORDIC_PREFIXES = {("SEK", "millions"): ("MSEK ", "SEKm "), ("SEK", "thousands"): ("TSEK ", "KSEK "),
                   ("NOK", "millions"): ("MNOK ", "NOKm "), ("DKK", "millions"): ("DKKm ", "mDKK ")}
FIRST_NAMES = (
    "Maria", "James", "Aiko", "Rahul", "Olumide", "Sofia", "Chen", "Lars", "Fatima", "Diego", "Ingrid", "Kwame",
    "Priya", "Tomasz", "Hiroshi", "Amara", "Mateus", "Elena", "Yusuf", "Grace", "Sven", "Leila", "Jae-won", "Ana",
    "Pieter", "Nadia", "Carlos", "Mei", "Oliver", "Zanele", "Arjun", "Claire", "Rafael", "Hannah", "Tariq", "Ewa",
    "Kenji", "Beatriz", "Samuel", "Ayesha", "Lukas", "Chloé", "Dmitri", "Imani", "Marco", "Sinéad", "Hamid", "Ji-ho",
    "Camila", "Robert", "Nkechi", "Erik", "Valentina", "Thabo", "Anjali", "Miguel", "Astrid", "Omar", "Li", "Gabriel")
LAST_NAMES = (
    "Okafor", "Tanaka", "Lindqvist", "Moreau", "Gupta", "Fernández", "Kowalski", "Nakamura", "Haddad", "Schmidt",
    "O'Connor", "Mensah", "Rossi", "Park", "Johansson", "Silva", "Chen", "Abebe", "Dubois", "Novak", "Sato", "Khan",
    "van der Berg", "Murphy", "Petrov", "Adeyemi", "Costa", "Iyer", "Müller", "Kim", "Hernández", "Walsh", "Nguyen",
    "Bianchi", "Osei", "Eriksen", "Yamamoto", "Ahmed", "Castillo", "Brennan", "Zhang", "Reddy", "Svensson",
    "Dlamini", "Lopes", "Fischer", "Okonkwo", "Hayashi", "Rahman", "Jansen", "Alvarez", "Kaur", "Takahashi",
    "Wright", "Santos", "Horvath", "Mwangi", "Berg", "Choi", "Duarte")
TITLES = ("Chief Executive Officer", "CEO", "President and Chief Executive Officer", "Chief Financial Officer", "CFO",
          "Chair and CEO", "Group CEO", "Managing Director", "Executive Chairman", "co-founder and CEO")
SEGMENTS = ("Cloud", "Consumer", "Industrial", "Healthcare", "Americas", "EMEA", "Asia-Pacific", "Services",
            "Wholesale", "Aerospace", "Automotive", "Data Center", "Specialty Chemicals", "Mobility",
            "Wealth Management", "Hardware", "Medical Devices", "Renewables", "Europe", "North America")
REVENUE_LABELS = ("Revenue", "Revenue", "Revenues", "Total revenue", "Net revenue", "Net sales", "Sales",
                  "Group revenue", "Consolidated revenue", "Turnover")
PROFIT_LABELS = ("Net income", "Net income", "Net profit", "Net earnings", "Profit after tax", "Profit for the period",
                 "Profit attributable to shareholders", "GAAP net income")
LOSS_LABELS = ("Net loss", "Net loss", "Loss after tax", "Loss for the period", "Net loss attributable to shareholders")
CUE_LINES = {
    "strong": ("Demand was strong across all regions.", "Growth was robust in every segment.",
               "Management pointed to strong momentum in {seg}.", "The performance was driven by robust demand in {seg}.",
               "It was an excellent {pn} for the business."),
    "record": ("It was the best {pn} in the company's history.", "Revenue reached an all-time high.",
               "Sales hit a record level."),
    "headwinds": ("Results were weighed down by currency headwinds.", "Management described conditions as challenging.",
                  "Weak demand in {seg} weighed on results.", "Softer volumes and higher input costs hurt margins.",
                  "The {pn} was hit by headwinds in {seg}.", "Trading conditions remained difficult."),
    "beat": ("Revenue beat the consensus estimate of {est}.", "Earnings beat analysts' expectations.",
             "Results exceeded the {est} analysts had forecast."),
    "miss": ("Revenue missed the consensus estimate of {est}.", "Earnings fell short of analysts' expectations.",
             "Analysts had expected {est}; the company missed that forecast."),
}
QUOTES = {
    "pos_quote": ("We delivered record results this {pn}", "This was an outstanding {pn} for our company",
                  "Our teams executed exceptionally well and demand remained strong",
                  "Momentum across the business has never been stronger", "I am very pleased with our strong performance"),
    "neg_quote": ("This was a disappointing {pn}", "Market conditions remained challenging",
                  "Our results fell short of our expectations", "We faced significant headwinds in {seg}",
                  "Demand was weaker than we anticipated"),
    "neutral_quote": ("We continue to execute on our strategic priorities", "Our focus remains on capital discipline",
                      "The {pn} played out largely as we planned", "Our priorities for the year are unchanged",
                      "We are making progress on our transformation program"),
    "mixed_quote": ("Strong demand in {seg} was offset by headwinds elsewhere", ("It was a mixed {pn}, with record {seg} "
                    "sales but a weak market in other regions"), "Robust growth in {seg} could not offset a challenging backdrop"),
}
GUIDANCE_LINES = {
    "raised": ("{Ref} raised its full-year {gy} revenue outlook to {lo}-{hi}.", "Full-year guidance was increased.",
               "{Ref} now expects {gy} revenue of {lo} to {hi}, up from its previous forecast of {plo} to {phi}.",
               "{Ref} lifted its {gy} earnings guidance.", "The outlook for {gy} has been upgraded.",
               "{Ref} boosted its annual forecast.", "{Ref} is raising its guidance for {gy}."),
    "maintained": ("{Ref} reaffirmed its full-year {gy} guidance.", "Guidance for {gy} is unchanged.",
                   "{Ref} reiterated its outlook for {gy}, including revenue of {lo} to {hi}.",
                   "{Ref} maintained its {gy} forecast.", "{Ref} confirmed its outlook for the year.",
                   "{Ref} continues to expect {gy} revenue of {lo} to {hi}, in line with prior guidance.",
                   "Management left its annual targets unchanged."),
    "lowered": ("{Ref} lowered its full-year {gy} revenue outlook to {lo}-{hi}.", "{Ref} cut its guidance for {gy}.",
                "{Ref} now expects {gy} revenue of {lo} to {hi}, down from {plo} to {phi} previously.",
                "The full-year forecast was reduced.", "{Ref} trimmed its {gy} outlook.", "Guidance was revised downward.",
                "{Ref} downgraded its earnings forecast for the year."),
    "none": ("{Ref} does not provide financial guidance.",),
}
GUIDANCE_SHORT = {"raised": ("FY guidance raised", "outlook lifted", "raises forecast"),
                  "maintained": ("FY guidance reaffirmed", "outlook maintained", "guidance reiterated"),
                  "lowered": ("FY guidance cut", "outlook lowered", "reduces forecast"), "none": ("",)}
CUE_SHORT = {"record": "record revenue", "strong": "strong demand", "beat": "beats estimates", "miss": "misses estimates",
             "headwinds": "hit by headwinds", "pos_quote": "strong results", "neg_quote": "challenging conditions",
             "mixed_quote": "mixed results"}
WIRES = (" /PRNewswire/ --", " /Business Wire/ --", " /GLOBE NEWSWIRE/ --", " --", " -")
LEGALESE = (("THIS RELEASE CONTAINS FORWARD-LOOKING STATEMENTS WITHIN THE MEANING OF SECTION 27A OF THE SECURITIES ACT "
            "OF 1933 AND SECTION 21E OF THE SECURITIES EXCHANGE ACT OF 1934."),
            "ACTUAL RESULTS MAY DIFFER MATERIALLY. NOTHING HEREIN IS AN OFFER TO SELL SECURITIES (SEE RULE 10b-5).")
TYPOS = (("announced", "anounced"), ("compared", "comapred"), ("quarter", "quater"), ("results", "resutls"),
         ("revenue", "revenu"), ("company", "compnay"), ("reported", "reproted"), ("expects", "expcets"))


def amount_text(m, d):
    whole, frac = divmod(abs(m), 10 ** d)
    return f"{whole:,}" + (f".{frac:0{d}d}" if d else "")


def amount_value(m, d):
    return m if d == 0 else round(m / 10 ** d, d)


def scaled(rng, m, d, lo, hi, d_out=None):
    d_out = d if d_out is None else d_out
    value = round(m * rng.uniform(lo, hi) * 10 ** (d_out - d))
    return value or (1 if m * lo > 0 else -1), d_out


def pct_text(rng, g):
    return f"{abs(g):g}" + rng.choice(("%", "%", "%", " percent", " per cent", " pct"))


def verb_be(label):
    return "were" if label.split()[-1].lower() in ("revenues", "sales", "earnings") else "was"


def lower_first(label):
    return label if label.startswith("GAAP") else label[0].lower() + label[1:]


class Money:
    """One writing style for every amount in a release: '$4,210 million', '€842.3m', 'MSEK 1,234', ..."""
    def __init__(self, rng, code, unit, foreign_usd=False):
        prefixes, words = CURRENCY_FORMS[code]
        if foreign_usd:  # non-US issuers reporting in dollars write US$ / USD, never a bare $
            prefixes, words = ("US$", "USD "), ("U.S. dollars", "US dollars")
        self.code, self.unit, self.prefix, self.word = code, unit, rng.choice(prefixes), rng.choice(words)
        nordic = NORDIC_PREFIXES.get((code, unit))
        self.glued = (rng.choice(nordic) if nordic and rng.random() < .5
                      else f"{code}m " if unit == "millions" and rng.random() < .07 else None)
        self.use_words = self.glued is None and rng.random() < .12
        self.token = rng.choice(UNIT_TOKENS[unit] + ((" MM",) if code == "USD" and unit == "millions" else ()))
        self.symbol = code + " " if self.glued else self.prefix

    def __call__(self, m, d):
        if self.glued:
            return self.glued + amount_text(m, d)
        if self.use_words:
            return f"{amount_text(m, d)} {self.unit[:-1]} {self.word}"
        return f"{self.prefix}{amount_text(m, d)}{self.token}"

    def negative(self, m, d):  # accounting style: $(12.4) million
        return f"{self.glued or self.prefix}({amount_text(m, d)}){'' if self.glued else self.token}"

    def per_share(self, cents):
        return f"{self.symbol}{cents // 100}.{cents % 100:02d}"

    def table_header(self, rng):
        sym, unit = self.prefix.strip(), self.unit
        abbr = {"thousands": "'000", "millions": "m", "billions": "bn"}[unit]
        return rng.choice((f"(in {unit} of {self.word})", f"({sym} in {unit})", f"({sym} {unit})", f"({sym}{abbr})",
                           f"(amounts in {sym} {unit}, except per-share data)") + ((f"({self.glued.strip()})",) * 2
                                                                                  if self.glued else ()))


def period_end(q, y, offset):
    """(month index, year) the period ends; offset = months by which the fiscal year ends before December."""
    if not q:
        return 11 - offset, y
    k = 3 * q - offset
    return (k - 1) % 12, (y if k > 0 else y - 1)


def period_forms(q, y, offset):
    """Noun phrases, adjective phrases, short labels and headline titles naming one reporting period."""
    yy, cal = f"{y % 100:02d}", offset == 0
    month, end_year = period_end(q, y, offset)
    ended = f"{MONTHS[month]} {MONTH_DAYS[month]}, {end_year}"
    if q:
        o = ORDINALS[q - 1]
        nouns = [f"the {o} quarter of fiscal {y}", f"its fiscal {y} {o} quarter", f"Q{q} {y}", f"Q{q} FY{y}",
                 f"Q{q} FY{yy}", f"{q}Q{yy}", f"Q{q}/{y}", f"the {o} quarter of fiscal {y}, ended {ended}"]
        adjs = [f"fiscal {y} {o}-quarter", f"Q{q} {y}", f"Q{q} FY{yy}", f"{q}Q{yy}"]
        if cal:
            nouns += [f"the {o} quarter of {y}", f"the {o} quarter of {y}", f"the {o} quarter ended {ended}", f"Q{q}'{yy}"]
            adjs += [f"{o}-quarter {y}", f"{o}-quarter {y}"]
        titles = (f"{o.title()} Quarter {y}", f"Q{q} {y}", f"{o.title()} Quarter Fiscal {y}")
        return nouns, adjs, (f"Q{q} {y}", f"{q}Q{yy}", f"Q{q} FY{yy}", f"Q{q}/{y}"), titles
    nouns = [f"fiscal year {y}", f"fiscal {y}", f"FY{y}", f"FY {y}", f"FY{yy}", f"the full year {y}",
             f"the {y} financial year", f"fiscal {y}, which ended {ended}"]
    adjs = [f"full-year {y}", f"fiscal {y}", f"FY{y}", f"fiscal-year {y}"]
    if cal:
        nouns += [f"the year ended {ended}", f"the twelve months ended {ended}", f"full-year {y}"]
        adjs += [f"{y} annual", f"full-year {y}"]
    return nouns, adjs, (f"FY{y}", f"FY{yy}", f"FY {y}", f"{y}"), (f"Full Year {y}", f"Fiscal {y}", f"FY{y}")


def prior_phrases(q, y):
    if q:
        return (f"Q{q} {y - 1}", f"the {ORDINALS[q - 1]} quarter of {y - 1}", "the prior-year quarter",
                "the same period last year", "the year-ago quarter")
    return (f"{y - 1}", f"fiscal {y - 1}", "the prior year", "the previous year")


def plan_tone(rng):
    """Pick sentiment, guidance and the cues that make the sentiment decidable from the text."""
    sentiment = rng.choice(("positive", "neutral", "negative"))
    if sentiment == "positive":
        guidance = rng.choices(("raised", "maintained", "none"), (55, 22, 23))[0]
        return sentiment, guidance, rng.sample(("record", "beat", "strong", "pos_quote"), rng.choice((1, 1, 2)))
    if sentiment == "negative":
        guidance = rng.choices(("lowered", "maintained", "none"), (55, 22, 23))[0]
        return sentiment, guidance, rng.sample(("decline", "loss", "miss", "headwinds", "neg_quote"), rng.choice((1, 1, 2)))
    if rng.random() < .55:  # plain factual release, no cue words
        return sentiment, rng.choice(("maintained", "none")), []
    pos = rng.choice(("record", "beat", "strong", "pos_quote", "raised"))
    clash = {"record": "decline", "beat": "miss", "raised": "lowered"}.get(pos)
    neg = rng.choice([c for c in ("decline", "loss", "miss", "headwinds", "lowered") if c != clash])
    guidance = pos if pos == "raised" else neg if neg == "lowered" else rng.choice(("maintained", "none"))
    if rng.random() < .3:  # one quote carrying both cues
        return sentiment, guidance, ["mixed_quote"] + [c for c in (pos, neg) if c in ("raised", "lowered", "loss", "decline")]
    return sentiment, guidance, [pos, neg]


class Release:
    """All facts of one excerpt plus the fragment renderers; each call draws fresh wording."""
    def __init__(self, rng):
        self.rng = r = rng
        code, _, roots, suffixes, cities, exchanges = r.choices(REGIONS, [reg[1] for reg in REGIONS])[0]
        root = r.choice(roots)
        self.short = root if r.random() < .15 else f"{root} {r.choice(INDUSTRIES)}"
        suffix = r.choice(suffixes)
        self.company = f"{self.short} {suffix}" if suffix else self.short
        self.ticker = "".join(w[0] for w in self.short.split()).upper() + root[1:3].upper()
        self.exchange, self.city = r.choice(exchanges), r.choice(cities)
        self.currency = "USD" if code != "USD" and r.random() < .1 else code
        units = ("millions", "billions") if self.currency in ("JPY", "KRW") else ("thousands", "millions", "billions")
        self.unit = r.choices(units, (22, 55, 23)[-len(units):])[0]
        self.money = Money(r, self.currency, self.unit, foreign_usd=self.currency != code)
        self.q, self.year, offset = (r.choice((1, 2, 3, 4)) if r.random() < .65 else 0), r.randint(2017, 2026), \
            r.choice((0, 0, 0, 0, 3, 6, 9))
        self.nouns, self.adjs, self.labels, self.titles = period_forms(self.q, self.year, offset)
        self.period, self.pn = (f"Q{self.q} {self.year}", "quarter") if self.q else (f"FY{self.year}", "year")
        month, year = period_end(self.q, self.year, offset)
        month += r.choice((1, 1, 2))
        self.date = f"{MONTHS[month % 12]} {r.randint(6, 28)}, {year + month // 12}"
        self.sentiment, self.guidance, self.cues = plan_tone(r)
        self.seg = r.choice(SEGMENTS)
        self.draw_figures()

    def draw_figures(self):
        r, cues = self.rng, self.cues
        if self.unit == "thousands":
            self.rev = (r.randint(2_000, 950_000), 0)
        elif self.unit == "millions":
            self.rev = (r.randint(40, 60_000), 0) if r.random() < .5 else (r.randint(200, 99_999), 1)
        else:
            self.rev = (r.randint(100, 9_000), 2) if r.random() < .6 else (r.randint(10, 900), 1)
        loss = "loss" in cues or (self.sentiment == "negative" and r.random() < .3)
        self.ni = scaled(r, *self.rev, *((-.3, -.01) if loss else (.02, .25)), 2 if self.unit == "billions" else None)
        if "decline" in cues:
            g = -r.uniform(.5, 25) if r.random() < .75 else None
        elif self.sentiment == "negative":
            g = -r.uniform(.5, 25) if r.random() < .55 else None
        elif self.sentiment == "positive" or "record" in cues:
            g = r.uniform(1, 35) if r.random() < .7 else None
        else:
            g = r.choice((None, None, 0, r.uniform(1, 4.9), r.uniform(1, 4.9)))
        if g:
            g = (round(g) or (1 if g > 0 else -1)) if r.random() < .45 else round(g, 1)
            g = int(g) if float(g).is_integer() else g
        self.growth, self.declined = g, "decline" in cues  # declined: say so even when no percentage is given
        self.show_rev = r.random() > .22
        self.show_ni = "loss" in cues or r.random() > .28 or not self.show_rev

    # ---- fragments -------------------------------------------------------------------------------
    def ref(self):
        return self.rng.choice(("The company", "The Company", "The Group", self.short, "The firm"))

    def prior_factor(self):
        """Prior-year revenue / current revenue, consistent with the stated growth or else with the tone."""
        r = self.rng
        if self.growth is not None:
            return 1 / (1 + self.growth / 100)
        if self.declined or self.sentiment == "negative":
            return r.uniform(1.03, 1.25)
        return r.uniform(.8, .97) if self.sentiment == "positive" or "record" in self.cues else r.uniform(.93, .99)

    def prior_rev(self):
        m, d = self.rev
        return self.money(max(1, round(m * self.prior_factor())), d)

    def rev_tail(self):
        """', up 8.4% year over year' and friends; also carries the decline cue when no percentage is given."""
        r, g = self.rng, self.growth
        when = r.choice(prior_phrases(self.q, self.year))
        if g is None:
            return (r.choice((f", down from {self.prior_rev()} a year earlier", f", a decline from {self.prior_rev()}"))
                    if self.declined else r.choice(("", "", f", compared with {self.prior_rev()} in {when}")))
        if g == 0:
            return r.choice((", flat year over year", ", unchanged from a year earlier", f", flat versus {when}"))
        p, up = pct_text(r, g), g > 0
        yoy = r.choice(("year over year", "year-over-year", "year-on-year", "YoY", "y/y", "from a year earlier", f"compared with {when}"))
        s = r.choice((f"{'up' if up else 'down'} {p} {yoy}", f"{'an increase' if up else 'a decrease'} of {p} {yoy}",
                      f"{p} {'higher' if up else 'lower'} than a year ago", f"{'up' if up else 'down'} {p} from {self.prior_rev()}",
                      f"{'+' if up else '-'}{abs(g):g}% {r.choice(('YoY', 'y/y', 'vs. prior year'))}"))
        if r.random() < .08:
            s += f" ({'up' if up else 'down'} {abs(g) + r.choice((1, 2, -1)) * .5:g}% in constant currency)"
        return ", " + s

    def revenue_sentence(self):
        r, label, g = self.rng, self.rng.choice(REVENUE_LABELS), self.growth
        lab = "Record " + label.lower() if "record" in self.cues and r.random() < .6 else label
        R = self.money(*self.rev) if self.show_rev else None
        if R and g and r.random() < .35:
            verb = r.choice(("rose", "grew", "increased", "climbed") if g > 0 else ("fell", "declined", "decreased", "dropped"))
            return f"{lab} {verb} {pct_text(r, g)} to {R}" + r.choice(("", f" from {self.prior_rev()}", " year over year")) + "."
        if R:
            if self.declined and g is None and r.random() < .5:
                return f"{lab} declined to {R} from {self.prior_rev()} a year earlier."
            return r.choice((f"{lab} {r.choice((verb_be(lab), 'came in at', 'totaled', 'amounted to', 'reached'))} {R}",
                             f"{self.ref()} generated {R} in {label.lower()}",
                             f"{self.ref()} reported {label.lower()} of {R}")) + self.rev_tail() + "."
        if g:
            return f"{lab} {'rose' if g > 0 else 'fell'} {pct_text(r, g)} {r.choice(('year over year', 'from a year earlier'))}."
        return f"{label} declined compared with a year earlier." if self.declined else ""

    def net_income_sentence(self):
        if not self.show_ni:
            return ""
        r, (m, d) = self.rng, self.ni
        loss, N, when = m < 0, self.money(abs(m), d), r.choice(prior_phrases(self.q, self.year))
        label = r.choice(LOSS_LABELS if loss else PROFIT_LABELS)
        eps = f", or {self.money.per_share(r.randint(3, 900))} per diluted share" if r.random() < .25 else ""
        prior = (f", compared with {r.choice(('net income', 'a net loss'))} of {self.money(*scaled(r, abs(m), d, .6, 1.4))}"
                 f" in {when}") if r.random() < .3 else ""
        if loss and r.random() < .15:
            return f"{r.choice(('Net income (loss)', 'Net loss'))} was {self.money.negative(m, d)}{prior}."
        return r.choice((f"{label} {verb_be(label)} {N}{eps}{prior}.", f"{label} came in at {N}{eps}.",
                         (f"{self.ref()} {r.choice(('posted', 'reported', 'recorded'))} {'a ' if loss else ''}"
                         f"{lower_first(label)} of {N}{eps}{prior}."), f"{label} totaled {N}{eps}.",
                         (f"{label} {'widened' if loss else 'rose'} to {N} from {self.money(*scaled(r, abs(m), d, .6, .95))}"
                         f" in {when}.")))

    def distractors(self, k):
        """k distinct sentences with numbers that must not be extracted."""
        r, mny, (m, d), (nm, nd) = self.rng, self.money, self.rev, self.ni
        options = [
            f"Diluted {'loss per share was' if nm < 0 else 'earnings per share were'} {mny.per_share(r.randint(3, 900))}.",
            f"Gross margin was {r.uniform(18, 70):.1f}%, compared with {r.uniform(18, 70):.1f}% a year ago.",
            f"Operating income was {mny(*scaled(r, m, d, .05, .3))}.",
            f"Adjusted EBITDA of {mny(*scaled(r, m, d, .08, .35))} represented a margin of {r.uniform(8, 40):.1f}%.",
            f"Cash and equivalents stood at {mny(*scaled(r, m, d, .1, .9))} at period end.",
            f"{self.ref()} repurchased {r.uniform(.2, 9):.1f} million shares for {mny(*scaled(r, m, d, .01, .08))}.",
            (f"The board declared a dividend of {mny.per_share(r.randint(5, 300))} per share, payable "
            f"{r.choice(MONTHS)} {r.randint(1, 28)}, {self.year + 1}."),
            f"{self.seg} segment revenue was {mny(*scaled(r, m, d, .15, .6))}, up {r.randint(2, 30)}%.",
            f"Free cash flow was {mny(*scaled(r, m, d, .02, .2))}.", f"The effective tax rate was {r.uniform(12, 32):.1f}%.",
            f"Order intake rose {r.randint(2, 25)}% to {mny(*scaled(r, m, d, .9, 1.3))}.",
            f"{self.ref()} ended the {self.pn} with {r.randint(800, 90_000):,} employees.",
            f"Adjusted net income was {mny(*scaled(r, nm, nd, 1.05, 1.4))}." if nm > 0
            else f"Backlog stood at {mny(*scaled(r, m, d, .5, 2))}.",
            f"Net income attributable to non-controlling interests was {mny(*scaled(r, abs(nm), nd, .01, .1))}."]
        if self.q:
            options.append(f"Revenue was up {r.uniform(.5, 6):.1f}% sequentially.")
        if self.q in (2, 3):
            options.append(f"For the first {('half', 'nine months')[self.q - 2]}, revenue totaled "
                           f"{mny(*scaled(r, m, d, self.q - .2, self.q + .2))}.")
        if r.random() < .3:
            options.append(f"{self.ref()} raised its quarterly dividend by {r.randint(2, 12)}% to "
                           f"{mny.per_share(r.randint(5, 300))} per share.")
        return r.sample(options, k)

    def cue_sentence(self, cue):
        r = self.rng
        if cue in QUOTES:
            text = r.choice(QUOTES[cue]).format(seg=self.seg, pn=self.pn)
            who, title = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}", r.choice(TITLES)
            lq, rq = r.choice((("“", "”"), ('"', '"')))
            return r.choice((f"{lq}{text},{rq} said {who}, {title}.", f"{lq}{text},{rq} {title} {who} said.",
                             f"{who}, {title}, said: {lq}{text}.{rq}"))
        if cue not in CUE_LINES:
            return ""  # decline / loss / raised / lowered are carried by the figures and the guidance line
        est = self.money(*scaled(r, *self.rev, *((.95, .99) if cue == "beat" else (1.01, 1.06))))
        borrow = cue == "record" and "strong" not in self.cues and r.random() < .4
        pool = CUE_LINES["strong"] if borrow else CUE_LINES[cue]
        return r.choice(pool).format(seg=self.seg, pn=self.pn, est=est)

    def cue_lines(self):
        cues = self.cues or (["neutral_quote"] if self.rng.random() < .45 else [])
        return [s for s in (self.cue_sentence(c) for c in cues) if s]

    def guidance_sentence(self):
        r, kind, (m, d) = self.rng, self.guidance, self.rev
        if kind == "none" and r.random() > .1:
            return ""
        gy, k = self.year + (self.q in (0, 4)), (4 if self.q else 1.05)
        lo, hi = scaled(r, m, d, k * .97, k * .99), scaled(r, m, d, k, k * 1.03)
        plo, phi = ((scaled(r, m, d, k * .9, k * .94), scaled(r, m, d, k * .95, k * .965)) if kind == "raised"
                    else (scaled(r, m, d, k * 1.04, k * 1.06), scaled(r, m, d, k * 1.07, k * 1.1)))
        return r.choice(GUIDANCE_LINES[kind]).format(Ref=self.ref(), gy=r.choice((f"{gy}", f"fiscal {gy}", f"FY{gy}")),
                                                     lo=self.money(*lo), hi=self.money(*hi), plo=self.money(*plo),
                                                     phi=self.money(*phi))

    # ---- layouts ---------------------------------------------------------------------------------
    def prose(self):
        r, P, A = self.rng, self.rng.choice(self.nouns), self.rng.choice(self.adjs)
        co = self.company + (f" ({self.exchange}: {self.ticker})" if r.random() < .35 else "")
        core = [self.revenue_sentence(), self.net_income_sentence()]
        record = "record " if "record" in self.cues and r.random() < .5 else ""
        mode = r.random()
        if mode < .3 and self.show_rev:
            R = self.money(*self.rev)
            lead, core[0] = r.choice((f"{co} reported {A} {record}revenue of {R}{self.rev_tail()}.",
                                      f"In {P}, {co} generated {record}revenue of {R}{self.rev_tail()}.")), ""
            if mode < .12 and self.show_ni:
                nm, nd = self.ni
                lead = lead[:-1] + r.choice((f" and {'a net loss' if nm < 0 else 'net income'} of {self.money(abs(nm), nd)}.",
                                             f"; it {'lost' if nm < 0 else 'earned'} {self.money(abs(nm), nd)}."))
                core[1] = ""
        else:
            lead = r.choice((f"{co} today announced financial results for {P}.", f"{co} reported results for {P} on {self.date}.",
                             f"{co} published its {A} results.", f"For {P}, {co} reported the following figures.",
                             f"{co} released earnings for {P}."))
        if r.random() < .45:
            lead = f"{self.city}, {self.date}{r.choice(WIRES)} {lead}"
        r.shuffle(core)
        middle = self.distractors(r.choice((0, 1, 1, 2, 2, 3))) + self.cue_lines()
        r.shuffle(middle)
        tail = [self.guidance_sentence()]
        if r.random() < .15:
            tail.append(r.choice(((f"{self.short} will host a conference call at {r.randint(7, 11)}:{r.choice(('00', '30'))}"
                                  f" a.m. ET; dial +1 {r.randint(800, 888)}-555-{r.randint(1000, 9999)}."), r.choice(LEGALESE))))
        text = " ".join(p for p in [lead] + core + middle + tail if p)
        if r.random() < .25:
            title = r.choice(self.titles)
            text = r.choice((f"{self.short} Reports {record.title()}{title} Results", (f"{self.company} Announces {title} "
                             f"Financial Results"))) + "\n" + text
        elif r.random() < .12:
            heading = r.choice(("Results of operations", "Financial highlights", "Group performance", "Earnings summary"))
            text = f"{r.randint(1, 9)}.{r.randint(1, 9)} {heading}\n{text}"
        return text

    def bullets(self):
        r, mark, P = self.rng, self.rng.choice(("- ", "• ", "* ", "– ")), self.rng.choice(self.nouns).replace("its ", "the ")
        items = [self.revenue_sentence(), self.net_income_sentence(), self.guidance_sentence()]
        items = [s for s in items + self.distractors(r.choice((1, 1, 2))) if s]
        r.shuffle(items)
        head = r.choice((f"{self.company}: {P} highlights", f"{self.company} reported results for {P}. Highlights:",
                         f"{self.company} - key figures, {P}", f"{r.choice(self.titles)} highlights - {self.company}"))
        numbered = r.random() < .2
        return "\n".join([head] + [(f"{i + 1}. " if numbered else mark) + it.rstrip(".") for i, it in enumerate(items)]
                         + self.cue_lines())

    def table(self):
        r, g = self.rng, self.growth
        self.show_rev = True
        cur, y, yy = r.choice(self.labels), str(self.year), f"{self.year % 100:02d}"
        prior = cur.replace(y, str(self.year - 1)) if y in cur else cur.replace(yy, f"{(self.year - 1) % 100:02d}")
        sep, change, paren = r.choice(("  ", " | ")), g is not None, r.random() < .7

        def row(label, m, prior_m, d, chg):
            cells = [amount_text(x, d) if x >= 0 else f"({amount_text(x, d)})" if paren else "-" + amount_text(x, d)
                     for x in (m, prior_m)]
            if change and not chg:
                chg = f"{(m / prior_m - 1) * 100:+.0f}%" if m > 0 < prior_m else "n.m."
            return sep.join([label.ljust(14)] + cells + ([chg] if change else []))
        m, d = self.rev
        rows = [row(r.choice(REVENUE_LABELS), m, round(m * self.prior_factor()), d, f"{g:+g}%" if g else "0%")]
        # prior-year columns of the other rows move with the tone, so they never contradict the sentiment
        other = {"positive": (.75, .97), "negative": (1.03, 1.3)}.get(self.sentiment, (.95, .99))
        if self.show_ni:
            nm, nd = self.ni
            rows.append(row(r.choice(("Net income", "Net income (loss)", "Net profit", "Profit for the period")),
                            nm, round(nm * r.uniform(*other)) or 1, nd, None))
        for label, lo, hi in r.sample((("Gross profit", .3, .6), ("Operating income", .08, .25), ("Adjusted EBITDA", .12, .35)),
                                      r.choice((0, 1, 2))):
            om, od = scaled(r, m, d, lo, hi)
            rows.insert(r.randint(1, len(rows)), row(label, om, round(om * r.uniform(*other)) or 1, od, None))
        P = r.choice(self.nouns).replace("its ", "the ")
        intro = r.choice((f"{self.company} - {P} results", f"{self.company} reported the following for {P}:",
                          f"Condensed results of {self.company}, {P}"))
        extra = ["Revenue declined year over year."] if self.declined and not change else []
        extra = " ".join(s for s in extra + [self.guidance_sentence()] + self.cue_lines() if s)
        header = sep.join([" " * 14, cur, prior] + (["Change"] if change else [])).rstrip()
        return "\n".join([intro, self.money.table_header(r), header] + rows + ([extra] if extra else []))

    def brief(self):
        r, parts, g = self.rng, [], self.growth
        rv = r.choice(("rev", "revenue", "sales"))
        delta = (f"{g:+g}% {r.choice(('y/y', 'YoY'))}" if g else "flat y/y" if g == 0
                 else "down y/y" if self.declined else "")
        if self.show_rev:
            parts.append(f"{rv} {self.money(*self.rev)}" + (f" ({delta})" if delta else ""))
        elif delta:
            parts.append(f"{rv} {delta}")
        if self.show_ni:
            nm, nd = self.ni
            parts.append(f"{r.choice(('net loss', 'net loss of') if nm < 0 else ('net income', 'NI', 'net profit'))} "
                         f"{self.money(abs(nm), nd)}")
        extras = [r.choice(GUIDANCE_SHORT[self.guidance])] + [CUE_SHORT.get(c, "") for c in self.cues]
        text = f"{self.company} {r.choice(self.labels)}: " + r.choice(("; ", ", ")).join(parts + [x for x in extras if x]) + "."
        return text + (" " + self.distractors(1)[0] if r.random() < .3 else "")


def make_example(rng):
    rel = Release(rng)
    text = rng.choices((rel.prose, rel.bullets, rel.table, rel.brief), (52, 18, 15, 15))[0]()
    if rng.random() < .03:  # rare typo in a non-critical word
        for word, typo in TYPOS:
            if word in text and word not in rel.company.lower():
                text = text.replace(word, typo, 1)
                break
    output = {"company": rel.company, "period": rel.period,
              "revenue": amount_value(*rel.rev) if rel.show_rev else None,
              "net_income": amount_value(*rel.ni) if rel.show_ni else None,
              "currency": rel.currency, "unit": rel.unit, "revenue_growth_pct": rel.growth,
              "guidance": rel.guidance, "sentiment": rel.sentiment}
    return {"input": text, "output": output}


def generate(rng: random.Random, n: int) -> list[dict]:
    examples, seen = [], set()
    while len(examples) < n:
        ex = make_example(rng)
        if ex["input"] not in seen:
            seen.add(ex["input"])
            examples.append(ex)
    return examples


if __name__ == "__main__":
    import collections
    import json
    import pathlib

    from jsonschema import Draft202012Validator

    schema = json.loads((pathlib.Path(__file__).resolve().parents[1] / "schemas" / "financial.schema.json").read_text())
    validator = Draft202012Validator(schema)
    data = generate(random.Random(0), 600)
    assert data == generate(random.Random(0), 600), "not deterministic"
    assert len({ex["input"] for ex in data}) == len(data), "duplicate inputs"
    for ex in data:
        errors = list(validator.iter_errors(ex["output"]))
        assert not errors, (ex, errors)
        assert list(ex["output"]) == list(schema["properties"]), "output keys not in schema order"
        assert ex["output"]["company"] in ex["input"], ex
    for ex in data[:4]:
        print(ex["input"], "\n->", json.dumps(ex["output"], ensure_ascii=False), "\n")
    for key in ("unit", "guidance", "sentiment", "currency"):
        print(key, dict(collections.Counter(ex["output"][key] for ex in data).most_common()))
    for key in ("revenue", "net_income", "revenue_growth_pct"):
        print(f"{key} null: {sum(ex['output'][key] is None for ex in data) / len(data):.0%}")
    print(f"net loss: {sum((ex['output']['net_income'] or 0) < 0 for ex in data) / len(data):.0%},",
          f"quarters: {sum(ex['output']['period'].startswith('Q') for ex in data) / len(data):.0%}")
    words = sorted(len(ex["input"].split()) for ex in data)
    print("words min/p10/median/p90/max:", words[0], words[60], words[300], words[540], words[-1])
    print("OK: 600 valid, distinct, deterministic")
