"""Synthetic short clinical notes -> records valid against data/schemas/medical.schema.json.

Stdlib only; every choice comes from the `rng` given to generate(). Extraction rules: data/rules/medical.md.
Pools and templates are written as "a|b|c" strings to keep the tables compact.
"""
import random


def options(s):
    return tuple(s.split("|"))


def pick(rng, choices):
    return rng.choice(options(choices) if isinstance(choices, str) else choices)


# (chief complaints, diagnoses, drugs started for them, plausible in children)
CLUSTERS = tuple((options(c), options(d), options(m), kids) for c, d, m, kids in (
    ("chest pain|chest tightness|substernal chest pressure|left-sided chest pain",
     "non-cardiac chest pain|costochondritis|unstable angina|NSTEMI|musculoskeletal chest pain",
     "aspirin|nitroglycerin|pantoprazole|atorvastatin", False),
    ("shortness of breath|difficulty breathing|wheezing|dyspnea on exertion",
     "COPD exacerbation|asthma exacerbation|acute bronchitis|community-acquired pneumonia|CHF exacerbation",
     "albuterol|prednisone|azithromycin|furosemide|Lasix|montelukast", True),
    ("cough|fever and cough|sore throat|nasal congestion|runny nose and cough",
     "viral URI|strep pharyngitis|acute sinusitis|influenza A|COVID-19",
     "amoxicillin|Augmentin|benzonatate|oseltamivir|acetaminophen|Flonase", True),
    ("abdominal pain|epigastric pain|nausea and vomiting|right lower quadrant pain|diarrhea",
     "acute gastroenteritis|appendicitis|biliary colic|gastritis|constipation",
     "ondansetron|Zofran|famotidine|omeprazole|polyethylene glycol|dicyclomine", True),
    ("headache|throbbing headache|head pain with nausea",
     "migraine without aura|tension-type headache|medication overuse headache|migraine with aura",
     "sumatriptan|ibuprofen|metoclopramide|naproxen|Tylenol", True),
    ("low back pain|back pain|neck pain|pain radiating down the left leg",
     "lumbar strain|sciatica|cervical strain|lumbar radiculopathy",
     "cyclobenzaprine|ibuprofen|naproxen|methocarbamol|lidocaine patch|Motrin", False),
    ("burning with urination|dysuria|urinary frequency|flank pain",
     "acute cystitis|urinary tract infection|pyelonephritis|nephrolithiasis|kidney stone",
     "nitrofurantoin|cephalexin|ciprofloxacin|tamsulosin|phenazopyridine", True),
    ("rash|itchy rash|redness and swelling of the leg|painful blistering rash",
     "cellulitis|contact dermatitis|urticaria|eczema|herpes zoster",
     "cephalexin|Keflex|hydrocortisone cream|cetirizine|doxycycline|valacyclovir|triamcinolone cream", True),
    ("dizziness|lightheadedness|passing out|room-spinning dizziness|fainting episode",
     "vasovagal syncope|BPPV|orthostatic hypotension|dehydration", "meclizine|ondansetron", False),
    ("high blood sugar|diabetes follow-up|elevated glucose readings|increased thirst",
     "type 2 diabetes mellitus|hyperglycemia|diabetic neuropathy|uncontrolled type 2 diabetes",
     "metformin|insulin glargine|glipizide|empagliflozin|gabapentin", False),
    ("elevated blood pressure|high blood pressure|blood pressure check|headache and high blood pressure readings",
     "essential hypertension|uncontrolled hypertension|hypertensive urgency",
     "lisinopril|amlodipine|hydrochlorothiazide|losartan|metoprolol succinate", False),
    ("anxiety|low mood|trouble sleeping|panic attacks|feeling depressed",
     "generalized anxiety disorder|major depressive disorder|insomnia|panic disorder|adjustment disorder",
     "sertraline|escitalopram|hydroxyzine|trazodone|bupropion XL", False),
    ("ankle pain|wrist pain after a fall|knee injury|laceration to the hand|shoulder pain",
     "ankle sprain|distal radius fracture|knee contusion|hand laceration|rotator cuff strain",
     "ibuprofen|acetaminophen|oxycodone|Tdap|naproxen", True),
    ("palpitations|racing heart|irregular heartbeat|heart fluttering",
     "atrial fibrillation|SVT|sinus tachycardia|new-onset atrial fibrillation",
     "metoprolol tartrate|diltiazem|apixaban|Eliquis", False),
    ("ear pain|ear drainage|pulling at the left ear", "acute otitis media|otitis externa",
     "amoxicillin|ofloxacin ear drops|ibuprofen", True),
    ("red eye|eye discharge|itchy watery eyes",
     "bacterial conjunctivitis|viral conjunctivitis|allergic conjunctivitis",
     "polymyxin B-trimethoprim eye drops|erythromycin ointment|cetirizine", True),
    ("leg swelling|calf pain|ankle swelling|swollen left leg",
     "deep vein thrombosis|venous insufficiency|peripheral edema|left lower extremity DVT",
     "apixaban|rivaroxaban|Xarelto|furosemide|enoxaparin", False),
    ("weakness|facial droop|numbness in the right arm|seizure|slurred speech",
     "transient ischemic attack|Bell's palsy|breakthrough seizure|acute ischemic stroke",
     "levetiracetam|clopidogrel|prednisone|aspirin|valacyclovir", False),
    ("joint pain|knee pain|swollen big toe|hand stiffness",
     "gout flare|osteoarthritis of the knee|acute gouty arthritis|rheumatoid arthritis",
     "colchicine|indomethacin|allopurinol|meloxicam|prednisone", False),
    ("fatigue|unintentional weight loss|feeling tired all the time|hair loss and fatigue",
     "iron deficiency anemia|hypothyroidism|vitamin D deficiency|vitamin B12 deficiency",
     "ferrous sulfate|levothyroxine|vitamin D3|cyanocobalamin", False),
    ("vomiting|fever|fussiness and fever|not eating well|barking cough",
     "viral syndrome|hand, foot and mouth disease|croup|febrile illness",
     "acetaminophen|ibuprofen|dexamethasone|ondansetron", True),
    ("nosebleed|bleeding from the right nostril|recurrent nosebleeds",
     "anterior epistaxis|epistaxis, resolved|posterior epistaxis",
     "oxymetazoline nasal spray|mupirocin ointment|saline nasal gel", True),
    ("heartburn|painful swallowing|acid reflux|burning in the upper chest after meals",
     "gastroesophageal reflux disease|reflux esophagitis|dyspepsia|peptic ulcer disease",
     "esomeprazole|sucralfate|calcium carbonate|famotidine", False),
    ("toothache|jaw swelling|swollen gum",
     "dental abscess|periapical abscess of lower molar|dental caries with gingivitis",
     "amoxicillin|penicillin VK|chlorhexidine rinse|ibuprofen", False),
    ("vaginal discharge|pelvic pain|vaginal itching",
     "bacterial vaginosis|vulvovaginal candidiasis|pelvic inflammatory disease|trichomoniasis",
     "metronidazole|fluconazole|clotrimazole cream|tinidazole", False),
    ("dog bite to the forearm|cat scratch on the hand|animal bite",
     "dog bite of right forearm|cat bite wound of left hand|puncture wound of finger",
     "Augmentin|bacitracin ointment|tetanus-diphtheria vaccine", True),
    ("burn to the hand|scald burn on the forearm|sunburn with blisters",
     "second-degree burn of left hand|superficial partial-thickness burn|first-degree sunburn",
     "silver sulfadiazine cream|bacitracin ointment|hydrocodone-acetaminophen", True),
    ("hand tremor|memory problems|new confusion|forgetfulness",
     "essential tremor|mild cognitive impairment|delirium due to UTI|Alzheimer dementia, moderate",
     "propranolol|primidone|memantine|rivastigmine patch", False),
    ("rectal bleeding|painful bowel movements|rectal pain",
     "internal hemorrhoids|anal fissure|thrombosed external hemorrhoid",
     "hydrocortisone suppository|psyllium|lidocaine ointment|docusate sodium", False),
    ("acne|facial redness|pimples on the back",
     "acne vulgaris|rosacea|moderate inflammatory acne",
     "tretinoin cream|minocycline|metronidazole gel|benzoyl peroxide wash", False),
    ("sports physical|school physical|preventive care visit|well-child check",
     "well child visit|health maintenance exam|sports clearance exam|healthy adolescent",
     "multivitamin|influenza vaccine|HPV vaccine", True),
    ("wants to quit smoking|smoking cessation|tobacco use",
     "tobacco use disorder|nicotine dependence, cigarettes|tobacco dependence in remission",
     "varenicline|nicotine patch|nicotine gum|bupropion SR", False),
    ("bone density results|osteoporosis follow-up|fragility fracture follow-up",
     "postmenopausal osteoporosis|osteopenia of both hips|age-related osteoporosis",
     "alendronate|calcium citrate|vitamin D3|denosumab", False),
    ("seizure-like episode|twitching spells|staring episodes",
     "focal epilepsy|provoked seizure|absence seizures|first unprovoked seizure",
     "lacosamide|lamotrigine|levetiracetam|lorazepam", True),
))
# name as written -> (doses as written, "" = no dose form; frequency classes; route kind)
DRUGS = {name: (options(doses), options(freqs), route) for name, (doses, freqs, route) in {
    "aspirin": ("81 mg|325 mg", "daily", "po"), "nitroglycerin": ("0.4 mg", "prn", "sl"),
    "pantoprazole": ("40 mg", "daily", "po"), "atorvastatin": ("20 mg|40 mg|80 mg", "hs", "po"),
    "albuterol": ("2 puffs|2.5 mg", "prn|qid", "inh"), "prednisone": ("40 mg|20 mg", "daily", "po"),
    "azithromycin": ("250 mg|500 mg", "daily", "po"), "furosemide": ("20 mg|40 mg", "bid", "po"),
    "Lasix": ("40 mg|20 mg", "daily", "po"), "montelukast": ("10 mg", "hs", "po"),
    "amoxicillin": ("500 mg|875 mg", "bid|tid", "po"), "Augmentin": ("875 mg", "bid", "po"),
    "benzonatate": ("100 mg|200 mg", "tid", "po"), "oseltamivir": ("75 mg", "bid", "po"),
    "acetaminophen": ("500 mg|650 mg|1 g", "prn|qid", "po"), "Tylenol": ("650 mg", "prn", "po"),
    "Flonase": ("2 sprays|1 spray", "daily", ""), "ondansetron": ("4 mg|8 mg", "prn|tid", "po"),
    "Zofran": ("4 mg", "prn", "po"), "famotidine": ("20 mg", "bid", "po"),
    "omeprazole": ("20 mg|40 mg", "daily", "po"), "polyethylene glycol": ("17 g", "daily", "po"),
    "dicyclomine": ("20 mg|10 mg", "qid", "po"), "sumatriptan": ("50 mg|100 mg", "prn", "po"),
    "ibuprofen": ("400 mg|600 mg|800 mg", "prn|tid", "po"), "Motrin": ("600 mg", "prn", "po"),
    "metoclopramide": ("10 mg", "prn", "po"), "naproxen": ("500 mg|250 mg", "bid", "po"),
    "cyclobenzaprine": ("5 mg|10 mg", "tid|hs", "po"), "methocarbamol": ("750 mg", "qid", "po"),
    "lidocaine patch": ("1 patch", "daily", ""), "nitrofurantoin": ("100 mg", "bid", "po"),
    "cephalexin": ("500 mg", "qid|bid", "po"), "Keflex": ("500 mg", "qid", "po"),
    "ciprofloxacin": ("500 mg|250 mg", "bid", "po"), "tamsulosin": ("0.4 mg", "daily|hs", "po"),
    "phenazopyridine": ("200 mg", "tid", "po"), "hydrocortisone cream": ("", "bid", ""),
    "cetirizine": ("10 mg", "daily", "po"), "doxycycline": ("100 mg", "bid", "po"),
    "valacyclovir": ("1 g", "tid", "po"), "triamcinolone cream": ("", "bid", ""),
    "meclizine": ("25 mg|12.5 mg", "prn|tid", "po"), "metformin": ("500 mg|1000 mg", "bid", "po"),
    "insulin glargine": ("10 units|24 units", "hs", "sc"), "glipizide": ("5 mg", "daily", "po"),
    "empagliflozin": ("10 mg|25 mg", "daily", "po"), "gabapentin": ("300 mg", "tid|hs", "po"),
    "lisinopril": ("10 mg|20 mg|40 mg", "daily", "po"), "amlodipine": ("5 mg|10 mg", "daily", "po"),
    "hydrochlorothiazide": ("25 mg|12.5 mg", "daily", "po"), "losartan": ("50 mg", "daily", "po"),
    "metoprolol succinate": ("25 mg|50 mg", "daily", "po"), "metoprolol tartrate": ("25 mg", "bid", "po"),
    "sertraline": ("50 mg|100 mg", "daily", "po"), "escitalopram": ("10 mg|5 mg", "daily", "po"),
    "hydroxyzine": ("25 mg", "prn", "po"), "trazodone": ("50 mg", "hs", "po"),
    "bupropion XL": ("150 mg|300 mg", "daily", "po"), "oxycodone": ("5 mg", "prn", "po"),
    "Tdap": ("0.5 mL", "once", "im"), "diltiazem": ("120 mg", "daily", "po"),
    "apixaban": ("5 mg|2.5 mg", "bid", "po"), "Eliquis": ("5 mg", "bid", "po"),
    "rivaroxaban": ("20 mg|15 mg", "daily", "po"), "Xarelto": ("15 mg", "bid", "po"),
    "enoxaparin": ("40 mg|80 mg", "bid|daily", "sc"), "levetiracetam": ("500 mg", "bid", "po"),
    "clopidogrel": ("75 mg", "daily", "po"), "colchicine": ("0.6 mg", "bid|daily", "po"),
    "indomethacin": ("50 mg|25 mg", "tid", "po"), "allopurinol": ("100 mg|300 mg", "daily", "po"),
    "meloxicam": ("15 mg|7.5 mg", "daily", "po"), "ferrous sulfate": ("325 mg", "daily", "po"),
    "levothyroxine": ("50 mcg|88 mcg", "daily", "po"), "vitamin D3": ("2000 units", "daily", "po"),
    "cyanocobalamin": ("1000 mcg", "daily", "po"), "ofloxacin ear drops": ("5 drops", "bid", ""),
    "polymyxin B-trimethoprim eye drops": ("1 drop", "qid", ""), "erythromycin ointment": ("", "qid", ""),
    "dexamethasone": ("10 mg|0.6 mg/kg", "once", "po"), "warfarin": ("5 mg", "daily", "po"),
    "Synthroid": ("75 mcg", "daily", "po"), "loratadine": ("10 mg", "daily", "po"),
    "tramadol": ("50 mg", "prn", "po"), "ketorolac": ("15 mg|30 mg", "once", "iv"),
    "ceftriaxone": ("1 g|2 g", "once", "iv"), "morphine": ("4 mg|2 mg", "once", "iv"),
    "Norco": ("5-325 mg", "prn", "po"), "simvastatin": ("20 mg", "hs", "po"),
    "oxymetazoline nasal spray": ("2 sprays|1 spray", "bid", ""), "mupirocin ointment": ("", "tid", ""),
    "saline nasal gel": ("", "tid|prn", ""), "esomeprazole": ("40 mg|20 mg", "daily|bid", "po"),
    "sucralfate": ("1 g", "qid|meals", "po"), "calcium carbonate": ("2 tablets|500 mg", "prn", "po"),
    "penicillin VK": ("500 mg", "qid", "po"), "chlorhexidine rinse": ("15 mL", "bid", ""),
    "fluconazole": ("150 mg", "once", "po"), "clotrimazole cream": ("", "bid", ""),
    "tinidazole": ("2 g", "once", "po"), "metronidazole": ("500 mg", "bid|tid", "po"),
    "bacitracin ointment": ("", "bid|tid", ""), "tetanus-diphtheria vaccine": ("0.5 mL", "once", "im"),
    "silver sulfadiazine cream": ("", "daily|bid", ""), "hydrocodone-acetaminophen": ("5-325 mg|10-325 mg", "prn", "po"),
    "propranolol": ("10 mg|20 mg", "bid|tid", "po"), "primidone": ("50 mg", "hs", "po"),
    "memantine": ("5 mg|10 mg", "bid", "po"), "rivastigmine patch": ("4.6 mg/24 hr", "daily", ""),
    "hydrocortisone suppository": ("25 mg|1 suppository", "bid", ""), "psyllium": ("1 packet|1 tsp", "daily", "po"),
    "lidocaine ointment": ("", "prn", ""), "docusate sodium": ("100 mg", "bid", "po"),
    "tretinoin cream": ("", "hs", ""), "minocycline": ("100 mg|50 mg", "bid", "po"),
    "metronidazole gel": ("", "daily", ""), "benzoyl peroxide wash": ("", "daily", ""),
    "multivitamin": ("1 tablet", "daily", "po"), "influenza vaccine": ("0.5 mL", "once", "im"),
    "HPV vaccine": ("0.5 mL", "once", "im"), "varenicline": ("0.5 mg|1 mg", "bid|daily", "po"),
    "nicotine patch": ("21 mg|14 mg", "daily", ""), "nicotine gum": ("2 mg|4 mg", "prn", ""),
    "bupropion SR": ("150 mg", "bid|daily", "po"), "alendronate": ("70 mg", "weekly", "po"),
    "calcium citrate": ("600 mg|2 tablets", "bid", "po"), "denosumab": ("60 mg", "once", "sc"),
    "lacosamide": ("100 mg|50 mg", "bid", "po"), "lamotrigine": ("25 mg|50 mg", "daily|bid", "po"),
    "lorazepam": ("1 mg|2 mg|0.5 mg", "once|prn", "iv"), "dulaglutide": ("0.75 mg|1.5 mg", "weekly", "sc"),
    "insulin aspart": ("4 units|6 units|8 units", "meals", "sc"), "methotrexate": ("15 mg|10 mg", "weekly", "po"),
    "losartan-hydrochlorothiazide": ("50-12.5 mg|100-25 mg", "daily", "po"),
    "fluticasone-salmeterol inhaler": ("1 puff|250/50 mcg", "bid", "inh"), "Bactrim DS": ("1 tablet|1 tab", "bid", "po"),
    "magnesium sulfate": ("2 g", "once", "iv"), "normal saline": ("1 L|500 mL|1 liter", "once", "iv"),
    "prochlorperazine": ("10 mg", "once", "iv"), "fentanyl": ("50 mcg|25 mcg", "once", "iv"),
    "Solu-Medrol": ("60 mg|40 mg", "once", "iv"), "hydromorphone": ("0.5 mg|1 mg", "once", "iv"),
    "racemic epinephrine": ("0.5 mL", "once", "inh"), "cefepime": ("2 g|1 g", "tid|bid", "iv"),
    "vancomycin": ("1 g|1250 mg", "bid", "iv"), "heparin": ("5000 units", "tid|bid", "sc"),
    "sodium bicarbonate": ("50 mEq", "once", "iv"), "magnesium oxide": ("400 mg", "daily|bid", "po"), "Entresto": ("49-51 mg", "bid", "po"),
    "Symbicort": ("2 puffs", "bid", "inh"), "Spiriva": ("2 inhalations|1 capsule", "daily", "inh"),
    "finasteride": ("5 mg", "daily", "po"), "galantamine": ("8 mg|4 mg", "bid", "po"),
    "irbesartan": ("150 mg|300 mg", "daily", "po"), "sitagliptin": ("100 mg|50 mg", "daily", "po"),
    "pravastatin": ("40 mg", "hs", "po"), "budesonide nebulizer": ("0.5 mg", "bid", "inh"),
}.items()}
ED_GIVEN = options("ketorolac|ondansetron|morphine|ceftriaxone|acetaminophen|metoclopramide|aspirin|"
                   "magnesium sulfate|normal saline|prochlorperazine|fentanyl|Solu-Medrol|hydromorphone|"
                   "lorazepam|sodium bicarbonate|racemic epinephrine|cefepime|vancomycin|dexamethasone")
BRAND_OF = {"Lasix": "furosemide", "Augmentin": "amoxicillin", "Tylenol": "acetaminophen",
            "Zofran": "ondansetron", "Motrin": "ibuprofen", "Keflex": "cephalexin", "Eliquis": "apixaban",
            "Xarelto": "rivaroxaban", "Synthroid": "levothyroxine", "Norco": "hydrocodone",
            "Flonase": "fluticasone", "Solu-Medrol": "methylprednisolone", "Entresto": "sacubitril",
            "Symbicort": "budesonide", "Spiriva": "tiotropium", "Bactrim DS": "sulfamethoxazole"}
FREQUENCIES = {
    "daily": options("daily|once daily|QD|qd|once a day|every morning|q.d.|qAM|each day"),
    "bid": options("BID|bid|twice daily|twice a day|b.i.d.|every 12 hours|q12h|2x/day"),
    "tid": options("TID|tid|three times daily|three times a day|t.i.d.|q8h|every 8 hours"),
    "qid": options("QID|qid|four times daily|q6h|every 6 hours|four times a day|q.i.d."),
    "hs": options("at bedtime|qHS|nightly|qhs|every night|HS|at night"),
    "prn": options("PRN|prn|as needed|q6h PRN|q4-6h prn|every 6 hours as needed|q8h PRN|q4h PRN"),
    "once": options("once|x1|one dose|STAT|single dose|x 1|now"),
    "weekly": options("weekly|once weekly|once a week|every week|qweek|q7 days|every Sunday"),
    "meals": options("with meals|TID with meals|before meals|AC|with breakfast and dinner"),
}
FREQUENCIES["daily"] += ("q24h", "every 24 hours", "daily in the morning")
FREQUENCIES["tid"] += ("q8 hours",)
FREQUENCIES["prn"] += ("at bedtime PRN", "at bedtime as needed", "BID PRN", "q12h prn", "daily as needed",
                       "TID PRN", "q4-6h as needed", "every 4 hours PRN")
PRN_WHY = options("for pain|for nausea|for sleep|pain|severe pain|for itching|spasm|for fever|nausea|"
                  "for wheezing|for anxiety|breakthrough pain")
ROUTES = {"po": "PO|po|by mouth|orally|p.o.", "iv": "IV|IV push|IVPB|intravenously", "im": "IM|intramuscular", "sc": "SC|subcut|SQ",
          "sl": "SL|sublingual", "inh": "inhaled|via MDI|neb", "": ""}
HOME_DRUGS = options(
    "lisinopril|amlodipine|metformin|atorvastatin|levothyroxine|omeprazole|sertraline|apixaban|"
    "hydrochlorothiazide|losartan|metoprolol succinate|insulin glargine|Lasix|montelukast|allopurinol|"
    "gabapentin|tamsulosin|Eliquis|warfarin|clopidogrel|escitalopram|aspirin|vitamin D3|Synthroid|"
    "loratadine|simvastatin|pantoprazole|trazodone|albuterol|empagliflozin|losartan-hydrochlorothiazide|"
    "fluticasone-salmeterol inhaler|Entresto|Symbicort|Spiriva|finasteride|galantamine|irbesartan|sitagliptin|"
    "pravastatin|dulaglutide|insulin aspart|methotrexate|alendronate|multivitamin|propranolol|esomeprazole|"
    "magnesium oxide|memantine|lamotrigine|docusate sodium")
PMH = options(
    "HTN|hypertension|T2DM|type 2 diabetes|HLD|hyperlipidemia|asthma|COPD|CKD stage 3|hypothyroidism|GERD|"
    "depression|anxiety|atrial fibrillation|obesity|osteoarthritis|CAD|prior stroke|OSA|migraines|gout|"
    "anemia|DM2|afib|sleep apnea|hepatitis C|HIV on ART|prior DVT|CHF|seasonal allergies|"
    "smoker (30 pack-years)|s/p appendectomy 2009|s/p CABG 2016")
FAMILY_HISTORY = options(
    "FHx: father had MI at {n}|Family hx: mother with diabetes|FH: sister with lupus, dx at {n}|"
    "Mother died of stroke at {n}|FHx noncontributory|Family history of colon cancer (brother, {n})")
RULE_OUT = options(
    "PE|pulmonary embolism|ACS|sepsis|fracture|abscess|meningitis|DVT|stroke|appendicitis|kidney stone|"
    "pneumothorax|SBO|aortic dissection|cholecystitis|pneumonia|septic joint|intracranial bleed|MI|"
    "bacterial infection")
NEGATED = options(
    "fever|chills|chest pain|shortness of breath|nausea|vomiting|diarrhea|headache|dysuria|abdominal pain|"
    "syncope|cough|rash|vision changes|numbness|weakness|hematuria|blood in stool|palpitations|sick contacts|"
    "recent travel|trauma|LOC")
ALLERGENS = options(
    "penicillin|PCN|sulfa|sulfa drugs|codeine|morphine|latex|shellfish|peanuts|iodinated contrast|"
    "IV contrast|aspirin|ibuprofen|NSAIDs|cephalexin|erythromycin|bee stings|eggs|tree nuts|adhesive tape|"
    "ciprofloxacin|vancomycin|ACE inhibitors|tetracycline|Bactrim|levofloxacin|tramadol|hydrocodone|"
    "clindamycin|azithromycin|ceftriaxone|nickel|strawberries|soy|amoxicillin|lisinopril|gabapentin|"
    "oxycodone|hydromorphone|fluoroquinolones|metronidazole|Keflex|Augmentin|cats|dust mites|cefdinir|"
    "celecoxib|prochlorperazine|contrast dye|sesame|walnuts|mold|ragweed|sulfonylureas|Demerol|"
    "doxycycline|macrolides|statins|gadolinium|chlorhexidine|Percocet|cefuroxime|penicillins")
ALLERGY_CLASH = {"penicillin": ("amoxicillin", "Augmentin", "penicillin VK"), "PCN": ("amoxicillin", "Augmentin", "penicillin VK"),
                 "penicillins": ("amoxicillin", "Augmentin", "penicillin VK"), "macrolides": ("azithromycin",),
                 "statins": ("atorvastatin", "simvastatin", "pravastatin"), "Percocet": ("oxycodone",),
                 "sulfa": ("Bactrim DS",), "Bactrim": ("Bactrim DS",), "sulfa drugs": ("Bactrim DS",), "chlorhexidine": ("chlorhexidine rinse",),
                 "NSAIDs": ("ibuprofen", "naproxen", "meloxicam", "indomethacin", "ketorolac", "aspirin"),
                 "fluoroquinolones": ("ciprofloxacin",), "ACE inhibitors": ("lisinopril",)}
REACTIONS = options("rash|hives|anaphylaxis|swelling|itching|GI upset|nausea|throat swelling|angioedema|"
                    "wheezing|lip swelling|unknown reaction")
SURNAMES = options(
    "Okafor|Nguyen|Haddad|Kowalski|Tanaka|Fernandez|Patel|Chen|O'Brien|Mueller|Adeyemi|Rossi|Kim|Ivanova|"
    "Schmidt|Garcia|Mensah|Yilmaz|Sato|Dubois|Kaur|Andersson|Novak|Hernandez|Abdullah|Park|Silva|Kowalczyk|"
    "Mahmoud|Rahman|Petrov|Lindqvist|Moreau|Castillo|Achebe|Takahashi|Wojcik|Banerjee|Costa|Hughes|Kariuki|"
    "Lopez|Nakamura|Papadopoulos|Quispe|Reyes|Singh|Tran|Vargas|Walsh|Xu|Yamamoto|Zielinski|Begum|Cohen|"
    "Delgado|Eriksen|Farouk|Gallagher|Horvat|Iyer|Jovanovic|Khalil|Liu|Mbeki|Nwosu|Ortega|Pham|Qureshi")
NOTE_HEADERS = {
    "triage": "ED TRIAGE NOTE|Triage note|ED triage|TRIAGE|Emergency Department - triage|ED physician note|"
              "Emergency dept provider note|Fast track note|Immediate care visit|Pediatric ED note|"
              "Urgent care center note|ER NOTE",
    "clinic": "Clinic visit|Office visit note|Progress note|Primary care visit|CLINIC NOTE|Same-day sick visit|"
              "Specialty clinic note|Return visit|Pediatric office visit|Geriatrics clinic|Nursing facility visit|"
              "Outpatient note - family medicine|SOAP note",
    "discharge": "Discharge summary (excerpt)|DISCHARGE SUMMARY|Discharge note|Hospital discharge summary|"
                 "D/C summary|Discharge summary - Medicine|Discharge summary - Surgery|Brief discharge note|"
                 "DISCHARGE NOTE - Hospitalist service",
    "telehealth": "Telehealth note|Video visit|Telephone encounter|Virtual visit note|TELEMEDICINE|Phone note|"
                  "Nurse telephone triage|Telephone follow-up call|Audio-only visit|Patient portal e-visit",
}
OPENERS = {  # {P}/{p}: patient phrase capitalised / as is; {cc}: chief complaint; {dur}: optional duration
    "triage": "{P} ambulatory to triage with {cc}{dur}|{P} arrives via EMS with {cc}{dur}|"
              "{P} arrives with {cc}{dur}|{P} arrives by private car with {cc}{dur}",
    "clinic": "{P} here for {cc}|{P} seen today for {cc}{dur}|{P} presents to clinic with {cc}{dur}",
    "discharge": "{P} admitted with {cc}{dur}|{P} was hospitalized for {cc}|"
                 "{P} presented to the ED with {cc}|{P} was admitted with {cc}{dur} and is now ready for discharge",
    "telehealth": "Video visit with {p} for {cc}|{P} calls reporting {cc}{dur}|{P} seen by video for {cc}|"
                  "Spoke with {p} by phone; {p} calls reporting {cc}{dur}|{P} seen today by video for {cc}{dur}",
    "any": "{P} presents with {cc}{dur}|{P} complaining of {cc}{dur}|{P} reports {cc}{dur}|"
           "{P} presenting with {cc}{dur}|{Cc}{dur} in {p}|{P} c/o {cc}{dur}",
}
FOLLOW_WITH = options("PCP|primary care|cardiology|Dr. {s}|clinic|ortho|GI|this clinic|dermatology|urology|"
                      "neurology|the NP|pulmonology|endocrine|her/his doctor|rheumatology|the wound clinic|"
                      "nephrology|ENT|the hand surgeon|the pediatrician|OB/GYN|the sleep clinic|"
                      "family medicine|podiatry")
NUMBER_WORDS = options("zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
TYPOS = (("patient", "pateint"), ("reports", "reprots"), ("presents", "presnets"), ("denies", "deneis"),
         ("with", "wiht"), ("history", "hsitory"), ("today", "todya"), ("Follow", "Folow"),
         ("started", "strated"))


def family(name):
    return BRAND_OF.get(name, name).split()[0].lower()


def pick_many(rng, pool, k, avoid=()):
    """Up to k distinct items of pool, none sharing a word family with `avoid` or with each other."""
    chosen, families = [], [family(a) for a in avoid]
    for item in rng.sample(pool, len(pool)):
        f = family(item)
        if len(chosen) < k and not any(f in g or g in f for g in families):
            chosen.append(item)
            families.append(f)
    return chosen


def cap(s):
    return s[:1].upper() + s[1:]


def with_article(phrase):
    first = phrase.split()[0].lower()
    digits = first[:len(first) - len(first.lstrip("0123456789"))]
    vowel = digits.startswith("8") or digits in ("11", "18") if digits else first[0] in "aeiou"
    return ("an " if vowel else "a ") + phrase


def number(rng, n):
    if n <= 12 and rng.random() < 0.3:
        return "a" if n == 1 and rng.random() < 0.5 else NUMBER_WORDS[n]
    return str(n)


def join_list(rng, items):
    how = rng.random()
    if len(items) == 1 or how < 0.7:
        return (", " if how < 0.45 else "; ").join(items)
    return ", ".join(items[:-1]) + pick(rng, " and |, and | & ") + items[-1]


def duration(rng):
    return pick(rng, "x {n} days|x{n}d|for {n} days|for the past {n} days|for {n} weeks|x {n} wks|"
                     "since yesterday|since this morning|for {n} hours|x {n} hrs|for about a week|"
                     "on and off for {n} months").format(n=rng.randint(2, 10))


def render_med(rng, name, spacing, freq_classes=None):
    """(mention as written, {"name", "dose", "frequency"}); dose/frequency None when not written."""
    doses, own_classes, route_kind = DRUGS[name]
    given = freq_classes == ("once",)
    dose = rng.choice(doses) or None if rng.random() < 0.85 else None
    if dose and not spacing and dose[0].isdigit():
        dose = dose.replace(" mg", "mg").replace(" mcg", "mcg").replace(" g", "g")
    freq = rng.choice(FREQUENCIES[rng.choice(freq_classes or own_classes)]) if rng.random() < (
        0.88 if given else 0.8) else None
    route = pick(rng, ROUTES[route_kind]) if dose and rng.random() < (0.75 if given else 0.3) else ""
    prn = freq and ("prn" in freq.lower() or "as needed" in freq) and rng.random() < 0.4
    why = rng.choice(PRN_WHY) if prn else ""
    why = "for " + why if why and not why.startswith("for") and "as needed" in freq else why
    record = {"name": name, "dose": dose, "frequency": freq}
    if dose and freq and rng.random() < 0.06:
        return f"{name} ({dose} {freq})", record
    if route and route_kind in ("iv", "im", "inh") and rng.random() < 0.15:  # "IV ketorolac 15 mg once"
        return " ".join(p for p in (route, name, dose, freq, why) if p), record
    return " ".join(p for p in (name, dose, route, freq, why) if p), record


DX_PREFIX = options("Acute |Mild |Moderate |Severe |Chronic |Recurrent ")
DX_SUFFIX = options(", uncomplicated|, improving|, stable|, poorly controlled|, initial encounter|, recurrent|"
                    " without complication|, worsening|, resolving|, new diagnosis|, chronic|, mild|"
                    ", symptomatic| with acute pain")


def dress_dx(rng, d):
    """A diagnosis as a clinician writes it: sometimes with a severity/side word or a qualifier tail."""
    r = rng.random()
    first = d.split()[0].lower()
    if r < 0.16:
        prefix = rng.choice(DX_PREFIX)
        sided = "left" in d.lower() or "right" in d.lower() or "both" in d.lower()
        if not d[:1].isupper() and first not in ("acute", "chronic", "mild", "moderate", "severe", "recurrent",
                                                  "new-onset", "uncontrolled", "first", "healthy", "viral") \
                and not (sided and prefix.strip() in ("Left", "Right", "Bilateral")):
            d = prefix.lower() + d if rng.random() < 0.3 else prefix + d
    elif r < 0.32 and "," not in d:
        d += rng.choice(DX_SUFFIX)
    return cap(d) if rng.random() < 0.5 else d


def patient_phrase(rng, age, months, sex):
    """(lowercase-led noun phrase for the patient, takes an article?); names the sex only if not unknown."""
    kid = months is not None or (age is not None and age < 18)
    nouns = options({"female": "girl|female|female infant" if kid else "woman|female|lady|female pt|F|woman",
                     "male": "boy|male|male infant" if kid else "man|male|gentleman|male pt|M|man",
                     "unknown": "patient|pt|patient"}[sex])
    titles = {"female": "Mrs.|Ms.", "male": "Mr."}.get(sex) if not kid else None
    if months is not None:
        adj = pick(rng, "{m}-month-old|{m} month old|{m} mo old").format(m=months)
        return f"{adj} {pick(rng, nouns)}", True
    if age is not None:
        r = rng.random()
        if sex != "unknown" and r < 0.2:
            return pick(rng, "{a}{x}|{a} {x}|{a}yo{x}|{a} yo {x}|{a} y/o {x}|{a}yo {x}|{a} y.o. {x}|{a}-yo {x}").format(
                a=age, x=sex[0].upper()), False
        if titles and r < 0.32:
            return pick(rng, "{t} {n} ({a})|{t} {n}, {a},|{t} {n}, age {a},|{t} {n} (age {a})|"
                             "{t} {n}, a {a}-year-old,|{t} {n} ({a} y/o)").format(
                t=pick(rng, titles), n=pick(rng, SURNAMES), a=age), False
        if sex == "unknown" and r < 0.25:
            return pick(rng, "pt aged {a}|patient, age {a},|pt ({a} y/o)").format(a=age), False
        adj = pick(rng, "{a}-year-old|{a} year old|{a}-yo|{a} yo|{a}yo|{a} y/o|{a}y/o|{a} y.o.|{a}-yr-old|"
                        "{a} yr old").format(a=age)
        return f"{adj} {pick(rng, nouns)}", True
    if titles and rng.random() < 0.3:
        return f"{pick(rng, titles)} {pick(rng, SURNAMES)}", False
    if sex == "unknown":
        return pick(rng, "pt|patient|the patient"), False
    return rng.choice(nouns[:3] + ("elderly " + nouns[1],)), True


def subject(rng, sex, must_cue=False):
    if must_cue or (sex != "unknown" and rng.random() < 0.5):
        return {"female": "She", "male": "He", "unknown": "Pt"}[sex]
    return pick(rng, "Pt|Patient|The patient")


def follow_up(rng, note_type, sex):
    """(text or None, days or None); days only for a timed follow-up visit."""
    his = {"female": "her", "male": "his"}.get(sex, "the patient's")
    who = rng.choice(FOLLOW_WITH).replace("{s}", rng.choice(SURNAMES)).replace("her/his", his)
    if rng.random() < 0.3:
        if rng.random() < 0.3:
            return None, None
        return pick(rng, "Return precautions given|F/u PRN|Follow up with {w} as needed|Follow up with {w}|"
                         "Return if symptoms worsen|No follow-up needed|Pt to call {w} to schedule follow-up|"
                         "RTC prn|Return to ED for worsening pain or fever").format(w=who), None
    kind = rng.choices(("days", "weeks", "months", "tomorrow", "hours"), (26, 40, 26, 4, 6))[0]
    if kind == "tomorrow":
        return pick(rng, "Follow up with {w} tomorrow|Recheck tomorrow|RTC tomorrow|See {w} tomorrow for recheck|"
                         "Return tomorrow for wound check|{W} to see pt tomorrow").format(w=who, W=cap(who)), 1
    hyphen = ""
    if kind == "hours":
        hours = rng.choice((24, 48, 48, 72))
        amount, days = pick(rng, "{h} hours|{h} hrs|{h}h|{h} hr").format(h=hours), hours // 24
    else:
        n = {"days": rng.choice((1, 2, 3, 3, 4, 5, 5, 7, 7, 10, 10, 14)) if rng.random() < 0.6 else rng.randint(2, 14),
             "weeks": rng.choice((1, 1, 2, 2, 2, 3, 4, 4, 6, 6, 8, 10, 12)),
             "months": rng.choice((1, 1, 2, 3, 3, 3, 4, 6, 6, 9, 12))}[kind]
        days = n * {"days": 1, "weeks": 7, "months": 30}[kind]
        unit = pick(rng, {"days": "days|d|days", "weeks": "weeks|wks|wk|weeks|week",
                          "months": "months|mo|mos|months|month"}[kind])
        unit = unit[:-1] if n == 1 and unit.endswith("s") else unit
        unit = unit + "s" if n > 1 and unit in ("week", "month") else unit
        unit = "day" if n == 1 and unit == "d" else unit
        num = number(rng, n)
        compact = num.isdigit() and len(unit) <= 3 and rng.random() < 0.5
        amount = f"{num}{unit}" if compact else f"{num} {unit}"
        if num.isdigit() and rng.random() < 0.12:  # "2-week follow-up"
            hyphen = f"{n}-{ {'days': 'day', 'weeks': 'week', 'months': 'month'}[kind]}"
    if hyphen:
        text = pick(rng, "{h} follow-up with {w}|{W} {h} follow-up|Return for {h} recheck|"
                         "Schedule {h} follow-up visit").format(h=hyphen, w=who, W=cap(who))
        return text, days
    templates = ("Follow up with {w} in {q}|F/u {w} {q}|f/u in {q}|RTC {q}|RTC in {q}|Recheck in {q}|"
                 "Return to clinic in {q}|{W} follow-up in {q}|Follow-up appointment in {q}|"
                 "Next visit in {q}|See {w} in {q}|Return in {q} for recheck|follow up {q} with {w}|"
                 "Schedule f/u in {q}|Appt with {w} in {q}|FOLLOW-UP: {q}, {w}|Plan to reassess in {q}|"
                 "Follow-up: {w} in {q}|F/U: {q}|{W} recheck in {q}|Recheck {x} in {q}|"
                 "Return visit with {w} in {q}|Will see {o} back in {q}|Reassess in {q}|"
                 "Follow up in {q} with {w}|Appointment with {w} in {q}|Plan f/u {q}|"
                 "Follow up with {w} in {q} with repeat {lab}|Repeat {lab} in {q2}, then see {w} in {q}|"
                 "Labs ({lab}) in {q2}; clinic visit in {q}")
    if note_type == "telehealth":
        templates += ("|Video follow-up in {q}|Will call pt back in {q}|Call back in {q} if not improving|"
                      "Phone check-in in {q}|Nurse will call in {q}|Video visit again in {q}")
    if note_type == "discharge":
        templates += "|Follow-up: {w} within {q}|Post-discharge visit with {w} in {q}|See {w} in {q} after discharge"
    lab_gap = pick(rng, "{n} days|{n} d").format(n=rng.randint(2, 5)) if days > 7 else "tomorrow"
    return pick(rng, templates).format(
        w=who, W=cap(who), q=amount, q2=lab_gap, o=pick(rng, "pt|the patient|" + {"female": "her", "male": "him"}.get(sex, "pt")),
        x=pick(rng, "BP|weight|wound|symptoms|rash|lungs|foot|ears|sugars"),
        lab=pick(rng, "CBC|BMP|CMP|A1c|lipid panel|INR|TSH|LFTs")).replace("in tomorrow", "tomorrow"), days


def vitals(rng):
    parts = ("BP {s}/{d}|BP: {s}/{d}|{s}/{d}", "HR {hr}|P {hr}|pulse {hr}", "RR {rr}|R {rr}", "Wt {kg} kg",
             "T {tc}|Temp {tf}F|T {tf}|temp {tc} C", "SpO2 {o2}% RA|O2 sat {o2}%|sat {o2}% on RA")
    chosen = [pick(rng, p) for p in rng.sample(parts, rng.randint(2, 5))]
    text = pick(rng, "Vitals: |VS: |Vitals - ||On arrival |VITALS: ") + pick(rng, ", | |; ").join(chosen)
    return text.format(s=rng.randint(96, 188), d=rng.randint(54, 112), hr=rng.randint(52, 128),
                       rr=rng.randint(12, 28), tc=f"{rng.randint(361, 394) / 10:.1f}",
                       tf=f"{rng.randint(970, 1031) / 10:.1f}", o2=rng.randint(88, 100),
                       kg=rng.randint(45, 130))


def labs(rng):
    items = options("WBC {a}.{b}|Hgb {c}.{b}|Cr {d}|glucose {g}|A1c {e}%|troponin <0.01|K {k}|lactate {l}|"
                    "UA + nitrites|CXR clear|ECG: NSR, rate {hr}|Na {na}|lipase {g}")
    text = pick(rng, "Labs: |Labs notable for ||Results: ") + ", ".join(rng.sample(items, rng.randint(1, 3)))
    return text.format(a=rng.randint(4, 19), b=rng.randint(0, 9), c=rng.randint(8, 16),
                       d=f"{rng.randint(6, 24) / 10:.1f}", g=rng.randint(70, 420),
                       e=f"{rng.randint(55, 121) / 10:.1f}", k=f"{rng.randint(31, 55) / 10:.1f}",
                       l=f"{rng.randint(6, 45) / 10:.1f}", hr=rng.randint(55, 110), na=rng.randint(128, 145))


def meta(rng, note_type):
    """Record-keeping numbers (MRN, dates, rooms, phone) that must never be extracted."""
    date = pick(rng, "{m}/{d}/{y}|{y}-{m:02d}-{d:02d}|{m}/{d}").format(
        m=rng.randint(1, 12), d=rng.randint(1, 28), y=rng.randint(2019, 2025))
    choices = [f"MRN {rng.randint(1000000, 9999999)}", f"DOS {date}", f"Date: {date}"] + {
        "triage": [f"ESI {rng.randint(1, 5)}", f"Pain {rng.randint(0, 10)}/10", f"Rm {rng.randint(1, 40)}",
                   f"Arrived {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"],
        "clinic": [f"Rm {rng.randint(1, 12)}", f"Visit time {rng.randint(1, 12)}:{rng.randint(0, 59):02d}"],
        "discharge": [f"LOS {rng.randint(1, 9)} days", f"Admitted {date}", f"Bed {rng.randint(1, 30)}B"],
        "telehealth": [f"Callback 555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                       f"Call duration {rng.randint(5, 40)} min", "Video, consent obtained, pt at home"],
    }[note_type]
    return rng.choice((" | ", ", ", "  ")).join(rng.sample(choices, rng.randint(1, 2)))


def signature(rng):
    return pick(rng, "-- Dr. {s}|Signed: {i}. {s}, MD|Seen with attending Dr. {s}|{i}. {s}, PA-C|"
                     "{s}, RN (triage)|Electronically signed by {i}. {s}, NP|Discussed with Dr. {s}").format(
        i=rng.choice("ABCDEJKLMNRST"), s=rng.choice(SURNAMES))


def choose_patient(rng, kids_ok):
    """(age, months or None, sex); infants described in months get age = months // 12."""
    sex = rng.choices(("female", "male", "unknown"), (37, 37, 26))[0]
    r = rng.random()
    if r >= 0.8:
        return None, None, sex
    if kids_ok and r < 0.06:
        months = rng.randint(2, 23)
        return months // 12, months, sex
    return (rng.randint(2, 17) if kids_ok and r < 0.11 else rng.randint(18, 96)), None, sex


def opening_units(rng, note_type, cc, age, months, sex):
    """Header, demographics and complaint units; returns (units, whether the sex is already cued)."""
    units = []
    if rng.random() < 0.6:
        header = pick(rng, NOTE_HEADERS[note_type]) + (":" if rng.random() < 0.4 else "")
        units.append((header, True, "header"))
    mode = "none" if sex == "unknown" else rng.choices(("phrase", "pronoun", "demographics"), (65, 15, 20))[0]
    age_line = sex == "unknown" and age is not None and months is None and rng.random() < 0.15
    if mode == "demographics" or age_line:
        x = pick(rng, {"female": "F|female|Female", "male": "M|male|Male", "unknown": ""}[sex])
        if age is None or months is not None:
            demo = pick(rng, "Sex: {x}|Gender: {x}")
        else:
            demo = pick(rng, "Age/Sex: {a}/{x}|{a} {x}|Age: {a}  Sex: {x}|Pt: {a}yo {x}|{a}, {x}|"
                             "Name: {i}. {n}; Age: {a}; Sex: {x}|Patient: {i}. {n}   Age: {a}   Sex: {x}|"
                             "Pt: {n}, {i}.; Age {a}; Sex: {x}|Age: {a} / Sex: {x}" if x else
                        "Age: {a}|Age {a}|Pt age {a}|Name: {i}. {n}, Age: {a}")
        units.append((demo.format(a=age, x=x, i=rng.choice("ABCDEFGHJKLMNPRSTW"), n=rng.choice(SURNAMES)),
                      True, "demographics"))
        phrase, articled = pick(rng, "pt|patient|the patient"), False
        if months is not None:
            phrase, articled = patient_phrase(rng, age, months, "unknown")
    else:
        phrase, articled = patient_phrase(rng, age, months, sex if mode == "phrase" else "unknown")
    if articled and rng.random() < 0.55:
        phrase = with_article(phrase)
    dur = " " + duration(rng) if rng.random() < 0.45 else ""
    if rng.random() < 0.35:
        head = pick(rng, "CC: {cc}|Chief complaint: {cc}|Reason for visit: {cc}|RFV: {cc}|C/O: {cc}|"
                         "Presenting complaint: {cc}|Chief concern - {cc}|CHIEF COMPLAINT: {cc}" +
                    ("|Admitted with: {cc}" if note_type == "discharge" else ""))
        units.append((head.format(cc=cap(cc) if rng.random() < 0.25 else cc) + dur, True, "complaint"))
        intro = pick(rng, "{P}, symptoms started {n} days ago|HPI: {P} with {n} days of symptoms|"
                          "{P}, alert and oriented|{P} reports onset {n} days ago|"
                          "HPI: {P}, onset {n} days prior")
        units.append((intro.format(P=cap(phrase), n=rng.randint(2, 9)), False, "intro"))
    else:
        opener = pick(rng, OPENERS[note_type] + "|" + OPENERS["any"])
        units.append((opener.format(P=cap(phrase), p=phrase, cc=cc, Cc=cap(cc), dur=dur), False, "intro"))
    return units, mode != "pronoun"


def history_units(rng, cc, sex, sex_cued, note_type, style, adult, rendered, meds):
    """(kind, text) units between opening and assessment: HPI, history, meds, allergies, vitals, labs."""
    units = []
    if rng.random() < 0.55 or not sex_cued:
        a, b = pick_many(rng, [n for n in NEGATED if n not in cc and cc not in n], 2)
        hpi = ("{S} denies {a} and {b}|{S} denies {a}, {b}|{S} reports no {b}|Pain {k}/10. {S} denies {a}|"
               "{S} tried rest without relief; no {a}|{S} states symptoms started {n} days ago. No {a}|"
               "{S} notes {f}; denies {b}" + ("|No {a} or {b}" if sex_cued else ""))
        units.append(("hpi", pick(rng, hpi).format(
            S=subject(rng, sex, not sex_cued), a=a, b=b, k=rng.randint(2, 10), n=rng.randint(2, 14),
            f=pick(rng, "mild nausea|poor sleep|fatigue"))))
    if adult and rng.random() < 0.4:
        units.append(("pmh", pick(rng, "PMH: {l}|Hx: {l}|PMHx {l}|History of {l}|h/o {l}|Known {l}|"
                                       "Past history significant for {l}|PAST MEDICAL HISTORY: {l}").format(
            l=join_list(rng, pick_many(rng, PMH, rng.randint(1, 3))))))
    if rng.random() < 0.1:
        units.append(("family", pick(rng, FAMILY_HISTORY).format(n=rng.randint(35, 80))))
    if meds["home"]:
        texts = [rendered[n][0] for n in meds["home"]]
        if len(texts) > 1 and style in ("headed", "soap") and rng.random() < 0.4:
            heading = pick(rng, "Meds:|Home meds:|MEDICATIONS:")
            units.append(("home", heading + "".join("\n- " + t for t in texts)))
        else:
            units.append(("home", pick(rng, "Meds: {l}|Home meds: {l}|Current medications: {l}|On {l}|"
                                            "{S} takes {l}|Home medications include {l}|Current meds: {l}|"
                                            "Outpatient meds - {l}").format(l=join_list(rng, texts),
                                                                            S=subject(rng, sex))))
    for name in meds["stopped"]:
        dose = DRUGS[name][0][0]
        units.append(("stopped", pick(rng, "Stopped {n}{d} {w} due to side effects|{N}{d} discontinued|"
                                           "Hold {n}{d}|D/C {n}{d}|{N} held for now|Previously on {n}{d}|"
                                           "No longer taking {n}|{N}{d} stopped by cardiology|Stopped: {n}|"
                                           "Discontinue {n}{d}|{N} D/C'd|"
                                           "Hold {n} until follow-up|{N}{d} - hold").format(
            n=name, N=cap(name), d=" " + dose if dose and rng.random() < 0.4 else "",
            w=pick(rng, "last month|2 weeks ago|in March|last year"))))
    if meds["allergies"]:
        listed = join_list(rng, [a + pick(rng, " ({r})| ({r})| - {r}| (causes {r})").format(
            r=pick(rng, REACTIONS)) if rng.random() < 0.35 else a for a in meds["allergies"]])
        form = pick(rng, "Allergies: {l}|Allergic to {l}|ALL: {l}|Allergy: {l}|{S} is allergic to {l}|"
                         "Drug allergies: {l}|ALLERGIES: {l}|Allergies - {l}")
        if len(meds["allergies"]) == 1 and rng.random() < 0.25:
            a = meds["allergies"][0]
            a = cap(a) if a[0].islower() and rng.random() < 0.4 else a
            form = pick(rng, "{a} allergy|{a} allergy ({r})|Allergy to {a} ({r})|{a} allergy - {r}|"
                             "Reports {a} allergy|{a} allergy (reaction: {r})").format(a=a, r=pick(rng, REACTIONS))
            meds["allergies"] = [a]
        units.append(("allergy", form.format(l=listed, S=subject(rng, sex))))
    elif rng.random() < 0.7:
        units.append(("allergy", pick(rng, "NKDA|No known drug allergies|Allergies: none|NKA|ALL: NKDA|"
                                           "Allergies: NKDA|No known allergies|"
                                           "Allergies: no known allergies|Allergies: NKA|Allergies: None known|"
                                           "No drug allergies|Allergy: none reported|"
                                           "No allergies on file|NKDA per pt|Allergies: nil known")))
    if note_type != "telehealth" and rng.random() < 0.55:
        units.append(("vitals", vitals(rng)))
    elif note_type == "telehealth" and rng.random() < 0.2:
        units.append(("vitals", f"Home BP reading {rng.randint(110, 180)}/{rng.randint(60, 110)}"))
    if rng.random() < 0.3:
        units.append(("labs", labs(rng)))
    if meds["given"]:
        where = {"triage": "ED|the ED|triage", "discharge": "the ED|house|hospital",
                 "clinic": "clinic|the office", "telehealth": "clinic"}[note_type]
        form = ("{m} given|Administered {m}|Treated in {w} with {m}|Medications administered: {m}|"
                "In {w}: {m}|Received {m} in {w}|{m} administered in {w}|Given today: {m}")
        if note_type != "clinic":
            form += ("|Given {m} in ED|Received {m} in triage|Got {m} on arrival|s/p {m} with relief|"
                     "Course: {m}, with improvement")
        if note_type == "discharge":
            form += "|Hospital course: received {m}|Inpatient treatment: {m}|Treated with {m} during admission"
        units.append(("given", pick(rng, form).format(m=join_list(rng, [rendered[n][0] for n in meds["given"]]),
                                                      w=pick(rng, where))))
    if rng.random() < 0.5:
        rng.shuffle(units)
    return units


def listed_dx(rng, dx):
    """The assessment's items as one string: plain list, inline numbering, '#' items or sentences."""
    if len(dx) == 1:
        return dx[0]
    # an item with a comma of its own ("Epistaxis, resolved") never sits in a bare-comma list
    comma = any("," in d for d in dx)
    how = rng.random()
    if how < 0.3:
        form = pick(rng, "{i}) {d}|{i}. {d}|({i}) {d}|#{i} {d}|#{i}: {d}")
        sep = pick(rng, " |; | ")
        return sep.join(form.format(i=i, d=d) for i, d in enumerate(dx, 1))
    if how < 0.45:
        return pick(rng, " # |; # ").join(["# " + dx[0]] + dx[1:]) if rng.random() < 0.5 else \
            " ".join("#" + d for d in dx)
    if how < 0.55:
        return ". ".join(cap(d) if d[0].islower() else d for d in dx) if all(d[0].isupper() for d in dx) \
            else "; ".join(dx) if comma else join_list(rng, dx)
    return "; ".join(dx) if comma else join_list(rng, dx)


def plan_units(rng, note_type, style, dx, ruled_out, new_texts, fu_text, cont_texts=()):
    """(kind, text) units: assessment (or a diagnosis-free stand-in), new prescriptions, follow-up."""
    units, new_texts = [], list(new_texts)
    if dx and style != "soap" and rng.random() < (0.35 if style != "prose" else 0.15):
        # problem-oriented A/P, new meds inside the items
        marker = pick(rng, "{i}. |#|{i}) |- |# |#{i} ")
        sep, lines = "\n" if style == "headed" else pick(rng, " |; "), []
        for i, d in enumerate(dx, 1):
            action = pick(rng, "start |Rx |begin |add |trial of ") + new_texts.pop(0) if new_texts else pick(
                rng, "supportive care|monitor|fluids and rest|education provided|continue current plan|"
                     "counseled|watchful waiting|no change|labs ordered|referral placed")
            separator = pick(rng, (": " if marker == "- " else " - |: |; ") if "," in d else
                             ": |, " if marker == "- " else " - |: |, |; ")
            lines.append(marker.format(i=i) + d + separator + action)
        heading = pick(rng, "A/P:|Assessment and plan:|ASSESSMENT/PLAN:|A&P:|Assessment & Plan:|Problem list:")
        units.append(("assessment", heading + (sep if sep == "\n" else " ") + sep.join(lines)))
    elif dx:
        form = ("Assessment: {l}|A: {l}|Impression: {l}|Dx: {l}|Diagnosis: {l}|Clinical impression: {l}|"
                "Working diagnosis: {l}|ASSESSMENT: {l}|Diagnosed with {l}|Findings consistent with {l}|"
                "Impression is {l}|Final diagnosis: {l}|IMPRESSION: {l}|Diagnoses: {l}|Assessment - {l}|"
                "Dx today: {l}|Assessment today: {l}")
        if note_type == "discharge":
            form += "|Discharge diagnoses: {l}|Principal diagnosis: {l}|Discharge Dx: {l}|Final diagnoses: {l}"
        if style == "soap":
            form = "A: {l}"
        listed = listed_dx(rng, dx)
        if rng.random() < 0.3:
            listed += pick(rng, "; r/o {x}|, rule out {x}|. {X} ruled out|. No evidence of {x}|, doubt {x}|"
                                ". Low suspicion for {x}|; {x} less likely|"
                                ". {X} was ruled out").format(x=ruled_out, X=cap(ruled_out))
        units.append(("assessment", pick(rng, form).format(l=listed)))
    elif rng.random() < 0.4:
        units.append(("no_diagnosis", pick(rng, "Assessment: r/o {x}|Rule out {x}|Dx deferred to provider|"
                                               "Assessment pending|Concern for {x}, workup pending|"
                                               "Ddx includes {x}|Assessment: deferred until labs return|"
                                               "Diagnosis pending results|Impression: to be determined").format(
            x=ruled_out)))
    plan = []
    if new_texts:
        verbs = {"discharge": "Discharged on {l}|Discharge meds: {l}|Discharge medications: {l}|"
                              "Meds on discharge: {l}|D/C meds: {l}|Sent home with {l}|New at discharge: {l}",
                 "triage": "Start {l} per protocol|Discharged home with {l}|Rx on discharge: {l}|Dispo: home with {l}",
                 "telehealth": "Sent {l} to pharmacy|e-Rx {l}|Rx sent to pharmacy: {l}|Called in {l}",
                 "clinic": "Rx: {l}|Prescribed {l}|Plan: add {l}|Add {l}|Rx given: {l}"}[note_type]
        verbs += "|Started {l}|Start {l}|Plan: start {l}|Will start {l}|New: {l}|Begin {l}|Starting {l}"
        plan.append(("new_meds", pick(rng, verbs).format(l=join_list(rng, new_texts))))
    if cont_texts:
        plan.append(("cont_meds", pick(rng, "Continue {l}|Cont {l}|Continue home {l}|Pt continues {l}|"
                                            "Continues {l}|Keep taking {l}|Continue current {l}").format(
            l=join_list(rng, list(cont_texts)))))
        if len(plan) > 1 and rng.random() < 0.5:
            plan.reverse()
    if fu_text:
        plan.append(("follow_up", fu_text))
    if style == "soap" and plan:
        units.append(("+".join(k for k, _ in plan), "P: " + pick(rng, ". |; ").join(t for _, t in plan)))
        return units
    units += plan
    if len(units) > 1 and rng.random() < 0.2:
        units[-1], units[-2] = units[-2], units[-1]
    return units


EXAM = options("exam unremarkable|lungs clear bilaterally|abdomen soft, nontender|no acute distress|"
                "skin warm and dry|neuro grossly intact|mild tenderness on palpation|RRR, no murmurs|"
                "afebrile, well appearing|moist mucous membranes|no edema|gait steady")
CC_MODIFIERS = options("worsening |severe |intermittent |mild |progressive |constant |recurrent ")
NO_MODIFIER = ("follow-up", "physical", "visit", "check", "quit", "smoking", "results", "tobacco", "blood pressure",
               "blood sugar", "glucose", "severe", "mild", "worsening")


def complaint(rng, complaints):
    """The presenting complaint: one phrase, sometimes two joined with "and", sometimes with a modifier."""
    cc = rng.choice(complaints)
    other = rng.choice(complaints)
    if rng.random() < 0.22 and other != cc and " and " not in cc + other and other not in cc and cc not in other:
        cc = f"{cc} and {other}"
    if rng.random() < 0.12 and not any(w in cc for w in NO_MODIFIER):
        cc = rng.choice(CC_MODIFIERS) + cc
    return cc


def make_example(rng):
    note_type = rng.choice(("triage", "clinic", "discharge", "telehealth"))
    complaints, dx_pool, acute, kids_ok = rng.choice(CLUSTERS)
    cc = complaint(rng, complaints)
    age, months, sex = choose_patient(rng, kids_ok)
    style = rng.choices(("headed", "prose", "terse", "soap"), (36, 34, 18, 12))[0]
    if style == "soap" and note_type == "discharge":
        style = "headed"
    units, sex_cued = opening_units(rng, note_type, cc, age, months, sex)
    line_style = style in ("headed", "soap")
    meta_top = rng.random() < 0.25
    if meta_top:
        units.insert(units[0][2] == "header", (meta(rng, note_type), line_style, "meta"))
    n_dx = rng.choices((0, 1, 2, 3, 4), (18 + 20 * (note_type == "triage"), 40, 27, 11, 4))[0]
    dx = pick_many(rng, dx_pool, min(n_dx, 2))
    dx += pick_many(rng, rng.choice(CLUSTERS)[1], n_dx - len(dx), avoid=dx)
    dx = [dress_dx(rng, d) for d in dx]
    ruled_out = rng.choice([r for r in RULE_OUT
                            if not any(r.lower() in d.lower() for d in dx_pool + tuple(dx))])
    # medication groups; "stopped" drugs are distractors, allergens never reappear as drugs
    adult = age is None or age >= 18
    meds = {"allergies": pick_many(rng, ALLERGENS, rng.choices((1, 2, 3, 4), (55, 30, 11, 4))[0])
            if rng.random() < 0.52 else []}
    avoid = meds["allergies"] + [d for a in meds["allergies"] for d in ALLERGY_CLASH.get(a, ())]
    given_chance = {"triage": 0.5, "discharge": 0.4, "clinic": 0.12, "telehealth": 0}[note_type]
    for group, pool, count, chance in (
            ("home", HOME_DRUGS, rng.choices((1, 2, 3, 4), (35, 30, 22, 13))[0], 0.5 * adult),
            ("new", acute, rng.choices((1, 2, 3), (55, 32, 13))[0], 0.6),
            ("given", ED_GIVEN, rng.choices((1, 2, 3), (55, 35, 10))[0], given_chance),
            ("cont", HOME_DRUGS, rng.choices((1, 2), (70, 30))[0], 0.2 * adult),
            ("stopped", HOME_DRUGS, 1, 0.22 * adult)):
        meds[group] = pick_many(rng, pool, count, avoid) if rng.random() < chance else []
        avoid = avoid + meds[group]
    spacing = rng.random() < 0.8
    once = note_type != "discharge" or rng.random() < 0.5
    rendered = {name: render_med(rng, name, spacing, ("once",) if group == "given" and once else None)
                for group in ("home", "new", "given", "cont") for name in meds[group]}
    for group in ("home", "new", "given", "cont"):  # "X, Y twice daily": the frequency would read as shared
        meds[group].sort(key=lambda n: 0 if rendered[n][1]["frequency"] else 1 if rendered[n][1]["dose"] else 2)
    fu_text, fu_days = follow_up(rng, note_type, sex if sex_cued else "unknown")
    middle = history_units(rng, cc, sex, sex_cued, note_type, style, adult, rendered, meds)
    courses = " x 7 days| for 10 days| x5d| for 5 days| x 14 days| x 3 days| for 7 days total| x10d"
    new_texts = [rendered[n][0] + (pick(rng, courses) if set(DRUGS[n][1]) <= {"daily", "bid", "tid", "qid"}
                                   and rng.random() < 0.3 else "") for n in meds["new"]]
    plan = plan_units(rng, note_type, style, dx, ruled_out, new_texts, fu_text,
                      [rendered[n][0] for n in meds["cont"]])
    if style == "soap":  # S:/O:/A:/P: lines; meds and allergies on their own lines
        subjective = [t for t, _, k in units if k == "intro"] + [t for k, t in middle if k in ("hpi", "pmh", "family")]
        objective = [t for k, t in middle if k in ("vitals", "labs")]
        objective = objective or [cap(rng.choice(EXAM))] if rng.random() < 0.8 else objective
        units = [u for u in units if u[2] != "intro"]
        units.append(("S: " + ". ".join(subjective), True, "intro+hpi"))
        if objective:
            units.append(("O: " + ". ".join(objective), True, "vitals"))
        middle = [(k, t) for k, t in middle if k not in ("hpi", "pmh", "family", "vitals", "labs")]
    units += [(text, line_style, kind) for kind, text in middle + plan]
    if rng.random() < 0.35:  # allergies stated at the end of the note
        units = [u for u in units if u[2] != "allergy"] + [u for u in units if u[2] == "allergy"]
    if not meta_top and rng.random() < 0.2:
        units.append((meta(rng, note_type), line_style, "meta"))
    if rng.random() < 0.3:
        units.append((signature(rng), line_style, "signature"))
    if style != "soap" and rng.random() < 0.06:  # very short edge case: patient/complaint units plus one other
        opening = ("demographics", "complaint", "intro") + (() if sex_cued else ("hpi",))
        rest = [u for u in units if u[2] in ("allergy", "assessment", "follow_up", "vitals", "home")]
        units = [u for u in units if u[2] in opening] + rng.sample(rest, min(len(rest), 1))
    if style == "prose" and rng.random() < 0.6:  # one paragraph: header and CC lines run on too
        units = [(text, False, kind) for text, _, kind in units]
    kept = {k for u in units for k in u[2].split("+")}
    text = assemble(rng, units, style)
    found = sorted((m for m in rendered.values() if m[0] in text), key=lambda m: text.find(m[0]))
    output = {"age": age, "sex": sex, "chief_complaint": cc, "diagnoses": dx if "assessment" in kept else [],
              "medications": [m[1] for m in found],
              "allergies": meds["allergies"] if "allergy" in kept else [],
              "follow_up_days": fu_days if "follow_up" in kept else None}
    return maybe_typo(rng, text, output), output


def assemble(rng, units, style):
    joiner = {"headed": "\n", "soap": "\n", "prose": ". ", "terse": rng.choice((". ", "; ", " | "))}[style]
    out = units[0][0]
    for (text, is_line, _), previous in zip(units[1:], units):
        glue = " " if previous[0].endswith(":") else joiner
        out += ("\n" if is_line or previous[1] or "\n" in text else glue) + text
    out = out.replace(",,", ",").replace(",.", ".").replace(",\n", "\n").replace(", |", " |").rstrip(",")
    return out + ("." if style not in ("headed", "soap") and out[-1].isalnum() and rng.random() < 0.7 else "")


def maybe_typo(rng, text, output):
    if rng.random() < 0.05:
        for right, wrong in rng.sample(TYPOS, len(TYPOS)):
            candidate = text.replace(right, wrong, 1)
            if right in text and values_present(candidate, output):
                return candidate
    return text


def values_present(text, output):
    strings = [output["chief_complaint"]] + output["diagnoses"] + output["allergies"]
    strings += [v for m in output["medications"] for v in m.values() if v]
    return all(s.lower() in text.lower() for s in strings)


def generate(rng: random.Random, n: int) -> list[dict]:
    examples, seen = [], set()
    while len(examples) < n:
        text, output = make_example(rng)
        if text not in seen:
            seen.add(text)
            examples.append({"input": text, "output": output})
    return examples


if __name__ == "__main__":
    import json
    import re
    from collections import Counter
    from pathlib import Path

    from jsonschema import Draft202012Validator

    schema = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "medical.schema.json").read_text())
    validator = Draft202012Validator(schema)
    data = generate(random.Random(0), 600)
    assert data == generate(random.Random(0), 600), "not deterministic"
    assert len({d["input"] for d in data}) == len(data), "duplicate inputs"
    sex_cue = re.compile(r"\b(she|he|her|his|woman|man|lady|gentleman|girl|boy|female|male|mrs?|ms)\b|"
                         r"(?<![.\d])\d{1,2},? ?[FM]\b|(yo|y/o|y\.o\.|old|yr) ?[FM]\b|/[FM]\b|"
                         r"(Sex|Gender): [FM]", re.IGNORECASE)
    for d in data:
        out, text = d["output"], d["input"]
        assert not list(validator.iter_errors(out)), (d, next(validator.iter_errors(out)).message)
        assert list(out) == list(schema["properties"]), "key order"
        assert values_present(text, out), d
        assert out["age"] is None or str(out["age"]) in text or "mo" in text, d
        assert bool(sex_cue.search(text)) == (out["sex"] != "unknown"), d
    n = len(data)
    words = sorted(len(d["input"].split()) for d in data)
    print(f"{n} examples; words per input: min {words[0]}, median {words[n // 2]}, "
          f"90th pct {words[int(n * .9)]}, max {words[-1]}")
    print("sex:", {k: f"{v / n:.0%}" for k, v in sorted(Counter(d["output"]["sex"] for d in data).items())})
    for key in ("age", "follow_up_days"):
        print(f"{key} null: {sum(d['output'][key] is None for d in data) / n:.0%}")
    for key in ("diagnoses", "medications", "allergies"):
        sizes = Counter(len(d["output"][key]) for d in data)
        print(f"{key} list sizes:", {k: f"{v / n:.0%}" for k, v in sorted(sizes.items())})
    meds = [m for d in data for m in d["output"]["medications"]]
    print(f"medication dose null: {sum(m['dose'] is None for m in meds) / len(meds):.0%}, frequency null: "
          f"{sum(m['frequency'] is None for m in meds) / len(meds):.0%} (of {len(meds)} medications)")
    print("follow_up_days most common:", Counter(d["output"]["follow_up_days"] for d in data).most_common(10))
    for d in data[:3]:
        print("---\n" + d["input"] + "\n=> " + json.dumps(d["output"]))
