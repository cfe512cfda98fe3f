"""Synthetic court-decision summaries -> legal.schema.json records (stdlib only, deterministic).

Each summary is composed from independently chosen pieces (caption, court line, facts, procedural history,
disposition, dates, distractors) laid out as prose, labelled fields, numbered paragraphs or a terse headline.
The extraction rules an annotator would follow are in data/rules/legal.md.
"""
import datetime
import random
import re


def _t(text):
    """'a|b|c' -> ('a', 'b', 'c'); keeps the data tables compact."""
    return tuple(s.strip() for s in text.split("|"))


# ------------------------------------------------------------------------------------------------ parties
FIRST_NAMES = _t(
    "Maria|James|Aisha|Wei|Olumide|Priya|Carlos|Siobhán|Dmitri|Fatima|Hiroshi|Ingrid|Kwame|Lucía|Mateo|Nadia|"
    "Oksana|Pedro|Rahul|Sofia|Tomasz|Yuki|Zainab|Amara|Benjamin|Chloé|Deepak|Elena|Farid|Gabriel|Hana|Ibrahim|"
    "Jae-won|Kateryna|Liam|Mei|Nikhil|Olga|Patrick|Rosa|Samuel|Thandiwe|Umar|Valentina|William|Ximena|Yusuf|Zoe|"
    "Bridget|Chinedu|Dolores|Emeka|Francesca|Giovanni|Halima|Ivan|Jamal|Keiko|Lars|Anjali|Björn|Connor|Darnell|"
    "Esperanza|Hyun-woo|Joaquín|Kofi|Leilani|Malik|Noor|Seamus|Tariq")
LAST_NAMES = _t(
    "García|Okafor|Chen|Kowalski|Nguyen|Patel|O'Brien|Rossi|Ivanova|Haddad|Tanaka|Johansson|Mensah|Fernández|"
    "Dubois|Schmidt|Kim|Singh|Murphy|Alvarez|Novak|Yamamoto|Abdullah|Adeyemi|MacLeod|Silva|Kaur|Hernández|Jensen|"
    "Levy|Mbeki|Nakamura|Popescu|Quintero|Romero|Sato|Thompson|van der Berg|Wójcik|Xu|Yilmaz|Zhou|Anderson|"
    "Brennan|Castillo|Delgado|Fitzgerald|Hoang|Iyer|Jackson|Khan|Lindqvist|Moreno|Ortiz|Park|Reyes|Santos|Tran|"
    "Walsh|de la Cruz|St. Pierre|Banerjee|Oyelaran|Kovačević|Al-Masri")
COMPANY_ROOTS = _t(
    "Brightwater|Northgate|Keystone|Silverline|Redwood|Harborview|Blue Mesa|Ironbridge|Crescent|Summit Peak|"
    "Lakeshore|Pinecrest|Granite State|Meridian|Cobalt|Tidewater|Sunbelt|Highland|Evergreen|Orchard Lane|Atlas|"
    "Beacon|Cardinal|Driftwood|Falcon Ridge|Goldleaf|Heron|Juniper|Kestrel|Lodestar|Maple Leaf|Nordhavn|Oakmont|"
    "Pacifica|Quarry Hill|Riverbend|Saffron|Thornbury|Vantage|Westbrook|Yellowstone|Zephyr|Okonkwo|Takahashi|"
    "Castellano|Dravid|Haugen|Lindgren|Moreau|Novotny|Petrov|Sandoval|Vukovic|Whitfield|Aldridge|Coldstream|"
    "Danforth|Eastwick|Bellamy|Ridgeline")
COMPANY_KINDS = _t("Logistics|Holdings|Foods|Software|Medical Supply|Construction|Energy|Pharmaceuticals|Realty|"
                   "Motors|Insurance|Textiles|Marine|Hospitality|Analytics|Farms|Steel|Telecom|Bakeries|Freight|Dental")
COMPANY_SUFFIXES = {"us": _t("Inc.|LLC|Corp.|L.P.|Co.|Corporation|, Inc.|, LLC|GmbH|S.A."),
                    "uk": _t("Ltd|Limited|plc|LLP|Ltd|B.V.")}
LENDER_KINDS = {"us": _t("Bank, N.A.|Federal Credit Union|Capital Finance LLC|Savings Bank"),
                "uk": _t("Bank plc|Finance Ltd|Building Society|Commercial Finance Limited")}
UNIONS = _t("International Brotherhood of Teamsters, Local 705|United Steelworkers, Local 1999|Service Employees "
            "International Union, Local 32BJ|United Food and Commercial Workers Local 400|Communications Workers of "
            "America, Local 9510|Amalgamated Transit Union Local 1277")
UK_LOCAL_AUTHORITIES = _t("Birmingham City Council|London Borough of Hackney|Leeds City Council|Kent County "
                          "Council|Glasgow City Council|Cardiff Council")
CITIES = _t("Oakland|Tulsa|Newark|Spokane|El Paso|Toledo|Fresno|Aurora|Camden|Baton Rouge")

# ------------------------------------------------------------------------------------------------ United States
US_DISTRICTS = _t(
    "Northern District of California|Central District of California|Southern District of New York|Eastern District "
    "of New York|Northern District of Illinois|Southern District of Texas|Eastern District of Texas|Western "
    "District of Washington|District of Massachusetts|District of New Jersey|Eastern District of Pennsylvania|"
    "Southern District of Florida|Northern District of Georgia|District of Colorado|District of Arizona|District "
    "of Minnesota|Eastern District of Michigan|District of Maryland|District of Oregon|Eastern District of "
    "Virginia|Middle District of Tennessee|Southern District of Ohio|District of Delaware|District of Nevada|"
    "Western District of Missouri|District of Utah|Eastern District of Louisiana|District of Puerto Rico")
CIRCUITS = _t("First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|District of Columbia")
DISTRICT_FORMS = _t("United States District Court for the {}|U.S. District Court for the {}|United States District "
                    "Court, {}")
BANKRUPTCY_FORMS = _t("United States Bankruptcy Court for the {}|U.S. Bankruptcy Court for the {}|Bankruptcy Court "
                      "for the {}")
CIRCUIT_FORMS = _t("United States Court of Appeals for the {} Circuit|U.S. Court of Appeals for the {} Circuit")
BAP_FORMS = _t("Bankruptcy Appellate Panel of the {} Circuit|United States Bankruptcy Appellate Panel for the {} "
               "Circuit")
US_FED_TRIBUNALS = {  # first-instance federal tribunal -> (respondent agencies; None = union v. employer, docket)
    "Merit Systems Protection Board": (_t("Department of the Army|Department of Homeland Security|U.S. Postal "
                                          "Service"), "MSPB Docket No. @@-0752-{yy}-0###-I-1"),
    "National Labor Relations Board": (None, "Case ##-CA-######"),
    "Board of Veterans' Appeals": (_t("Secretary of Veterans Affairs"), "Docket No. {yy}-##-###"),
    "Social Security Administration Appeals Council": (_t("Commissioner of Social Security"), "ALJ No. ###-####"),
    "United States Tax Court": (_t("Commissioner of Internal Revenue"), "Docket No. #####-{yy}")}
US_STATE_TRIBUNALS = _t("Office of Administrative Hearings|Division of Administrative Hearings|Administrative "
                        "Hearing Commission")
US_STATES = (  # name, prosecutor, trial courts, appellate courts, statutes: civil, criminal, family, administrative
    ("California", "People of the State of California",
     _t("Superior Court of California, County of Alameda|Superior Court of California, County of Fresno|Los Angeles"
        " County Superior Court|Superior Court of California, County of San Diego"),
     _t("California Court of Appeal, First Appellate District|Court of Appeal of California, Fourth Appellate "
        "District, Division One|Supreme Court of California"),
     _t("Cal. Civ. Code § 1542|Cal. Bus. & Prof. Code § 17200|Cal. Lab. Code § 1102.5|Cal. Gov. Code § 12940(a)"),
     _t("Cal. Penal Code § 187(a)|Cal. Penal Code § 459|Cal. Veh. Code § 23152(a)|Cal. Penal Code § 245(a)(1)"),
     _t("Cal. Fam. Code § 3011|Cal. Fam. Code § 4320|Cal. Fam. Code § 7822|Cal. Fam. Code § 6320"),
     _t("Cal. Unemp. Ins. Code § 1256|Cal. Veh. Code § 13353|Cal. Bus. & Prof. Code § 2761")),
    ("New York", "People of the State of New York",
     _t("Supreme Court of the State of New York, County of Kings|Supreme Court of the State of New York, New York "
        "County|Family Court of the State of New York, County of Queens|Westchester County Court"),
     _t("Appellate Division, Second Department|Appellate Division of the Supreme Court, First Department|New York "
        "Court of Appeals"),
     _t("N.Y. Gen. Bus. Law § 349|N.Y. Lab. Law § 740|N.Y. C.P.L.R. § 214(5)|N.Y. Exec. Law § 296"),
     _t("N.Y. Penal Law § 155.30|N.Y. Penal Law § 160.15|N.Y. Veh. & Traf. Law § 1192(3)"),
     _t("N.Y. Dom. Rel. Law § 240|N.Y. Fam. Ct. Act § 413|N.Y. Dom. Rel. Law § 236(B)"),
     _t("N.Y. Workers' Comp. Law § 15|N.Y. Educ. Law § 6510|N.Y. Lab. Law § 593")),
    ("Texas", "State of Texas",
     _t("District Court of Harris County, Texas|333rd District Court of Harris County|Travis County District Court|"
        "County Court at Law No. 2 of Dallas County"),
     _t("Court of Appeals for the Fourteenth District of Texas|Texas Court of Criminal Appeals|Supreme Court of "
        "Texas|Court of Appeals of Texas, Fifth District at Dallas"),
     _t("Tex. Civ. Prac. & Rem. Code § 27.003|Tex. Bus. & Com. Code § 17.46|Tex. Lab. Code § 21.051"),
     _t("Tex. Penal Code § 22.02|Tex. Penal Code § 49.04|Tex. Health & Safety Code § 481.112"),
     _t("Tex. Fam. Code § 153.002|Tex. Fam. Code § 161.001|Tex. Fam. Code § 154.125"),
     _t("Tex. Gov't Code § 2001.174|Tex. Occ. Code § 301.452|Tex. Lab. Code § 207.044")),
    ("Florida", "State of Florida",
     _t("Circuit Court of the Eleventh Judicial Circuit in and for Miami-Dade County|Circuit Court for Orange "
        "County, Florida|Seventeenth Judicial Circuit Court, Broward County"),
     _t("Florida Third District Court of Appeal|District Court of Appeal of Florida, Fourth District|Supreme Court"
        " of Florida"),
     _t("Fla. Stat. § 768.81|Fla. Stat. § 501.204|Fla. Stat. § 448.102"),
     _t("Fla. Stat. § 893.13|Fla. Stat. § 812.014|Fla. Stat. § 316.193"),
     _t("Fla. Stat. § 61.13|Fla. Stat. § 61.08|Fla. Stat. § 741.30"),
     _t("Fla. Stat. § 120.57|Fla. Stat. § 443.101|Fla. Stat. § 456.072")),
    ("Illinois", "People of the State of Illinois",
     _t("Circuit Court of Cook County, Illinois|Circuit Court of the Eighteenth Judicial Circuit, DuPage County|"
        "Circuit Court of Sangamon County"),
     _t("Illinois Appellate Court, First District|Appellate Court of Illinois, Second District|Supreme Court of "
        "Illinois"),
     _t("815 ILCS 505/2|740 ILCS 14/15(b)|820 ILCS 105/4a"), _t("720 ILCS 5/12-3.05|720 ILCS 5/19-1|625 ILCS "
                                                                 "5/11-501(a)"),
     _t("750 ILCS 5/602.7|750 ILCS 5/504|750 ILCS 5/609.2"), _t("820 ILCS 405/602(A)|225 ILCS 65/70-5|775 ILCS "
                                                                "5/7A-102")),
    ("Pennsylvania", "Commonwealth of Pennsylvania",
     _t("Court of Common Pleas of Philadelphia County|Court of Common Pleas of Allegheny County|Court of Common "
        "Pleas of Lancaster County"),
     _t("Superior Court of Pennsylvania|Commonwealth Court of Pennsylvania|Supreme Court of Pennsylvania"),
     _t("73 P.S. § 201-2|43 P.S. § 1423|42 Pa.C.S. § 8371"), _t("18 Pa.C.S. § 3502|18 Pa.C.S. § 2702(a)|75 Pa.C.S."
                                                                 " § 3802(a)(1)"),
     _t("23 Pa.C.S. § 5328|23 Pa.C.S. § 3701|23 Pa.C.S. § 2511(a)"), _t("43 P.S. § 802(e)|63 P.S. § 224|2 Pa.C.S."
                                                                         " § 704")),
    ("Ohio", "State of Ohio",
     _t("Cuyahoga County Court of Common Pleas|Court of Common Pleas of Franklin County, Ohio|Hamilton County Court"
        " of Common Pleas, Domestic Relations Division"),
     _t("Ohio Court of Appeals, Eighth Appellate District|Court of Appeals of Ohio, Tenth District|Supreme Court of"
        " Ohio"),
     _t("Ohio Rev. Code § 1345.02|Ohio Rev. Code § 4112.02|Ohio Rev. Code § 2305.10"),
     _t("Ohio Rev. Code § 2903.11|Ohio Rev. Code § 2911.01|Ohio Rev. Code § 2925.03"),
     _t("Ohio Rev. Code § 3109.04|Ohio Rev. Code § 3105.18|Ohio Rev. Code § 3119.79"),
     _t("Ohio Rev. Code § 4141.29|Ohio Rev. Code § 119.12|Ohio Rev. Code § 4731.22")),
    ("Washington", "State of Washington",
     _t("Superior Court of Washington for Spokane County|Pierce County Superior Court|Superior Court of the State of "
        "Washington, County of Snohomish"),
     _t("Washington Court of Appeals, Division Two|Court of Appeals of the State of Washington, Division Three|"
        "Supreme Court of the State of Washington"),
     _t("RCW 49.60.180|RCW 49.52.070|RCW 4.16.080(2)"), _t("RCW 9A.36.021|RCW 9A.56.200|RCW 69.50.401"),
     _t("RCW 26.09.187|RCW 26.19.071|RCW 26.09.520"), _t("RCW 34.05.570(3)|RCW 50.20.066|RCW 18.130.180")),
    ("Michigan", "People of the State of Michigan",
     _t("Circuit Court for the County of Washtenaw|Wayne County Circuit Court|Circuit Court for the County of "
        "Ingham, Family Division"),
     _t("Michigan Court of Appeals|Court of Appeals of Michigan|Michigan Supreme Court"),
     _t("MCL 37.2202|MCL 445.903|MCL 600.2912a"), _t("MCL 750.84|MCL 750.529|MCL 333.7401"),
     _t("MCL 722.23|MCL 552.23|MCL 722.27(1)(c)"), _t("MCL 421.29(1)(b)|MCL 24.306|MCL 333.16221")),
    ("Colorado", "People of the State of Colorado",
     _t("District Court, Boulder County, Colorado|Denver District Court|District Court, City and County of Denver"),
     _t("Colorado Court of Appeals|Supreme Court of Colorado|Colorado Supreme Court"),
     _t("C.R.S. § 6-1-105|C.R.S. § 13-21-111.5|C.R.S. § 24-34-402"),
     _t("C.R.S. § 18-3-203|C.R.S. § 18-4-401|C.R.S. § 42-4-1301"),
     _t("C.R.S. § 14-10-124|C.R.S. § 14-10-114|C.R.S. § 14-10-129"),
     _t("C.R.S. § 24-4-106|C.R.S. § 8-73-108|C.R.S. § 12-240-121")),
    ("New Jersey", "State of New Jersey",
     _t("Superior Court of New Jersey, Law Division, Essex County|Superior Court of New Jersey, Chancery Division, "
        "Family Part, Monmouth County|Superior Court of New Jersey, Law Division, Criminal Part, Camden County"),
     _t("Superior Court of New Jersey, Appellate Division|Supreme Court of New Jersey"),
     _t("N.J.S.A. 34:19-3|N.J.S.A. 10:5-12|N.J.S.A. 2A:14-2"), _t("N.J.S.A. 2C:15-1|N.J.S.A. 2C:20-3|N.J.S.A. "
                                                                   "2C:35-5"),
     _t("N.J.S.A. 2A:34-23|N.J.S.A. 9:2-4|N.J.S.A. 2C:25-29"), _t("N.J.S.A. 43:21-5(a)|N.J.S.A. 52:14B-10|"
                                                                  "N.J.S.A. 45:1-21")),
    ("Georgia", "State of Georgia",
     _t("Superior Court of Fulton County|Superior Court of Chatham County, Georgia|State Court of Gwinnett County"),
     _t("Court of Appeals of Georgia|Supreme Court of Georgia"),
     _t("O.C.G.A. § 51-1-11|O.C.G.A. § 10-1-393|O.C.G.A. § 13-6-11"),
     _t("O.C.G.A. § 16-5-21|O.C.G.A. § 16-8-41|O.C.G.A. § 40-6-391"),
     _t("O.C.G.A. § 19-9-3|O.C.G.A. § 19-6-15|O.C.G.A. § 19-13-4"),
     _t("O.C.G.A. § 50-13-19|O.C.G.A. § 34-8-194|O.C.G.A. § 43-34-8")),
    ("Arizona", "State of Arizona",
     _t("Superior Court of Arizona, Maricopa County|Pima County Superior Court"),
     _t("Arizona Court of Appeals, Division One|Arizona Supreme Court"),
     _t("A.R.S. § 44-1522|A.R.S. § 12-341.01|A.R.S. § 23-1501"), _t("A.R.S. § 13-1204|A.R.S. § 13-1904|A.R.S. § "
                                                                     "28-1381(A)(1)"),
     _t("A.R.S. § 25-403|A.R.S. § 25-319|A.R.S. § 25-408"), _t("A.R.S. § 41-1092.08|A.R.S. § 23-619.01|A.R.S. § "
                                                               "32-1663")),
    ("Massachusetts", "Commonwealth of Massachusetts",
     _t("Suffolk Superior Court|Massachusetts Superior Court, Middlesex County|Probate and Family Court, Norfolk "
        "Division"),
     _t("Massachusetts Appeals Court|Supreme Judicial Court of Massachusetts|Appeals Court of Massachusetts"),
     _t("G.L. c. 93A, § 9|G.L. c. 151B, § 4|G.L. c. 149, § 148"), _t("G.L. c. 265, § 15A|G.L. c. 266, § 30|G.L. c."
                                                                      " 90, § 24"),
     _t("G.L. c. 208, § 34|G.L. c. 209C, § 9|G.L. c. 209A, § 3"), _t("G.L. c. 30A, § 14|G.L. c. 151A, § 25(e)|G.L."
                                                                      " c. 112, § 61")),
)
STATE_STYLES = (  # the same provision cited in a state's other customary styles: (prefix, replacement prefix)
    ("Cal. Penal Code § ", "Pen. Code, § "), ("Cal. Penal Code § ", "Penal Code section "), ("Cal. Civ. Code § ",
    "Civ. Code, § "), ("Cal. Civ. Code § ", "Civil Code section "), ("Cal. Fam. Code § ", "Fam. Code, § "),
    ("Cal. Fam. Code § ", "Family Code section "), ("Cal. Lab. Code § ", "Lab. Code, § "), ("Cal. Veh. Code § ",
    "Vehicle Code section "), ("N.Y. Penal Law § ", "Penal Law § "), ("N.Y. Dom. Rel. Law § ",
    "Domestic Relations Law § "), ("N.Y. Lab. Law § ", "Labor Law § "), ("N.Y. Exec. Law § ", "Executive Law § "), ("Fla. Stat. § ",
    "section "), ("Fla. Stat. § ", "Florida Statutes section "), ("Ohio Rev. Code § ", "R.C. "), ("Ohio Rev. Code § ",
    "R.C. § "), ("Tex. Penal Code § ", "Texas Penal Code section "), ("Tex. Fam. Code § ", "Family Code § "),
    ("18 Pa.C.S. § ", "18 Pa.C.S.A. § "), ("23 Pa.C.S. § ", "23 Pa.C.S.A. § "), ("C.R.S. § ", "C.R.S. "),
    ("MCL ", "MCL § "), ("A.R.S. § ", "A.R.S. "), ("RCW ", "RCW § "))
FEDERAL_STATUTES = {
    "civil": _t("42 U.S.C. § 1983|42 U.S.C. § 2000e-2(a)|29 U.S.C. § 216(b)|15 U.S.C. § 1125(a)|17 U.S.C. § 501|47 "
                "U.S.C. § 227(b)|15 U.S.C. § 1681e(b)|15 U.S.C. § 1692e|29 U.S.C. § 1132(a)(1)(B)|35 U.S.C. § 101|"
                "42 U.S.C. § 12112(a)|28 U.S.C. § 1332|29 U.S.C. §§ 206-207|Title VII of the Civil Rights Act of 1964|"
                "Section 10(b) of the Securities Exchange Act of 1934|42 U.S.C. § 2000e-2(m)|15 U.S.C. §§ 1-2|"
                "Section 43(a) of the Lanham Act|29 U.S.C. § 2615(a)(2)"),
    "criminal": _t("18 U.S.C. § 3583(e)(3)|18 U.S.C. §§ 1341-1343|18 U.S.C. § 2252A(a)(2)|21 U.S.C. § 841(a)(1)|18 U.S.C. § 1343|18 U.S.C. § 1028A|18 U.S.C. § "
                   "2113(a)|18 U.S.C. § 924(c)|8 U.S.C. § 1326|18 U.S.C. § 3582(c)(1)(A)|18 U.S.C. § 1956(h)"),
    "administrative": _t("Section 8(a)(5) of the National Labor Relations Act|5 U.S.C. § 706(2)(A)|42 U.S.C. § 405(g)|8 U.S.C. § 1158|8 U.S.C. § 1229b(b)(1)|29 U.S.C."
                         " § 158(a)(3)|5 U.S.C. § 7513|38 U.S.C. § 5103A|42 U.S.C. § 423(d)|26 U.S.C. § 6662"),
    "bankruptcy": _t("11 U.S.C. § 362(d)(1)|11 U.S.C. § 523(a)(2)(A)|11 U.S.C. § 727(a)(4)|11 U.S.C. § 1129(a)|11 "
                     "U.S.C. § 547(b)|11 U.S.C. § 548(a)(1)|11 U.S.C. § 365(a)|11 U.S.C. § 1325(a)|11 U.S.C. § "
                     "707(b)|11 U.S.C. § 523(a)(6)|28 U.S.C. § 158(a)")}

# ------------------------------------------------------------------------------------------------ United Kingdom
UK_ACTS = {  # (Act, section), rendered in several citation styles
    "civil": (("Misrepresentation Act 1967", "2(1)"), ("Companies Act 2006", "994"), ("Defamation Act 2013", "1"),
              ("Limitation Act 1980", "33"), ("Consumer Rights Act 2015", "49"), ("Equality Act 2010", "13"),
              ("Employment Rights Act 1996", "98"), ("Landlord and Tenant Act 1954", "30(1)(f)")),
    "criminal": (("Theft Act 1968", "1"), ("Offences against the Person Act 1861", "18"), ("Fraud Act 2006", "2"),
                 ("Police and Criminal Evidence Act 1984", "78"), ("Misuse of Drugs Act 1971", "5(3)"),
                 ("Criminal Justice Act 2003", "101(1)(d)"), ("Road Traffic Act 1988", "1")),
    "family": (("Matrimonial Causes Act 1973", "25"), ("Children Act 1989", "8"), ("Family Law Act 1996", "42"),
               ("Children Act 1989", "31"), ("Adoption and Children Act 2002", "52")),
    "administrative": (("Nationality, Immigration and Asylum Act 2002", "117B"), ("Value Added Tax Act 1994", "83"),
                       ("Town and Country Planning Act 1990", "288"), ("Finance Act 2004", "205")),
    "bankruptcy": (("Insolvency Act 1986", "123(1)(e)"), ("Insolvency Act 1986", "238"), ("Insolvency Act 1986",
                   "423"), ("Insolvency Act 1986", "282"))}
UK_TRIAL_COURTS = {
    "civil": _t("High Court of Justice, King's Bench Division|High Court of Justice, Business and Property Courts|"
                "County Court at Central London|Court of Session, Outer House|High Court of Justice, Chancery "
                "Division"),
    "criminal": _t("Crown Court at Southwark|Crown Court at Manchester|Central Criminal Court|Crown Court at Cardiff|"
                   "Sheriff Court at Glasgow"),
    "family": _t("Family Court at Leeds|High Court of Justice, Family Division|Family Court sitting at East London|"
                 "Family Court at Bristol"),
    "administrative": _t("Upper Tribunal (Immigration and Asylum Chamber)|First-tier Tribunal (Tax Chamber)|Upper "
                         "Tribunal (Administrative Appeals Chamber)|Planning Court|Medical Practitioners Tribunal"),
    "bankruptcy": _t("High Court of Justice, Chancery Division (Insolvency and Companies List)|High Court of Justice,"
                     " Business and Property Courts in Manchester|County Court at Birmingham")}
UK_APPEAL_COURTS = _t("Court of Appeal (Civil Division)|Court of Appeal (Criminal Division)|Supreme Court of the "
                      "United Kingdom|Court of Appeal of England and Wales|Employment Appeal Tribunal|Inner House of "
                      "the Court of Session|High Court of Justiciary")
COURT_FITS = {  # keyword in a court's name -> the case types it may hear
    "Law Division": ("civil", "criminal"), "Probate": ("family",), "State Court of": ("civil", "criminal"),
    "Criminal": ("criminal",), "Justiciary": ("criminal",), "Employment": ("civil",), "Family": ("family",),
    "Domestic": ("family",), "Civil Division": ("civil", "family", "administrative", "bankruptcy"),
    "Session": ("civil", "family"), "County Court": ("civil", "criminal")}
NEUTRAL_CITATIONS = {  # court -> its neutral citation (used as the case number for some decisions)
    "Court of Appeal (Civil Division)": "[{yyyy}] EWCA Civ ###", "Court of Appeal of England and Wales":
    "[{yyyy}] EWCA Civ ###", "Court of Appeal (Criminal Division)": "[{yyyy}] EWCA Crim ###", "Supreme Court of "
    "the United Kingdom": "[{yyyy}] UKSC ##", "Employment Appeal Tribunal": "[{yyyy}] EAT ###", "Inner House of "
    "the Court of Session": "[{yyyy}] CSIH ##", "Court of Session, Outer House": "[{yyyy}] CSOH ##", "High Court of"
    " Justice, King's Bench Division": "[{yyyy}] EWHC #### (KB)", "High Court of Justice, Family Division":
    "[{yyyy}] EWHC #### (Fam)", "Upper Tribunal (Immigration and Asylum Chamber)": "[{yyyy}] UKUT ### (IAC)",
    "First-tier Tribunal (Tax Chamber)": "[{yyyy}] UKFTT ### (TC)", "Planning Court": "[{yyyy}] EWHC #### (Admin)",
    "High Court of Justice, Chancery Division (Insolvency and Companies List)": "[{yyyy}] EWHC #### (Ch)",
    "High Court of Justice, Chancery Division": "[{yyyy}] EWHC #### (Ch)", "Family Court at Leeds": "[{yyyy}] "
    "EWFC ###", "High Court of Justiciary": "[{yyyy}] HCJAC ##", "Upper Tribunal (Administrative Appeals Chamber)":
    "[{yyyy}] UKUT ### (AAC)"}
CASE_NUMBER_FORMATS = {  # '#' digit, '@' capital letter, {yy}/{yyyy} year
    ("us_fed", "trial"): _t("Case No. #:{yy}-cv-0####-@@|No. {yy}-cv-#####|Civil Action No. {yy}-####|No. #:{yy}-"
                            "cv-0####|C.A. No. {yy}-###-@@@|Civil Action No. {yy}-#### (@@@)|Case No. #:{yy}-cv-0####|"
                            "No. #:{yy}-cv-0####-@@@-@@@|Civil No. {yy}-##### (@@/@@@)"),
    ("us_fed", "criminal"): _t("Case No. #:{yy}-cr-00###|No. {yy}-cr-####|Criminal No. {yy}-###-@@@|Criminal No. "
                               "#:{yy}-cr-00###|No. CR {yy}-0###-@@@|Case No. {yy}-mj-0####|No. #:{yy}-cr-#####-@@@-#"),
    ("us_fed", "appeal"): _t("No. {yy}-####|No. {yy}-#####|Docket No. {yy}-####|No. {yy}-####-cv|No. {yy}-###-cr|"
                             "No. {yyyy}-####|Nos. {yy}-####, {yy}-####"),
    ("us_fed", "bankruptcy"): _t("Bankr. No. {yy}-#####|Case No. {yy}-#####-@@@|Adv. Pro. No. {yy}-5####|Bankr. "
                                 "Case No. {yy}-#####|Case No. {yy}-B-#####|Adv. Proc. No. {yy}-5#### (@@@)|"
                                 "Case No. {yy}-##### (@@@)|Bankruptcy No. {yy}-#####-@@"),
    ("us_fed", "bap"): _t("BAP No. @@-{yy}-####|Civil Action No. {yy}-###-@@@"),
    ("us_state", "trial"): _t("No. @@{yy}-######|Index No. ######/{yyyy}|Case No. {yyyy}-@@-#####|Cause No. {yyyy}-"
                              "#####|Docket No. @@@-L-####-{yy}|Cause No. @-#-@@-{yy}-00####|File No. {yy}-#####-@@|"
                              "Case No. {yyyy}@@######|No. {yy}-#-#####-# @@@|Case No. @{yy}-0#####|#####"),
    ("us_state", "appeal"): _t("No. @1#####|No. ##-{yy}-00###-CV|Docket No. A-####-{yy}|No. {yyyy}-####|@0#####|"
                               "Appeal No. ####|No. ## @@@ {yyyy}|No. #-{yy}-####|No. ##-{yy}-00###-CR|No. @@{yy}-####|"
                               "No. ######"),
    ("us_state", "family"): _t("Docket No. V-#####-{yy}|Case No. {yyyy}-DR-#####|No. FM-##-######-{yy}|Case No. "
                               "{yyyy}DR#####|File No. {yy}-#####-@@|Docket No. @-#####-{yy}/{yy}@|No. {yy}-#-#####-#"),
    ("uk", "trial"): _t("Claim No. @@-{yyyy}-######|Case No. @@{yy}@#####|Claim No. @##@@###|@@-{yyyy}-######"),
    ("uk", "criminal"): _t("Case No. T{yyyy}####|Indictment No. T{yyyy}####|Case No. {yyyy}/0####/@#"),
    ("uk", "administrative"): _t("Appeal No. UI-{yyyy}-######|Appeal No. TC/{yyyy}/#####|UI-{yyyy}-######|"
                                 "TC/{yyyy}/#####"),
    ("uk", "bankruptcy"): _t("CR-{yyyy}-######|BR-{yyyy}-######|No. ####### of {yyyy}"),
    ("uk", "appeal"): _t("Case No. CA-{yyyy}-######|Appeal No. {yyyy}/####")}
PROSECUTORS = {"us_fed": _t("United States|United States of America"),
               "uk": _t("R|Rex|Director of Public Prosecutions")}
AGENCIES = {
    "us_fed": _t("Commissioner of Social Security|Secretary of Veterans Affairs|Department of Homeland Security|"
                 "Commissioner of Internal Revenue|Environmental Protection Agency|Federal Aviation Administration"),
    "us_state": _t("Department of Motor Vehicles|Employment Development Department|Board of Registered Nursing|"
                   "Department of Revenue|State Medical Board|Department of Environmental Protection"),
    "uk": _t("Secretary of State for the Home Department|Commissioners for His Majesty's Revenue and Customs|"
             "Secretary of State for Work and Pensions|Financial Conduct Authority|General Medical Council")}
AGENCY_TOPICS = (  # keyword in the respondent agency's name -> what the decision under review was about
    ("Army|Postal", "a removal from federal employment|a 30-day suspension|a demotion"),
    ("Social Security|Work and Pensions|Veterans",
     "the denial of disability benefits|an overpayment decision|the termination of a disability pension"),
    ("Homeland|Home Department",
     "the refusal of a residence permit|the denial of an asylum claim|a deportation order|the cancellation of a visa"),
    ("Revenue", "a tax assessment|a penalty for late filing|the denial of a VAT refund"),
    ("Motor Vehicles", "the suspension of a driver's license|a license revocation after a refused breath test"),
    ("Nursing|Medical", "the revocation of a professional license|a disciplinary sanction"),
    ("Environmental|Aviation", "a permit denial|a civil penalty for safety violations|a pilot certificate suspension"),
    ("Employment", "the denial of unemployment benefits|a disqualification from benefits for misconduct"),
    ("Financial", "a financial penalty|a prohibition order"))
CASE_LAW = {  # distractors: never statutes, never parties
    "us": _t("Celotex Corp. v. Catrett, 477 U.S. 317 (1986)|Strickland v. Washington, 466 U.S. 668 (1984)|Ashcroft "
             "v. Iqbal, 556 U.S. 662 (2009)|Terry v. Ohio, 392 U.S. 1 (1968)|Mathews v. Eldridge, 424 U.S. 319 "
             "(1976)|Grogan v. Garner, 498 U.S. 279 (1991)|Troxel v. Granville, 530 U.S. 57 (2000)|Miranda v. "
             "Arizona, 384 U.S. 436 (1966)|Loper Bright Enterprises v. Raimondo, 603 U.S. 369 (2024)"),
    "uk": _t("Donoghue v Stevenson [1932] AC 562|Caparo Industries plc v Dickman [1990] 2 AC 605|R v Jogee [2016] "
             "UKSC 8|White v White [2001] 1 AC 596|Associated Provincial Picture Houses Ltd v Wednesbury Corporation "
             "[1948] 1 KB 223|Re B (A Child) [2013] UKSC 33")}
PROCEDURE_RULES = {  # distractors: rules of court are not statutes
    ("us", "civil"): _t("Fed. R. Civ. P. 12(b)(6)|Fed. R. Civ. P. 56(a)|Fed. R. Evid. 403"),
    ("us", "criminal"): _t("Fed. R. Crim. P. 33|Fed. R. Crim. P. 29|Fed. R. Evid. 403"),
    ("us", "bankruptcy"): _t("Fed. R. Bankr. P. 9019|Fed. R. Bankr. P. 7056"), ("uk", "family"): _t("FPR Part 12"),
    ("uk", "civil"): _t("CPR 3.4(2)(a)|CPR Part 24"), ("uk", "criminal"): _t("Crim PR 25.16")}

# ------------------------------------------------------------------------------------------------ stories
# A story fixes who sits on each side. Subjects written "subject=motion" pair the matter with the motion ruled on.
SUBJECTS = {
    "civil": _t("breach of contract|negligence|wrongful termination|trademark infringement|unpaid overtime wages|"
                "defamation|products liability|fraudulent misrepresentation|copyright infringement|age "
                "discrimination|unjust enrichment|breach of fiduciary duty|a data breach|false advertising|a "
                "slip-and-fall injury|tortious interference|unlawful robocalls|breach of a commercial lease|retaliation for reporting harassment|"
                "securities fraud in the sale of shares|deceptive sales practices|unpaid commissions|breach of "
                "warranty|a non-compete covenant|the return of a security deposit|disability discrimination|"
                "insurance bad faith|medical malpractice|misappropriation of trade secrets|a lemon-law vehicle buyback"),
    "civil_city": _t("excessive force by police officers|an unlawful arrest|a wrongful death in jail custody|"
                     "retaliation for protected speech"),
    "criminal": _t("wire fraud|possession of a firearm by a felon|drug trafficking|armed robbery|second-degree "
                   "murder|aggravated assault|money laundering|burglary|identity theft|driving under the "
                   "influence|arson|securities fraud|manslaughter|theft|possession with intent to supply|causing "
                   "grievous bodily harm|tax evasion|dangerous driving"),
    "labor": _t("the discharge of union supporters|a refusal to bargain|unlawful surveillance of organizers|"
                "threats made during a union campaign"),
    "family": _t("dissolution of the marriage=the petition for dissolution|custody of the parties' two children="
                 "the motion to modify custody|child support arrears=the application to increase child support|"
                 "spousal maintenance=the request for spousal maintenance|relocation with the child=the "
                 "relocation application|division of marital property=the motion for an unequal division|"
                 "parenting time=the motion to modify parenting time|a domestic violence protective order=the "
                 "request for a protective order|paternity and child support=the paternity petition|financial "
                 "remedies after divorce=the application for a lump-sum order"),
    "family_agency": _t("termination of parental rights=the petition to terminate parental rights|a care order "
                        "for three children=the application for a care order|the placement of a child in foster "
                        "care=the placement application|a supervision order=the application for a supervision "
                        "order"),
    "bankruptcy_us": _t("relief from the automatic stay=the motion for relief from the automatic stay|the "
                        "dischargeability of a debt=the motion for summary judgment|avoidance of a preferential "
                        "transfer=the motion for summary judgment|dismissal of a Chapter 13 case=the motion to "
                        "dismiss the case|denial of the debtor's discharge=the objection to discharge|conversion "
                        "of the case to Chapter 7=the motion to convert"),
    "bankruptcy_intl": _t("a winding-up petition=the winding-up petition|a bankruptcy order=the bankruptcy "
                          "petition|a transaction at an undervalue=the application to set aside the transfer|a "
                          "liquidator's claim for misfeasance=the misfeasance application"),
    "bankruptcy_debtor_us": _t("confirmation of its Chapter 11 plan=the motion to confirm the plan|rejection of "
                               "an unexpired lease=the motion to reject the lease|disallowance of a proof of claim="
                               "the objection to the claim|a sale of assets free and clear of liens=the sale "
                               "motion|an extension of the automatic stay=the motion to extend the stay"),
    "bankruptcy_debtor_intl": _t("setting aside a statutory demand=the application to set aside the statutory "
                                 "demand|annulment of the bankruptcy order=the annulment application|approval of "
                                 "a voluntary arrangement=the application for approval of the arrangement")}
FACTS = {  # {P} plaintiff side, {D} defendant side, {s} subject, {law} statute phrase
    "civil": _t("{P} sued {D} for {s}{law}.|{P} brought claims for {s} against {D}{law}.|{D} {was} sued by {P} over "
                "{s}{law}.|In this action for {s}{law}, {P} sought damages from {D}.|{P} alleged {s} by {D}{law}.|"
                "Claim by {P} against {D} for {s}{law}.|{P} filed suit against {D}, alleging {s}{law}."),
    "criminal": _t("{P} charged {D} with {s}{law}.|{P} prosecuted {D} for {s}{law}.|{D} {was} prosecuted by {P} for "
                   "{s}{law}.|Prosecution by {P} of {D} on charges of {s}{law}.|{P} indicted {D} for {s}{law}."),
    "criminal_appeal": _t("{D} appeals from a conviction for {s}{law} obtained by {P}.|{D} challenges a conviction"
                          " for {s}{law}; {P} defends the verdict.|On {D}'s appeal from a conviction for {s}{law}, "
                          "{P} argued that any error was harmless."),
    "administrative": _t("{P} challenged {s} by {D}{law}.|{P} sought review of {s} issued by {D}{law}.|Appeal by "
                         "{P} against {D} concerning {s}{law}.|{P} contested {s}, a decision of {D}{law}.|{D} was "
                         "the respondent to {P}'s challenge to {s}{law}."),
    "labor": _t("{P} charged {D} with unfair labor practices, namely {s}{law}.|{D} {was} accused by {P} of {s}{law}."),
    "family": _t("{P} petitioned the court against {D} regarding {s}{law}.|{P} filed an application concerning "
                 "{s}; {D} opposed it{law}.|Proceedings brought by {P} against {D} over {s}{law}.|{D} resisted the"
                 " application of {P} regarding {s}{law}."),
    "family_agency": _t("{P} petitioned against {D} seeking {s}{law}.|{P} brought proceedings against {D} for {s}"
                        "{law}.|{D} opposed the application of {P} for {s}{law}."),
    "bankruptcy": _t("{P} moved against {D} seeking {s}{law}.|{P} filed a motion regarding {s} in the case of {D}"
                     "{law}.|{P} sued {D} in an adversary proceeding concerning {s}{law}.|{D} opposed the request "
                     "of {P} for {s}{law}."),
    "bankruptcy_debtor": _t("{P} sought {s} over the objection of {D}{law}.|{P} moved for {s}; {D} objected{law}.|"
                            "{D} objected when {P} sought {s}{law}.")}
ROLES = {  # (plaintiff-side labels, defendant-side labels) by story; None = name only
    "civil": (_t("plaintiff|claimant|plaintiff"), _t("defendant|defendant|respondent")),
    "criminal": ((None,), _t("defendant|the accused|defendant")),
    "administrative": (_t("claimant|petitioner|applicant|appellant"), _t("respondent|the agency")),
    "labor": (_t("charging party|the union"), _t("respondent|the employer")),
    "family": (_t("petitioner|applicant|the petitioning parent"), _t("respondent|the respondent parent")),
    "family_agency": (_t("petitioner|the agency"), _t("respondent|the parent")),
    "bankruptcy": (_t("movant|creditor|plaintiff"), _t("debtor|debtor|defendant")),
    "bankruptcy_debtor": (_t("debtor|the debtor"), _t("creditor|objector|the creditor"))}
ROLE_REFS = {"civil": ("plaintiff", "defendant"), "criminal": ("prosecution", "defendant"), "administrative": (
    "petitioner", "agency"), "labor": ("union", "employer"), "family": ("petitioner", "respondent"), "family_agency":
    ("agency", "parent"), "bankruptcy": ("movant", "debtor"), "bankruptcy_debtor": ("debtor", "creditor")}
MOTIONS = {  # what was granted / denied when the subject does not name it
    "civil": _t("the motion for summary judgment|a preliminary injunction|class certification|the motion to compel "
                "arbitration|leave to amend the complaint|the application for an interim injunction"),
    "criminal": _t("the motion to suppress evidence|the motion for a new trial|the motion for compassionate "
                   "release|the application for bail|the motion for judgment of acquittal"),
    "administrative": _t("the application|the claim|the petition|the request for relief|the appeal"),
    "appeal_us": _t("leave to appeal|rehearing en banc|the motion for a stay pending appeal"),
    "appeal_uk": _t("permission to appeal|the application for permission to appeal|a stay pending appeal")}
DISMISSED = {"civil": _t("the complaint|the action|the claim|all claims"), "criminal": _t("the indictment|the "
             "charges|the information"), "administrative": _t("the petition|the appeal|the complaint"), "family":
             _t("the petition|the application"), "bankruptcy": _t("the case|the petition|the adversary complaint"),
             "appeal": _t("the appeal")}
PRIOR_RULINGS = {  # what the lower court did: distractor disposition words
    "civil": _t("granted summary judgment|dismissed the complaint|entered judgment on a jury verdict|denied a "
                "preliminary injunction|awarded damages of {amount}"),
    "criminal": _t("entered a conviction|denied the motion to suppress|imposed a sentence of {months} months|"
                   "granted the motion to suppress"),
    "administrative": _t("denied the claim|upheld the agency's decision|affirmed a penalty of {amount}|dismissed the"
                         " complaint|granted the application"),
    "family": _t("awarded primary custody|ordered child support of {amount} per month|denied the relocation "
                 "request|granted the divorce"),
    "family_agency": _t("terminated parental rights|entered a care order|denied reunification services"),
    "bankruptcy": _t("denied the discharge|granted relief from the stay|confirmed the plan|dismissed the case")}
DISPOSITIONS = {  # {c} court reference, {m} motion, {x} what was dismissed, {lower} the lower tribunal
    "granted": _t("{c} granted {m}.|{m} was granted.|IT IS ORDERED that {m} is GRANTED.|Held: {m} granted.|{c} "
                  "granted {m} in full.|Result: {m} GRANTED.|ORDERED, ADJUDGED AND DECREED that {m} be GRANTED."),
    "denied": _t("{c} denied {m}.|{m} was denied.|{c} refused {m}.|IT IS ORDERED that {m} is DENIED.|Held: {m} "
                 "denied.|{c} declined to grant {m}.|{c} rejected {m}."),
    "dismissed": _t("{c} dismissed {x}.|{x} was dismissed with prejudice.|{c} granted the motion to dismiss {x}.|"
                    "{c} struck out {x}.|Held: {x} DISMISSED.|{x} was dismissed without prejudice.|{c} dismissed "
                    "{x} for want of jurisdiction."),
    "affirmed": _t("{c} affirmed.|{c} affirmed the decision of {lower}.|Held: AFFIRMED.|{c} upheld the ruling of "
                   "{lower}.|The judgment was affirmed.|{c} affirmed the order in all respects."),
    "reversed": _t("{c} reversed.|{c} reversed and remanded.|Held: REVERSED.|{c} reversed the judgment of {lower}.|"
                   "{c} allowed the appeal and set aside the order of {lower}.|{c} affirmed in part and reversed in"
                   " part.|{c} overturned the ruling of {lower}.|REVERSED AND REMANDED for a new trial."),
    "remanded": _t("{c} vacated and remanded.|{c} remanded the matter to {lower} for further proceedings.|Held: "
                   "VACATED AND REMANDED.|{c} sent the case back to {lower}.|{c} remitted the case to {lower} for "
                   "rehearing.|{c} set aside the decision and remanded for reconsideration."),
    "settled": _t("the parties settled and {c} approved the settlement.|{c} entered a consent judgment after the "
                  "parties reached a settlement.|the case was dismissed after the parties settled.|Result: SETTLED."
                  "|the parties resolved the dispute by a confidential settlement agreement.|{c} approved the "
                  "parties' settlement agreement.|a consent order recording the settlement terms was entered.")}
NON_US_PHRASES = ("allowed the appeal", "struck out", "remitted", "refused")  # wording US summaries do not use
TERSE_RESULTS = {"granted": _t("Motion granted|GRANTED|Application granted"), "denied": _t("Motion denied|DENIED|"
                 "Relief denied"), "dismissed": _t("Dismissed|DISMISSED|Case dismissed"), "affirmed": _t("Affirmed|"
                 "AFFIRMED|Judgment affirmed"), "reversed": _t("Reversed|REVERSED|Reversed and remanded"),
                 "remanded": _t("Vacated and remanded|REMANDED|Remanded for rehearing"), "settled": _t("Settled|"
                 "SETTLED|Resolved by settlement")}

# ------------------------------------------------------------------------------------------------ wording
LAW_CONNECTORS = (" under {}", " pursuant to {}", " (citing {})", " under {}", ", invoking {}")
LAW_SENTENCES = _t("The court applied {}.|Statutory provisions at issue: {}.|The ruling turned on {}.|Relevant "
                   "legislation: {}.|The court construed {}.|Statutes considered: {}.")
CASE_LAW_SENTENCES = _t("The court relied on {}.|Applying {}, the court reached its result.|See {}.|The parties "
                        "disputed how {} applied.|The court distinguished {}.")
RULE_SENTENCES = _t("The motion was brought under {}.|The standard of {} governed.|Costs were addressed under {}.")
HISTORY_FORMS = _t("The {lower} had {ruling}.|Below, the {lower} {ruling}.|This appeal followed after the {lower} "
                   "{ruling}.|On appeal from the {lower}, which {ruling}.")
EARLIER_RULINGS = _t("had denied a motion to transfer venue|had granted a protective order for discovery|had "
                     "dismissed one counterclaim|had granted leave to amend|had denied a request for an adjournment"
                     "|had granted an extension of time")
LOWER_REFS = _t("the lower court|the judge below|the trial court|the court below")
COURT_REFS = {"trial": _t("the court|the court|the judge"), "appeal": _t("the court|the panel|the Court|the "
              "appellate court"), "tribunal": _t("the tribunal|the Board|the panel")}
DISTRACTORS = _t("Damages of {amount} were claimed.|The judgment runs to {n} pages.|See ECF No. {n}.|Judge {judge} "
                 "presided.|Interest runs at {pct}% per year.|The hearing lasted {days} days.|Counsel's office: "
                 "({area}) 555-01{n2}.|Paragraph {para} addresses costs.|Costs of {amount} were reserved.|{n} "
                 "exhibits were admitted.|The record exceeds {n} pages.|A {pct}% penalty was in dispute.|The "
                 "amount in controversy was {amount}.")
DOCTRINES = _t("the economic loss rule|the business judgment rule|qualified immunity|the parol evidence rule|the "
                "abuse-of-discretion standard|the best-interests standard|the plain-error standard|res judicata|"
                "promissory estoppel|the substantial-evidence standard|equitable tolling|the harmless-error rule|"
                "the implied covenant of good faith|the discovery rule")
DOCTRINE_SENTENCES = _t("The parties disputed {}.|The court applied {}.|Much of the briefing concerned {}.|{} "
                        "decided the point.")
BACKREFS = {  # later sentences that name a party by surname or short name only; {P}/{D} short forms
    "civil": _t("{P} contends that {D} acted in bad faith.|{D} denied liability throughout.|{D} argued the claims "
                "were time-barred.|According to {P}, the losses exceeded {amount}.|{P} says the problems began "
                "soon after the contract was signed.|{D} insists it followed industry practice."),
    "criminal": _t("{D} argues that the evidence was insufficient.|{D} did not testify at trial.|{D} contends "
                   "the jury instructions were flawed.|{P} relied chiefly on the testimony of two officers."),
    "administrative": _t("{P} disputes the factual findings.|{P} argues that the decision lacked a reasoned "
                         "explanation.|{D} maintains that its procedures were followed."),
    "labor": _t("{D} says the discharges were for cause.|{P} pointed to the timing of the discharges."),
    "family": _t("{D} opposed the request.|{P} testified about the children's schooling.|{D} argued that the "
                 "change would disrupt the existing schedule."),
    "family_agency": _t("{D} had not completed the required services.|{P} presented reports from caseworkers."),
    "bankruptcy": _t("{D} opposed the motion.|{P} says the collateral is declining in value.|{D} argued that "
                     "the debt was incurred in good faith."),
    "bankruptcy_debtor": _t("{D} objected.|{P} argues that the relief is in the best interest of the estate.|{D}"
                            " contends the request was made in bad faith.")}
OPINION_DISPOSITIONS = {  # first-person appellate voice ("we")
    "affirmed": _t("We affirm.|Finding no reversible error, we affirm.|The judgment is AFFIRMED.|We therefore "
                   "affirm the judgment of {lower}.|AFFIRMED.|The order under review is affirmed.|We see no abuse "
                   "of discretion and affirm."),
    "reversed": _t("We reverse and remand for a new trial.|We REVERSE and REMAND.|The judgment is reversed and the"
                   " case remanded for further proceedings.|We reverse the order of {lower}.|We affirm in part, "
                   "reverse in part, and remand.|The appeal is allowed and the order below is set aside.|REVERSED."),
    "remanded": _t("We vacate the judgment and remand for further proceedings.|VACATED AND REMANDED.|The sentence "
                   "is vacated and the matter remanded for resentencing.|We vacate and remand so that {lower} can "
                   "make findings.|The decision is set aside and the matter remitted for reconsideration."),
    "dismissed": _t("The appeal is DISMISSED.|We dismiss the appeal for lack of jurisdiction.|APPEAL DISMISSED.|"
                    "Because the order is not final, the appeal is dismissed.|Appeal dismissed."),
    "denied": _t("The petition for rehearing en banc is DENIED.|The motion for a stay pending appeal is denied.|"
                 "Permission to appeal is refused.|We deny leave to appeal.")}
TRIAL_VOICE = {  # first-instance orders in the court's own voice
    "granted": _t("The Court GRANTS {m}.|Accordingly, {m} is GRANTED.|For these reasons, {m} is granted.|It is "
                  "ordered that {m} be, and hereby is, GRANTED.|{m} is GRANTED."),
    "denied": _t("The Court DENIES {m}.|Accordingly, {m} is DENIED.|{m} is denied in its entirety.|For these "
                 "reasons, {m} is denied.|{m} is DENIED."),
    "dismissed": _t("The Court DISMISSES {x}.|Accordingly, {x} is DISMISSED with prejudice.|{x} is dismissed "
                    "without prejudice.|The Court grants the motion to dismiss, and {x} is dismissed."),
    "settled": _t("The parties having reported a settlement, the action is dismissed.|The Court approves the "
                  "parties' settlement and enters the consent judgment.|The matter having settled, the case is "
                  "closed by consent order.")}
VOICE_NON_US = ("allowed", "refused", "remitted")
DOC_TITLES = _t("ORDER|MEMORANDUM AND ORDER|MINUTE ORDER|OPINION AND ORDER|ORDER ON PENDING MOTION|MEMORANDUM "
                "OPINION|JUDGMENT|DECISION AND ORDER")
SIGN_OFFS = _t("SO ORDERED this {dayof}.|DATED this {dayof}.|IT IS SO ORDERED. Dated: {date}.|ENTERED: {date}|"
               "Signed on {date}.|Entered {date}.|Dated at chambers this {dayof}.")
UK_SIGN_OFFS = _t("Judgment handed down {date}.|Dated {date}.|Approved judgment, {date}.|Delivered on {date}.")
OPINION_DATES = _t("Argued {e} - Decided {d}|Argued {e}; Decided {d}|Submitted {e}. Decided {d}.|Decided: {d}|"
                   "Opinion issued {d}|Heard {e}; judgment delivered {d}|Decided {d}|Date of decision: {d}")
NEWS_LEADS = _t("In a ruling issued {date}, |On {date}, |In a decision released on {date}, |In a judgment dated "
                "{date}, |")
GROUPS = _t("workers|customers|tenants|shareholders|franchisees|drivers|residents|borrowers")
CLASS_TAILS = _t("individually and on behalf of a putative class|for herself and a proposed class|on behalf "
                 "of a certified class of purchasers")
CIRCUIT_ABBR = dict(zip(CIRCUITS, _t("1st|2d|3d|4th|5th|6th|7th|8th|9th|10th|11th|D.C.")))
CURRENCY = {"us": "$", "uk": "£"}
MONTHS = _t("January|February|March|April|May|June|July|August|September|October|November|December")
MONTH_ABBR = _t("Jan.|Feb.|Mar.|Apr.|May|June|July|Aug.|Sept.|Oct.|Nov.|Dec.")
DECISION_CUES = _t("Decided|Decided on|Date of decision:|Judgment entered|Order entered|Decision issued|Ruling "
                   "dated|Judgment delivered|Opinion issued|Decision date:|Dated:|Handed down")
OTHER_DATE_CUES = {"appeal": _t("Argued|Argued and submitted|Heard|Notice of appeal filed|Submitted"),
                   "civil": _t("Complaint filed|Claim issued|Hearing held|Trial began"),
                   "criminal": _t("Indictment returned|Arrested|Trial began|Plea entered"),
                   "other": _t("Petition filed|Application lodged|Hearing held|Heard")}
HEADINGS = _t("CASE DIGEST|Opinion summary|ORDER SUMMARY|Summary of decision|Headnote|Decision digest|RULING|Case "
              "note|Judgment summary|Court decision|Bench ruling")
FIELD_LABELS = {"court": _t("Court|Tribunal|Forum|COURT|Decided by"), "number": _t("Docket|Case number|Reference|"
                "Number|REF|Citation|Appeal Number|File|Index"), "date": _t("Decided|Decision date|Date of judgment|DATE|Ruling date"),
                "parties": _t("Parties|Case|Caption|Style of cause|PARTIES"), "summary": _t("Summary|Facts|Digest|"
                "Background|SUMMARY"), "result": _t("Disposition|Outcome|Result|Held|HOLDING")}
CASE_TYPES = ("civil", "criminal", "administrative", "family", "bankruptcy")
OUTCOMES = ("granted", "denied", "dismissed", "affirmed", "reversed", "remanded", "settled")
APPELLATE_OUTCOMES = ("affirmed", "reversed", "remanded")
JURISDICTION_WEIGHTS = {"bankruptcy": {"us_fed": 65, "uk": 35}, "family": {"us_state": 65, "uk": 35},
                        "other": {"us_fed": 37, "us_state": 37, "uk": 26}}
ARTICLE_WORDS = ("Department", "Board", "Commission", "Secretary", "Minister", "Agency", "Authority", "Council",
                 "Administration", "Office", "Service", "Society", "Director", "Revenue", "Protection")


# ------------------------------------------------------------------------------------------------ helpers
def _fill(rng, template, year):
    out = template.replace("{yyyy}", str(year)).replace("{yy}", f"{(year - rng.randint(0, 2)) % 100:02d}")
    return "".join(str(rng.randint(0, 9)) if ch == "#" else chr(65 + rng.randint(0, 25)) if ch == "@" else ch
                   for ch in out)


def _person(rng, surname=None):
    middle = f" {chr(65 + rng.randint(0, 25))}." if rng.random() < 0.2 else ""
    return f"{rng.choice(FIRST_NAMES)}{middle} {surname or rng.choice(LAST_NAMES)}"


def _company(rng, region):
    suffix = rng.choice(COMPANY_SUFFIXES[region])
    return f"{rng.choice(COMPANY_ROOTS)} {rng.choice(COMPANY_KINDS)}{'' if suffix[0] == ',' else ' '}{suffix}"


def _join(items, sep=", "):
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + " and " + items[-1]


def _cap(s):
    return s[:1].upper() + s[1:]


def _the(name):
    """Running text puts 'the' before institutions; the article is never part of the extracted name."""
    if name.startswith(("United States", "People", "State of", "Commonwealth", "City of")) or any(
            w in name for w in ARTICLE_WORDS):
        return "the " + name
    return name


def _date_text(rng, d, region):
    """A written date; numeric slash dates are US month/day/year and only used for US courts."""
    th = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    month, abbr = MONTHS[d.month - 1], MONTH_ABBR[d.month - 1]
    forms = [f"{d.day} {month} {d.year}", d.isoformat(), f"{month} {d.day}, {d.year}"]
    if region == "us":
        forms += [f"{abbr} {d.day}, {d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}", f"{month} {d.day}{th}, {d.year}",
                  f"{month} {d.day}, {d.year}"]
    else:
        forms += [f"{d.day}{th} {month} {d.year}", f"the {d.day}{th} day of {month}, {d.year}", forms[0]]
    return rng.choice(forms)


def _statute(rng, juris, case_type, state):
    """(identity, citation as written in the text = the extracted value)."""
    if juris.startswith("us"):
        pool = state[4 + ("civil", "criminal", "family", "administrative").index(case_type)] if state \
            else FEDERAL_STATUTES[case_type]
        cite = rng.choice(pool)
        styles = [new for old, new in STATE_STYLES if cite.startswith(old)] if state else []
        if styles and rng.random() < 0.45:
            old = next(o for o, n in STATE_STYLES if cite.startswith(o))
            return cite, rng.choice(styles) + cite[len(old):]
        r = 1 if "§§" in cite else rng.random()
        return cite, cite.replace("§ ", "§") if r < 0.15 else cite.replace("§", "Section") if r < 0.22 else cite
    act, sec = rng.choice(UK_ACTS[case_type])
    s = rng.choice(("s.", "s.", "s"))
    return (act, sec), rng.choice((f"section {sec} of the {act}", f"{s} {sec} of the {act}", f"{act}, {s} {sec}",
                                   f"{s} {sec} {act}", act))


def _amount(rng, region):
    if rng.random() < 0.4:
        return f"{CURRENCY[region]}{rng.randint(11, 95) / 10:g} million"
    return f"{CURRENCY[region]}{rng.randint(2, 900) * 250:,}"


def _fits(court, case_type):
    return all(case_type in types for word, types in COURT_FITS.items() if word in court)


# ------------------------------------------------------------------------------------------------ case facts
def _courts(rng, juris, case_type, level, state):
    """(deciding court, lower court or None), each as written in the text."""
    district = rng.choice(US_DISTRICTS)
    if juris == "us_fed":
        if case_type == "bankruptcy":
            bankruptcy_court = rng.choice(BANKRUPTCY_FORMS).format(district)
            if level == "trial":
                return bankruptcy_court, None
            bap = rng.choice(BAP_FORMS).format(rng.choice(("First", "Sixth", "Eighth", "Ninth", "Tenth")))
            return (bap if rng.random() < 0.5 else rng.choice(DISTRICT_FORMS).format(district)), bankruptcy_court
        if case_type == "administrative" and (level == "appeal" or rng.random() < 0.75):
            tribunal = rng.choice(sorted(US_FED_TRIBUNALS))
            if level == "trial":
                return tribunal, None
            appeal = "United States Court of Appeals for Veterans Claims" if "Veterans" in tribunal \
                else rng.choice(CIRCUIT_FORMS).format(rng.choice(CIRCUITS))
            return appeal, tribunal
        trial = rng.choice(DISTRICT_FORMS).format(district)
        if level == "trial":
            return trial, None
        supreme = rng.random() < 0.07
        return ("Supreme Court of the United States" if supreme else
                rng.choice(CIRCUIT_FORMS).format(rng.choice(CIRCUITS))), trial
    if juris == "us_state":
        trials = [c for c in state[2] if _fits(c, case_type)]
        if case_type == "administrative":
            trials = [f"{state[0]} {tribunal}" for tribunal in US_STATE_TRIBUNALS]
        trial = rng.choice(trials)
        return (trial, None) if level == "trial" else (rng.choice([c for c in state[3] if _fits(c, case_type)]), trial)
    trial = rng.choice(UK_TRIAL_COURTS[case_type])
    if level == "trial":
        return trial, None
    return rng.choice([c for c in UK_APPEAL_COURTS if _fits(c, case_type)]), trial


def _case_number(rng, juris, case_type, level, court, year):
    if court in US_FED_TRIBUNALS:
        return _fill(rng, US_FED_TRIBUNALS[court][1], year)
    if court in NEUTRAL_CITATIONS and rng.random() < 0.6:
        return _fill(rng, NEUTRAL_CITATIONS[court], year)
    key = (juris, "bap" if juris == "us_fed" and case_type == "bankruptcy" else "appeal") if level == "appeal" \
        else (juris, case_type)
    key = key if key in CASE_NUMBER_FORMATS else (juris, level)
    return _fill(rng, rng.choice(CASE_NUMBER_FORMATS[key]), year)


def _parties(rng, juris, region, case_type, state, court, lower):
    """(plaintiff-side names, defendant-side names, story, subject); the first name on each side is extracted."""
    count = lambda: 1 if rng.random() < 0.82 else rng.choice((2, 2, 3))
    if case_type == "criminal":
        scottish = "Sheriff" in court or "Justiciary" in court
        prosecutor = state[1] if state else "HM Advocate" if scottish else rng.choice(PROSECUTORS[juris])
        return [prosecutor], [_person(rng) for _ in range(count())], "criminal", rng.choice(SUBJECTS["criminal"])
    if case_type == "administrative":
        agencies = US_FED_TRIBUNALS.get(lower or court, (AGENCIES[juris],))[0]
        if agencies is None:  # labor board: a union charges an employer
            return [rng.choice(UNIONS)], [_company(rng, region)], "labor", rng.choice(SUBJECTS["labor"])
        agency = rng.choice(agencies)
        topic = AGENCY_TOPICS[0] if "Merit" in (lower or court) else next(
            (t for t in AGENCY_TOPICS[1:] if any(k in agency for k in t[0].split("|"))), AGENCY_TOPICS[-1])
        claimant = _company(rng, region) if rng.random() < 0.25 and "Merit" not in (lower or court) else _person(rng)
        agency = f"{state[0]} {agency}" if state else agency
        return [claimant], [agency], "administrative", rng.choice(topic[1].split("|"))
    if case_type == "family":
        if rng.random() < 0.15:
            agency = rng.choice(UK_LOCAL_AUTHORITIES) if region != "us" else \
                f"{state[0]} Department of {rng.choice(('Children and Family Services', 'Human Services'))}"
            return [agency], [_person(rng) for _ in range(count())], "family_agency", \
                rng.choice(SUBJECTS["family_agency"])
        surname = rng.choice(LAST_NAMES) if rng.random() < 0.4 else None  # spouses sharing a surname
        return [_person(rng, surname)], [_person(rng, surname)], "family", rng.choice(SUBJECTS["family"])
    if case_type == "bankruptcy":
        debtor = _company(rng, region) if rng.random() < 0.5 else _person(rng)
        creditor = f"{rng.choice(COMPANY_ROOTS)} {rng.choice(LENDER_KINDS[region])}" if rng.random() < 0.6 \
            else _company(rng, region) if rng.random() < 0.5 else _person(rng)
        where = "us" if region == "us" else "intl"
        if rng.random() < 0.25:
            return [debtor], [creditor], "bankruptcy_debtor", rng.choice(SUBJECTS[f"bankruptcy_debtor_{where}"])
        return [creditor], [debtor], "bankruptcy", rng.choice(SUBJECTS[f"bankruptcy_{where}"])
    side = lambda: [_company(rng, region) if rng.random() < 0.5 else _person(rng) for _ in range(count())]
    plaintiffs, defendants = side(), side()
    if region == "us" and rng.random() < 0.15:
        plaintiffs[0], defendants[0] = _person(rng), f"City of {rng.choice(CITIES)}"
        return plaintiffs, defendants, "civil", rng.choice(SUBJECTS["civil_city"])
    return plaintiffs, defendants, "civil", rng.choice(SUBJECTS["civil"])


def _build(rng):
    """Choose the facts of one decision: (output record, context for writing the text)."""
    case_type = rng.choice(CASE_TYPES)
    outcome = rng.choice(OUTCOMES if case_type != "criminal" else OUTCOMES[:-1])
    weights = JURISDICTION_WEIGHTS.get(case_type, JURISDICTION_WEIGHTS["other"])
    juris = rng.choices(list(weights), weights=list(weights.values()))[0]
    region = "us" if juris.startswith("us") else juris
    state = rng.choice(US_STATES) if juris == "us_state" else None
    appeal = outcome in APPELLATE_OUTCOMES or (outcome in ("dismissed", "denied") and rng.random() < 0.3)
    level = "appeal" if appeal else "trial"
    court, lower = _courts(rng, juris, case_type, level, state)
    plaintiffs, defendants, story, subject = _parties(rng, juris, region, case_type, state, court, lower)
    decided = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 4000))
    if rng.random() < 0.25:
        decided = decided.replace(day=rng.randint(1, 9))
    statutes, seen = [], []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(30, 40, 22, 8))[0]):
        identity, cite = _statute(rng, juris, case_type, state)
        if identity not in seen and not any(cite in s or s in cite for s in statutes):
            seen.append(identity)
            statutes.append(cite)
    output = {"court": court,
              "case_number": _case_number(rng, juris, case_type, level, court, decided.year) if rng.random() < 0.75
              else None,
              "decision_date": decided.isoformat() if rng.random() < 0.75 else None,
              "plaintiff": plaintiffs[0], "defendant": defendants[0], "case_type": case_type, "outcome": outcome,
              "statutes_cited": statutes}
    subject, _, motion = subject.partition("=")
    context = {"region": region, "level": level, "lower": lower, "plaintiffs": plaintiffs, "defendants": defendants,
               "story": story, "subject": subject, "motion": motion, "decided": decided}
    return output, context


# ------------------------------------------------------------------------------------------------ text
def _labels(rng, story, level, caption_shown):
    """Role labels for each side; appeals add appellant/appellee to the original role, or (with a caption
    shown) use a bare appellant/respondent so that only the caption order tells who sued."""
    p_label, d_label = rng.choice(ROLES[story][0]), rng.choice(ROLES[story][1])
    if story == "criminal" and level == "appeal" and rng.random() < 0.5:
        d_label = rng.choice(("appellant", "defendant-appellant"))
    if level != "appeal" or p_label is None or "the " in p_label + d_label:
        return p_label, d_label
    if story == "administrative":
        return rng.choice(("petitioner", "appellant")), "respondent"
    plaintiff_appealed = rng.random() < 0.5
    if caption_shown and rng.random() < 0.35:
        return ("appellant", "respondent") if plaintiff_appealed else ("respondent", "appellant")
    return (f"{p_label}-appellant", f"{d_label}-appellee") if plaintiff_appealed else \
        (f"{p_label}-appellee", f"{d_label}-appellant")


def _mention(rng, names, label):
    """Names as they appear in running text, optionally with a role label."""
    shown = _join([_the(names[0])] + names[1:])
    if not label or rng.random() < 0.3:
        return shown
    if label.startswith("the "):
        return f"{shown} ({label})"
    label = label + "s" if len(names) > 1 and "-" not in label else label
    return f"{label} {_join(names)}" if rng.random() < 0.7 else f"{shown} ({label})"


def _short(rng, name):
    """How later sentences refer to a party: a surname, a company's first word, or the institution's role."""
    if name in ("United States", "United States of America"):
        return rng.choice(("the government", "the United States"))
    if name.startswith(("State of", "People", "Commonwealth")):
        return "the " + name.split()[0] if name.startswith(("State", "People")) else "the Commonwealth"
    if name in ("R", "Rex", "HM Advocate", "Director of Public Prosecutions"):
        return "the Crown"
    last = next((x for x in sorted(LAST_NAMES, key=len, reverse=True) if name.endswith(" " + x)), None)
    if last:
        return last
    root = next((x for x in COMPANY_ROOTS if name.startswith(x + " ")), None)
    if root and not any(w in name for w in ARTICLE_WORDS + ("Union", "Local")):
        return root
    return "the union" if "Local" in name or "Union" in name else "the City" if name.startswith("City of") \
        else "the agency"


def _caption(rng, region, story, plaintiffs, defendants, formal_labels):
    sep = rng.choice((" v. ", " v. ", " vs. ")) if region == "us" else rng.choice((" v ", " v ", " v. "))
    side = lambda names: names[0] if len(names) == 1 else rng.choice(
        (f"{names[0]}, et al.", f"{names[0]} and others", _join(names), f"{names[0]} et al."))
    if story == "civil" and region == "us" and rng.random() < 0.08:
        return f"{plaintiffs[0]}, {rng.choice(CLASS_TAILS)}{sep}{side(defendants)}"
    if story == "family" and region == "us" and rng.random() < 0.4:
        return f"In re Marriage of {plaintiffs[0]} and {defendants[0]}"
    if story.startswith("bankruptcy") and rng.random() < 0.35:  # 'In re <debtor>': roles come from the facts
        debtor = plaintiffs[0] if story == "bankruptcy_debtor" else defendants[0]
        return rng.choice(("In re ", "In re ", "In the matter of ")) + debtor
    if formal_labels and region == "us" and rng.random() < 0.5:
        p_label, d_label = (label.title() for label in formal_labels)
        return f"{side(plaintiffs)}, {p_label},{sep}{side(defendants)}, {d_label}"
    return f"{side(plaintiffs)}{sep}{side(defendants)}"


def _pieces(rng, out, ctx):
    """Independent sentences; the layout decides where each one goes."""
    region, level, story, case_type = ctx["region"], ctx["level"], ctx["story"], out["case_type"]
    caption_shown = rng.random() < 0.6
    labels = _labels(rng, story, level, caption_shown)
    formal = labels if labels[0] and "-app" in labels[0] else None
    caption = _caption(rng, region, story, ctx["plaintiffs"], ctx["defendants"], formal)
    statutes = out["statutes_cited"]
    law_list = _join(statutes, "; " if any("," in s for s in statutes) else ", ") if statutes else ""
    in_facts = statutes and rng.random() < 0.7
    connectors = LAW_CONNECTORS + ((" in violation of {}",) if story == "criminal" else ())
    frame = "criminal_appeal" if story == "criminal" and level == "appeal" and rng.random() < 0.45 else story
    short_p, short_d = _short(rng, ctx["plaintiffs"][0]), _short(rng, ctx["defendants"][0])
    if short_p == short_d:  # shared surname: fall back to the role
        short_p, short_d = rng.choice(((f"the {ROLE_REFS[story][0]}", f"the {ROLE_REFS[story][1]}"),
                                       (f"{ctx['plaintiffs'][0].split()[0]}", f"{ctx['defendants'][0].split()[0]}")))
    if ctx.get("refs"):  # names only in the (capitalised) caption; the body uses short forms
        mention_p, mention_d = short_p, short_d
    else:
        mention_p = _mention(rng, ctx["plaintiffs"], labels[0])
        mention_d = _mention(rng, ctx["defendants"], labels[1])
    facts = rng.choice(FACTS[frame]).format(
        P=mention_p, D=mention_d,
        s=ctx["subject"], law=rng.choice(connectors).format(law_list) if in_facts else "",
        was="were" if len(ctx["defendants"]) > 1 else "was")
    extra = [rng.choice(LAW_SENTENCES).format(law_list)] if statutes and not in_facts else []
    if rng.random() < 0.25:
        extra.append(rng.choice(CASE_LAW_SENTENCES).format(rng.choice(CASE_LAW[region])))
    if rng.random() < 0.2:
        extra.append(_cap(rng.choice(DOCTRINE_SENTENCES).format(rng.choice(DOCTRINES))))
    if rng.random() < 0.2 and (region, case_type) in PROCEDURE_RULES:
        extra.append(rng.choice(RULE_SENTENCES).format(rng.choice(PROCEDURE_RULES[region, case_type])))
    numbers = {"amount": _amount(rng, region), "n": rng.randint(12, 240), "judge": _person(rng),
               "pct": rng.randint(2, 25), "days": rng.randint(2, 14), "area": rng.randint(201, 989),
               "n2": f"{rng.randint(0, 99):02d}", "para": f"{rng.randint(3, 40)}.{rng.randint(1, 9)}",
               "months": rng.randint(18, 240)}
    if rng.random() < 0.4 and short_p != short_d:
        extra.append(_cap(rng.choice(BACKREFS[story]).format(P=short_p, D=short_d, amount=numbers["amount"])))
    distractors = [t for t in DISTRACTORS if region == "us" or not ("ECF" in t or "555" in t)]
    extra += [t.format(**numbers) for t in rng.sample(distractors, rng.choices((0, 1, 2), (45, 40, 15))[0])]
    history = None
    if level == "appeal" and rng.random() < 0.65:
        ruling = rng.choice(PRIOR_RULINGS.get(story, PRIOR_RULINGS[case_type])).format(**numbers)
        history = rng.choice(HISTORY_FORMS).format(lower=ctx["lower"], ruling=ruling)
    elif level == "trial" and rng.random() < 0.25:
        history = f"Earlier, the court {rng.choice(EARLIER_RULINGS)}."
    if rng.random() < 0.45:  # a date that is not the decision date
        kind = "appeal" if level == "appeal" else case_type if case_type in OTHER_DATE_CUES else "other"
        earlier = ctx["decided"] - datetime.timedelta(days=rng.randint(20, 900))
        extra.append(f"{rng.choice(OTHER_DATE_CUES[kind])} {_date_text(rng, earlier, region)}.")
    in_re = caption.startswith("In ")
    return {"caption": caption if caption_shown or in_re else None, "facts": _cap(facts), "extra": extra,
            "history": history}


def _disposition(rng, out, ctx, court_ref):
    """(sentence, whether it names the court through court_ref)."""
    templates = [t for t in DISPOSITIONS[out["outcome"]]
                 if ctx["region"] != "us" or not any(p in t for p in NON_US_PHRASES)]
    template = rng.choice(templates)
    appeal = ctx["level"] == "appeal"
    review = ("the petition for review",) if out["case_type"] == "administrative" and ctx["region"] == "us" else ()
    motion = rng.choice(MOTIONS["appeal_" + ctx["region"]] + review) if appeal \
        else ctx["motion"] or rng.choice(MOTIONS[out["case_type"]])
    dismissed = rng.choice(DISMISSED["appeal"] + review if appeal else DISMISSED[out["case_type"]])
    text = template.format(c=court_ref, m=motion, x=dismissed, lower=rng.choice(LOWER_REFS))
    return _cap(text), "{c}" in template


def _render(rng, out, ctx):
    return re.sub(r"\.\.(?=\s|$)", ".", _layout(rng, out, ctx))  # "Inc." ending a sentence


def _layout(rng, out, ctx):
    layout = rng.choices(("prose", "fields", "numbered", "terse", "docket", "opinion", "news"),
                         weights=(30, 15, 12, 10, 12, 14, 7))[0]
    d = ctx["decided"]
    if out["decision_date"]:
        date, partial = _date_text(rng, d, ctx["region"]), False
    else:  # sometimes only month and year: not a full date, so null
        date, partial = (f"{MONTHS[d.month - 1]} {d.year}", True) if rng.random() < 0.12 else (None, False)
    if layout == "terse":
        return _terse(rng, out, ctx, date)
    if layout in ("docket", "opinion"):
        return _document(rng, out, ctx, date, partial, layout)
    if layout == "news":
        return _news(rng, out, ctx, date, partial)
    p = _pieces(rng, out, ctx)
    court, number, caption = out["court"], out["case_number"], p["caption"]
    court_in_disposition = rng.random() < 0.3
    tribunal = any(w in court for w in ("Tribunal", "Board", "Council", "Hearing"))
    refs = COURT_REFS["tribunal" if tribunal else ctx["level"]]
    disposition, named = _disposition(rng, out, ctx, "the " + court if court_in_disposition else rng.choice(refs))
    date_sentence = None
    if partial:
        date_sentence = rng.choice(("The ruling came in {}.", "Decided in {}.", "The decision issued in {}."))
        date_sentence = date_sentence.format(date)
    elif date and layout != "fields":
        if named and disposition.startswith("The ") and rng.random() < 0.35:
            lead = rng.choice(("On", "By a ruling dated", "In a decision issued"))
            disposition = f"{lead} {date}, t{disposition[1:]}"
        else:
            date_sentence = f"{rng.choice(DECISION_CUES)} {date}."
    body = [p["facts"]] + ([p["history"]] if p["history"] else [])
    if rng.random() < 0.3:
        body.reverse()
    for sentence in p["extra"]:
        body.insert(rng.randint(0, len(body)), sentence)
    if layout == "fields":
        return _fields(rng, court, number, None if partial else date, caption, body, disposition, date_sentence)
    head = []
    if not (court_in_disposition and named) or rng.random() < 0.3:
        no = f" ({number})" if number and rng.random() < 0.5 else ""
        head.append(rng.choice(("{c}{n}.", "Before the {c}{n}.", "Decision of the {c}{n}.", "In the {c}{n}:",
                                "From the {c}{n}.", "The {c} issued this ruling{n}.")).format(c=court, n=no))
        number = None if no else number
    if caption:
        line = caption + (f", {number}" if number and rng.random() < 0.7 else "")
        number = None if line != caption else number
        head.insert(rng.randint(0, len(head)), line + ("" if line.endswith(".") else "."))
    if number:
        body.insert(rng.randint(0, len(body)), rng.choice(("Docketed as {}.", "Ref. {}.", "({})", "{}.",
                                                                  "The matter is {}.")).format(number))
    tail = [disposition]
    if date_sentence:
        head.insert(0, date_sentence) if rng.random() < 0.3 else tail.append(date_sentence)
    sentences = head + body + tail
    heading = [rng.choice(HEADINGS)] if rng.random() < 0.3 else []
    if layout == "numbered":
        style, section = rng.choice(("{i}. ", "{s}.{i} ", "({a}) ", "[{i}] ", "¶ {i} ")), rng.randint(2, 19)
        return "\n".join(heading + [style.format(i=i + 1, s=section, a="abcdefghijklmnop"[i]) + x
                                    for i, x in enumerate(sentences)])
    return "\n".join(heading + [(" " if rng.random() < 0.8 else "\n").join(sentences)])


def _dayof(d):
    th = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"{d.day}{th} day of {MONTHS[d.month - 1]}, {d.year}"


def _voice(rng, out, ctx):
    """The disposition in the court's own voice: 'we affirm' on appeal, 'the Court GRANTS' at first instance."""
    us = ctx["region"] == "us"
    if ctx["level"] == "appeal":
        pool = [t for t in OPINION_DISPOSITIONS[out["outcome"]] if not (us and any(w in t for w in VOICE_NON_US))]
        return rng.choice(pool).format(lower=rng.choice(LOWER_REFS))
    motion = ctx["motion"] or rng.choice(MOTIONS[out["case_type"]])
    text = rng.choice(TRIAL_VOICE[out["outcome"]]).format(m=motion, x=rng.choice(DISMISSED[out["case_type"]]))
    return _cap(text)


def _document(rng, out, ctx, date, partial, layout):
    """A docket header (court / number / caption / title, then the order) or an opinion excerpt
    (court / number / caption / argued-decided line, then the reasoning in the first person)."""
    region, story = ctx["region"], ctx["story"]
    caps = rng.random() < 0.3 and not story.startswith("bankruptcy")  # 'In re <debtor>' names one side only
    ctx = dict(ctx, refs=caps)
    p = _pieces(rng, out, ctx)
    court, number = out["court"], out["case_number"]
    if rng.random() < 0.3:
        court = out["court"] = court.upper()
    P, D = ctx["plaintiffs"][0], ctx["defendants"][0]
    if caps:
        P, D = out["plaintiff"], out["defendant"] = P.upper(), D.upper()
    caption = p["caption"] if p["caption"] and p["caption"].startswith("In ") else None
    if caption and caps:
        caption = caption.replace(ctx["plaintiffs"][0], P).replace(ctx["defendants"][0], D)
    if caption is None:
        roles = {"civil": ("Plaintiff", "Defendant"), "criminal": (None, "Defendant"), "labor": ("Charging Party",
                 "Respondent"), "administrative": (rng.choice(("Petitioner", "Appellant", "Claimant")),
                 rng.choice(("Respondent", "Agency"))), "family": ("Petitioner", "Respondent"), "family_agency":
                 ("Petitioner", "Respondent"), "bankruptcy": (rng.choice(("Plaintiff", "Movant")), rng.choice((
                     "Defendant", "Debtor"))), "bankruptcy_debtor": ("Debtor", "Objecting Creditor")}[story]
        if ctx["level"] == "appeal" and story != "criminal" and rng.random() < 0.5:
            roles = tuple(f"{r}-{a}" for r, a in zip(roles, rng.choice((("Appellant", "Appellee"),
                                                                       ("Appellee", "Appellant")))))
        if caps:
            roles = tuple(r.upper() if r else r for r in roles)
        sep = " v. " if region == "us" else " v "
        if rng.random() < 0.35 or roles[0] is None:
            caption = f"{P}{sep}{D}"
            if roles[0] is None and rng.random() < 0.5:
                caption += f", {roles[1]}"
        else:
            caption = f"{P}, {roles[0]},{sep}{D}, {roles[1]}."
        if region == "uk" and rng.random() < 0.4:
            caption = f"Between {P} ({roles[0] or 'Prosecution'}) and {D} ({roles[1]})"
    elif region == "us" and story.startswith("bankruptcy") and rng.random() < 0.6:
        chapter = next((c for c in (7, 11, 13) if f"Chapter {c}" in ctx["subject"]), rng.choice((7, 11, 13)))
        caption += f" (Chapter {chapter})"
    head = [court]
    if number:
        abbr = next((f" ({a} Cir.)" for c, a in CIRCUIT_ABBR.items() if f"for the {c} Circuit" in court), "") \
            if layout == "opinion" and rng.random() < 0.5 else ""
        if rng.random() < 0.5:
            head.append(number)
        else:
            caption, abbr = f"{caption.rstrip('.')}, {number}{abbr}", ""
        if abbr:
            head[-1] += abbr
    head.insert(rng.randint(1, len(head)), caption)
    if rng.random() < 0.3:
        head.reverse()
    earlier = _date_text(rng, ctx["decided"] - datetime.timedelta(days=rng.randint(20, 300)), region)
    body = [p["facts"]] + ([p["history"]] if p["history"] else []) + p["extra"]
    rng.shuffle(body)
    body.sort(key=lambda x: x is not p["facts"])  # facts first, the rest in random order
    tail = [_voice(rng, out, ctx) if rng.random() < 0.75 else _disposition(rng, out, ctx, rng.choice(
        COURT_REFS["appeal" if ctx["level"] == "appeal" else "trial"]))[0]]
    d = ctx["decided"]
    if layout == "opinion":
        if date:
            forms = OPINION_DATES if ctx["level"] == "appeal" else [f for f in OPINION_DATES if "Argued" not in f
                                                                       and "Submitted" not in f]
            head.append(rng.choice(forms).format(e=earlier, d=date))
        elif partial:
            head.append(f"Decided {date}")
        text = "\n".join(head) + "\n" + " ".join(body + tail)
    else:
        head.append(rng.choice(DOC_TITLES))
        if date:
            sign = rng.choice(UK_SIGN_OFFS if region == "uk" else SIGN_OFFS)
            tail.append(sign.format(dayof=_dayof(d), date=date) if "{dayof}" not in sign or region == "us"
                        else sign.format(dayof=date, date=date))
        elif partial:
            tail.append(rng.choice(("Order entered in {}.", "Ruled from the bench in {}.", "Signed in {}.")).format(
                date))
        sep = rng.choice(("\n", " "))
        text = "\n".join(head) + "\n" + sep.join(body + tail)
    return text


def _news(rng, out, ctx, date, partial):
    """A news-style report: the court and result first, names in full once, surnames afterwards."""
    p = _pieces(rng, out, ctx)
    templates = [t for t in DISPOSITIONS[out["outcome"]] if t.startswith("{c} ")
                 and not (ctx["region"] == "us" and any(w in t for w in NON_US_PHRASES))]
    disposition, _ = _disposition(rng, out, ctx, "the " + out["court"])
    if templates:
        appeal = ctx["level"] == "appeal"
        motion = rng.choice(MOTIONS["appeal_" + ctx["region"]]) if appeal \
            else ctx["motion"] or rng.choice(MOTIONS[out["case_type"]])
        dismissed = rng.choice(DISMISSED["appeal"] if appeal else DISMISSED[out["case_type"]])
        disposition = rng.choice(templates).format(c="the " + out["court"], m=motion, x=dismissed,
                                                   lower=rng.choice(LOWER_REFS))
    lead = rng.choice(NEWS_LEADS).format(date=date) if date and not partial else ""
    lead = lead + " " if lead else ""
    first = lead + (disposition[0].lower() + disposition[1:] if lead else disposition)
    parts = [_cap(first)]
    if ctx["story"] == "civil" and ctx["region"] == "us" and rng.random() < 0.3:
        parts.append(f"The suit was brought by {rng.randint(12, 400)} {rng.choice(GROUPS)} led by "
                     f"{ctx['plaintiffs'][0]} against {ctx['defendants'][0]}.")
    parts += [p["facts"]] + p["extra"] + ([p["history"]] if p["history"] else [])
    if out["case_number"]:
        parts.insert(rng.randint(1, len(parts)), rng.choice(("The case is {}.", "({})", "Docket: {}.",
                                                              "The case number is {}.")).format(out["case_number"]))
    if partial:
        parts.append(rng.choice(("The ruling came in {}.", "The order was entered in {}.")).format(date))
    elif date and not lead:  # the lead-less opening has no date: the decision date gets its own cued sentence
        parts.append(f"{rng.choice(DECISION_CUES)} {date}.")
    if p["caption"] and rng.random() < 0.5:
        parts.insert(0, p["caption"] + ("" if p["caption"].endswith(".") else "."))
    return " ".join(parts)


def _fields(rng, court, number, date, caption, body, disposition, date_sentence):
    label = lambda key: rng.choice(FIELD_LABELS[key])
    sep = rng.choice((": ", ": ", " - ", " — "))
    fields = [(label("court"), court)] + ([(label("parties"), caption)] if caption else []) + \
        ([(rng.choice([x for x in FIELD_LABELS["number"] if x.split()[0] not in number]), number)] if number else []) \
        + ([(label("date"), date)] if date else [])
    rng.shuffle(fields)
    for prefix in ("Held: ", "Result: "):  # the field label already says it
        disposition = _cap(disposition.removeprefix(prefix))
    summary = " ".join(body + ([date_sentence] if date_sentence else []))
    result = [f"{label('summary')}{sep}{summary}", f"{label('result')}{sep}{disposition}"]
    if rng.random() < 0.3:
        result.reverse()
    return rng.choice(("\n", "\n", " | ")).join([f"{k}{sep}{v}" for k, v in fields] + result)


def _terse(rng, out, ctx, date):
    """Headline-style one-liners (short edge cases)."""
    caption = f"{ctx['plaintiffs'][0]}{' v. ' if ctx['region'] in ('us', 'ca') else ' v '}{ctx['defendants'][0]}"
    subject = ctx["subject"]
    if ctx["story"] == "criminal":
        subject = rng.choice(("conviction for ", "charges of ", "")) + subject
    result, number = rng.choice(TERSE_RESULTS[out["outcome"]]), out["case_number"]
    date = ("decided " if rng.random() < 0.6 else "") + date if date else None
    parts = [caption, out["court"]] + [x for x in (number, date) if x]
    form = rng.randint(0, 2)
    if form == 0:
        text = " | ".join(parts + [subject, result])
    elif form == 1:
        text = f"{', '.join(parts)}. Re: {subject}. {result}"
    else:
        text = f"{out['court']}: {result} in {caption} ({subject})" + "".join(f"; {x}" for x in (number, date) if x)
    statutes = "; ".join(out["statutes_cited"])
    return text + "." + (f" Statutes: {statutes}." if statutes else "")


def _typo(rng, text, protected):
    """Swap two letters of one ordinary word; extracted values are never touched."""
    words = [w for w in text.split(" ") if w.isalpha() and w.islower() and len(w) > 5]
    if not words:
        return text
    word = rng.choice(words)
    i = rng.randint(1, len(word) - 3)
    typo = text.replace(f" {word} ", f" {word[:i]}{word[i + 1]}{word[i]}{word[i + 2:]} ", 1)
    return typo if all(p in typo for p in protected) else text


# ------------------------------------------------------------------------------------------------ public API
def generate(rng: random.Random, n: int) -> list[dict]:
    """n examples {"input": text, "output": record} with pairwise-distinct inputs, fully determined by rng."""
    examples, seen = [], set()
    while len(examples) < n:
        output, context = _build(rng)
        if output["plaintiff"] == output["defendant"]:
            continue
        text = _render(rng, output, context)
        if rng.random() < 0.03:
            names = [output[k] for k in ("court", "case_number", "plaintiff", "defendant") if output[k]]
            text = _typo(rng, text, names + output["statutes_cited"])
        if text not in seen:
            seen.add(text)
            examples.append({"input": text, "output": output})
    return examples


if __name__ == "__main__":
    import collections
    import json
    import pathlib

    import jsonschema

    schema = json.loads((pathlib.Path(__file__).resolve().parents[1] / "schemas" / "legal.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    data = generate(random.Random(0), 600)
    assert data == generate(random.Random(0), 600), "not deterministic"
    assert len({ex["input"] for ex in data}) == len(data), "duplicate inputs"
    for ex in data:
        validator.validate(ex["output"])
        assert list(ex["output"]) == list(schema["properties"]), "key order"
        text, out = ex["input"], ex["output"]
        for value in [out["court"], out["case_number"], out["plaintiff"], out["defendant"], *out["statutes_cited"]]:
            assert value is None or value in text, (value, text)
    for ex in data[:3]:
        print(ex["input"], "\n->", json.dumps(ex["output"], ensure_ascii=False), "\n")
    n = len(data)
    for field in ("case_type", "outcome"):
        counts = collections.Counter(ex["output"][field] for ex in data)
        print(field, {k: f"{v / n:.0%}" for k, v in sorted(counts.items())})
    for field in ("case_number", "decision_date"):
        print(field, "null", f"{sum(ex['output'][field] is None for ex in data) / n:.0%}")
    sizes = collections.Counter(len(ex["output"]["statutes_cited"]) for ex in data)
    print("statutes_cited sizes", {k: f"{v / n:.0%}" for k, v in sorted(sizes.items())})
    words = sorted(len(ex["input"].split()) for ex in data)
    print("words min/median/p90/max", words[0], words[n // 2], words[int(n * 0.9)], words[-1])
    print("OK", n, "examples")
