# Writes sample-gold.jsonl: the hand-made gold annotation of the sample article.
# Conventions (docs/suggest.md, revised for issue #11 after PolNeAR): a QUOTE is
# direct speech, a quotation of its own; a phrase quoted inside reported speech
# ("said that “…”", "called it “…”") is part of the CLAIM; SAID_BY points at the
# speaker as the text names it, a pronoun ACTOR ("he") when it is a pronoun.
# Each span is named by its surface and whole-word occurrence; the script prints
# every span in context so that it can be checked by eye.
import os
import re
import json
text = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../assets/russia-turkey-libya.txt'), encoding='utf-8').read()
# (surface, occurrence, label, id); occurrence counts whole-text finds from 0.
S = [
 ("Russia", 0, "ACTOR", "a-russia-title"),
 ("Turkey", 0, "ACTOR", "a-turkey-title"),
 ("Ankara", 0, "ACTOR", "a-ankara-1"),
 ("Egypt", 0, "ACTOR", "a-egypt-1"),
 ("The Russian president, Vladimir Putin", 0, "ACTOR", "a-putin"),
 ("his Turkish counterpart, Recep Tayyip Erdogan", 0, "ACTOR", "a-erdogan"),
 ("Sergey Lavrov", 0, "ACTOR", "a-lavrov-1"),
 ("Sergey Shoigú", 0, "ACTOR", "a-shoigu"),
 ("The foreign ministry of russia", 0, "ACTOR", "a-ru-mfa"),
 ("“the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition”", 0, "CLAIM", "q1"),
 ("The Ministry of Foreign affairs Turkish", 0, "ACTOR", "a-tr-mfa"),
 ("Lavrov and his colleague, Turkish, Mevlut Çavusoglu, is phoned", 0, "CLAIM", "c1"),
 ("Lavrov", 1, "ACTOR", "a-lavrov-2"),
 ("his colleague, Turkish, Mevlut Çavusoglu", 0, "ACTOR", "a-cavusoglu-1"),
 ("the egyptian president, Abdelfatah al Sisi", 0, "ACTOR", "a-sisi-1"),
 ("the marshal Khalifa Haftar", 0, "ACTOR", "a-haftar-1"),
 ("Russia", 2, "ACTOR", "a-russia-2"),
 ("Turkey", 2, "ACTOR", "a-turkey-2"),
 ("Çavusoglu", 1, "ACTOR", "a-cavusoglu-2"),
 ("the agency, Turkish Anadolu", 0, "ACTOR", "a-anadolu"),
 ("“call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead”", 0, "CLAIM", "q2"),
 ("Haftar", 1, "ACTOR", "a-haftar-2"),
 ("Al-Sisi", 0, "ACTOR", "a-sisi-2"),
 ("Haftar", 2, "ACTOR", "a-haftar-3"),
 ("Government of National Unity", 0, "ACTOR", "a-gna"),
 ("GNA", 0, "ACTOR", "a-gna-abbr"),
 ("Fayed al Serraj", 0, "ACTOR", "a-serraj"),
 ("UN", 0, "ACTOR", "a-un"),
 ("Turkey", 3, "ACTOR", "a-turkey-3"),
 ("Ankara", 1, "ACTOR", "a-ankara-2"),
 ("Libyan National Army", 0, "ACTOR", "a-lna"),
 ("LNA", 0, "ACTOR", "a-lna-abbr"),
 ("Haftar", 3, "ACTOR", "a-haftar-4"),
 ("the minister of Defense, Turkish, Hulusi Akar", 0, "ACTOR", "a-akar"),
 ("Haftar was not a force in itself but the tool of other forces", 0, "QUOTE", "q3"),
 ("Haftar", 4, "ACTOR", "a-haftar-5"),
 ("Egypt", 1, "ACTOR", "a-egypt-2"),
 ("Saudi Arabia", 0, "ACTOR", "a-saudi"),
 ("united Arab Emirates", 0, "ACTOR", "a-uae"),
 ("Russia", 3, "ACTOR", "a-russia-3"),
 ("Muammar al-Gaddafi", 0, "ACTOR", "a-gaddafi"),
 ("Russia", 4, "ACTOR", "a-russia-4"),
 ("Wagner", 0, "ACTOR", "a-wagner"),
 ("Haftar", 5, "ACTOR", "a-haftar-6"),
 ("Moscow", 0, "ACTOR", "a-moscow"),
 ("Ankara", 2, "ACTOR", "a-ankara-3"),
]
R = [("q1","a-ru-mfa"),("c1","a-tr-mfa"),("q2","a-cavusoglu-2"),("q3","a-akar")]
def find(sub, n):
    occ = [m.start() for m in re.finditer(r'(?<!\w)' + re.escape(sub) + r'(?!\w)', text)]
    assert n < len(occ), (sub, n, len(occ))
    i = occ[n]
    # whole word check
    assert i == 0 or not text[i-1].isalnum(), (sub, n, text[i-1])
    e = i+len(sub)
    assert e == len(text) or not text[e].isalnum(), (sub, n, text[e])
    return i, e
def write(name, doc_id, S, R):
    spans = []
    for sub, n, lab, id_ in S:
        s, e = find(sub, n)
        ctx = text[max(0,s-25):s] + "[" + text[s:e] + "]" + text[e:e+15]
        print(f"{lab:6} {s:5} {e:5} {ctx!r}")
        spans.append(dict(id=id_, start=s, end=e, label=lab, text=text[s:e]))
    spans.sort(key=lambda x: (x["start"], x["end"], x["label"]))
    rels = [dict(id=f"r-{f}", label="SAID_BY", **{"from": f, "to": t}) for f, t in R]
    ids = {s["id"] for s in spans}
    assert len(ids) == len(spans)
    for r in rels: assert r["from"] in ids and r["to"] in ids
    print(len(spans), "spans", {l: sum(1 for s in spans if s["label"]==l) for l in ("ACTOR","QUOTE","CLAIM")})
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name),'w',encoding='utf-8') as f:
        f.write(json.dumps(dict(id=doc_id, text=text, spans=spans, relations=rels), ensure_ascii=False)+"\n")


write('sample-gold.jsonl', 'russia-turkey-libya', S, R)

# A held-out article, written (with its gold below) after the rules were
# settled and before the engine was ever run on it.
text = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'heldout.txt'), encoding='utf-8').read()
S = [
 ("European Commission President Ursula von der Leyen", 0, "ACTOR", "a-vdl"),
 ("“no member state can handle this alone”", 0, "CLAIM", "q1"),
 ("Hungary’s prime minister, Viktor Orbán", 0, "ACTOR", "a-orban"),
 ("We will not become a migrant camp,", 0, "QUOTE", "q2"),
 ("he", 0, "ACTOR", "a-orban-he"),
 ("His government", 0, "ACTOR", "a-hu-gov"),
 ("the quotas were “an attack on national sovereignty”", 0, "CLAIM", "q3"),
 ("Italy", 0, "ACTOR", "a-italy"),
 ("Prime Minister Giorgia Meloni", 0, "ACTOR", "a-meloni"),
 ("the deal was a first step", 0, "CLAIM", "c1"),
 ("Rome would not accept “a Europe of walls and words”", 0, "CLAIM", "c2"),
 ("Rome", 0, "ACTOR", "a-rome"),
 ("the United Nations refugee agency", 0, "ACTOR", "a-unhcr"),
 ("more than 100,000 people crossed the Mediterranean this year", 0, "CLAIM", "c3"),
 ("The agency’s spokesman, William Spindler", 0, "ACTOR", "a-spindler"),
 ("the figures showed “the need for safe routes”", 0, "CLAIM", "q5"),
 ("Poland", 0, "ACTOR", "a-poland"),
 ("Hungary", 1, "ACTOR", "a-hungary"),
]
R = [("q1", "a-vdl"), ("q2", "a-orban-he"), ("q3", "a-hu-gov"), ("c1", "a-meloni"), ("c2", "a-meloni"),
     ("c3", "a-unhcr"), ("q5", "a-spindler")]
write('heldout-gold.jsonl', 'heldout', S, R)

# A second held-out article, written with its gold after the fixes the first
# one prompted, again before the engine ever ran on it.
text = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'heldout2.txt'), encoding='utf-8').read()
S = [
 ("Chile", 0, "ACTOR", "a-chile"),
 ("Chilean President Gabriel Boric", 0, "ACTOR", "a-boric-1"),
 ("the state would take a majority stake in new lithium projects", 0, "CLAIM", "c1"),
 ("We want a national company that works with private partners,", 0, "QUOTE", "q1"),
 ("Boric", 1, "ACTOR", "a-boric-2"),
 ("This is not a nationalization.", 0, "QUOTE", "q2"),
 ("Mining minister Marcela Hernando", 0, "ACTOR", "a-hernando"),
 ("talks with Albemarle and SQM would begin next month", 0, "CLAIM", "c2"),
 ("Albemarle", 0, "ACTOR", "a-albemarle-1"),
 ("SQM", 1, "ACTOR", "a-sqm"),
 ("She", 0, "ACTOR", "a-hernando-she"),
 ("Existing contracts will be respected until they expire.", 0, "QUOTE", "q3"),
 ("Morgan Stanley", 0, "ACTOR", "a-ms"),
 ("The market will read this as more state control,", 0, "QUOTE", "q4"),
 ("Jorge Perez", 0, "ACTOR", "a-perez"),
 ("He", 0, "ACTOR", "a-perez-he"),
 ("the policy could delay investment", 0, "CLAIM", "c3"),
 ("The opposition", 0, "ACTOR", "a-opposition"),
 ("Senator Manuel Ossandón", 0, "ACTOR", "a-ossandon"),
 ('it "a mistake that will cost Chile dearly"', 0, "CLAIM", "q5"),
 ("Albemarle", 1, "ACTOR", "a-albemarle-2"),
 ("it was studying the announcement", 0, "CLAIM", "c4"),
]
R = [("c1", "a-boric-1"), ("q1", "a-boric-2"), ("q2", "a-boric-2"), ("c2", "a-hernando"), ("q3", "a-hernando-she"),
     ("q4", "a-perez"), ("c3", "a-perez-he"), ("q5", "a-ossandon"), ("c4", "a-albemarle-2")]
write('heldout2-gold.jsonl', 'heldout2', S, R)
