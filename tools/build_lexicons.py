"""Regenerate redline's news lexicons (src/redline/news/lexicons/*.tsv) from the field's own
dictionaries in ../shared/data/phoenix (PETRARCH2/Phoenix actor and agent dictionaries, MIT;
CAMEO->PLOVER table, CC BY-SA 4.0; see that folder's README.md and the NOTICE written next to
the output).

    python tools/build_lexicons.py [PHOENIX_DIR]

Outputs (tab-separated, one entry a line, sorted, with a header comment):

- ``organisations.tsv``: name -> identity, kind (IGO, NGO, MNC) and the CAMEO code, from
  Phoenix.International.actors.txt. The identity is the organisation's own short name: the
  table ``IDENTITY`` below for the CAMEO codes of organisations news names most, else the
  shortest one-word name of the entry ("ASEAN", "SADC"), else the entry's first name.
- ``armed_groups.tsv``: name -> home state (ISO 3166 alpha-3), from Phoenix.MilNonState (only
  groups whose CAMEO code starts with a state code).
- ``agents.tsv``: agent noun phrase -> sector (government, military, party, union, business,
  rebels, civil society), from Phoenix.agents.txt through ``SECTORS`` below.
- ``plover_cameo.tsv``: verb (with a particle or object word, or none) -> CAMEO code ->
  PLOVER event, from the CAMEO verb dictionary (CAMEO.2.0.txt: each verb block's code, its
  verbs' own codes, and its "- * WORD" and "- * (PARTICLE)" patterns, with the dictionary's
  &SYNSETS expanded) mapped through CAMEO2PLOVER-2021.txt. The 2021 table names PLOVER 0.8's
  categories; they are written in the 18 categories of the PLOVER gold standard redline
  scores against: REQUEST -> DEMAND, ACCUSE -> DISAPPROVE (INVESTIGATE for its investigate
  mode), and conventional military force (CAMEO 19) -> FIGHT.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "redline" / "news" / "lexicons"

# CAMEO organisation codes (after IGO/NGO) -> the identity news readers know them by.
IDENTITY = {
    "IGOUNO": "UN", "IGOUNOIAE": "IAEA", "IGOUNOHLHWHO": "WHO", "IGOUNOREFHCR": "UNHCR",
    "IGOUNOKID": "UNICEF", "IGOUNOAGRFAO": "FAO", "IGOEUREEC": "EU", "IGOEUR": "EU",
    "IGOWSTNAT": "NATO", "IGOOPC": "OPEC", "IGOWAFWAS": "ECOWAS", "IGOWAFBUSWAS": "ECOWAS",
    "IGOAFRAFU": "AU", "IGOMEAARL": "Arab League", "IGOSEAASN": "ASEAN", "IGOBUSIMF": "IMF",
    "IGOBUSWTO": "WTO", "IGOSAFSAD": "SADC", "IGODEVIAD": "IGAD", "IGOMOS": "OIC",
    "NGOHLHIRC": "Red Cross", "NGOHRIAMN": "Amnesty International",
}

# CAMEO agent codes (the first three letters after "~") -> sector.
SECTORS = {
    "GOV": "government", "LEG": "government", "JUD": "government", "COP": "government",
    "SPY": "government", "ELI": "government", "MIL": "military", "PTY": "party",
    "OPP": "party", "LAB": "union", "BUS": "business", "REB": "rebels", "UAF": "rebels",
    "INS": "rebels", "SEP": "rebels",
}
CIVIL = {"CVL", "NGO", "HRI", "CHR", "MOS", "JEW", "EDU", "MED", "HLH", "REF", "ENV", "AGR",
         "REL", "BUD", "HIN", "ATH", "DEV", "MNC"}

# Heads the dictionary leaves out on purpose for its own coder (its "UNION" line is commented
# out, since "the European Union" collided) or lists only in compounds.
EXTRA_AGENTS = {
    "union": "union", "unions": "union", "trade union": "union", "federation": "union",
    "party": "party", "parties": "party", "company": "business", "firm": "business",
    "operator": "business", "group": None, "rebels": "rebels", "guerrillas": "rebels",
    "bishops": "civil society", "conference of bishops": "civil society",
    "association": "civil society", "army": "military", "junta": "military",
    # the dictionary writes ministers as a stem ("!MINIST!"), which a lookup by word misses
    "minister": "government", "ministers": "government", "ministry": "government",
}

NOTICE = """\
The lexicons in this folder are derived by tools/build_lexicons.py from:

- the PETRARCH2/Phoenix actor and agent dictionaries (Phoenix.International.actors.txt,
  Phoenix.MilNonState.actors.txt, Phoenix.agents.txt), openeventdata/petrarch2,
  petrarch2/data/dictionaries/, commit 676801cd. The CAMEO dictionaries are provided by the
  Computational Event Data System Project (http://eventdata.parusanalytics.com); the Phoenix
  non-state actor list by M. Kenwick, H. W. Kim and E. Leonard (Pennsylvania State University,
  from the START TOPS database). Licence of the source files:

{petrarch}
- the CAMEO to PLOVER conversion table (CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8,
  openeventdata/PLOVER, commit 5e0c24fb), edited by Philip Schrodt, licensed under the Creative
  Commons Attribution-ShareAlike 4.0 International licence
  (https://creativecommons.org/licenses/by-sa/4.0/). plover_cameo.tsv is an adaptation of it
  and is shared under the same licence.

redline's selection, renaming of codes to identities and sectors, and additions are its own.
"""


def _name(raw: str) -> str:
    """A dictionary name ("NORTH_ATLANTIC_TREATY_ORGANIZATION_") as text, lower case."""
    text = re.sub(r"\(.*?\)", " ", raw).replace("_", " ").replace("!", "")
    text = " ".join(text.lower().split())
    return text[4:] if text.startswith("the ") else text  # "THE_UNITED_NATIONS_"


def entries(path: Path) -> list[tuple[list[str], str]]:
    """(names, first code) of each entry of a PETRARCH actor file; entries with dated codes
    (people in an office for a period) are left out: offices are dated in redline's own
    gazetteer, and the dictionaries stop in 2015."""
    out: list[tuple[list[str], str]] = []
    names: list[str] = []
    code = ""
    dated = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        found = re.search(r"\[([A-Z~]+)", body)
        head = body.split("[", 1)[0].strip()
        if head and not line[0].isspace():
            if head.startswith("+"):
                names.append(_name(head[1:]))
            else:
                if names and code and not dated:
                    out.append((names, code))
                names, code, dated = [_name(head)], "", False
        if found and not code:
            code = found.group(1)
        dated = dated or bool(re.search(r"\[[A-Z~]+ [<>]?\d", body))
    if names and code and not dated:
        out.append((names, code))
    return out


def organisations(folder: Path) -> list[tuple[str, str, str, str]]:
    rows = {}
    for names, code in entries(folder / "Phoenix.International.actors.txt"):
        kind = code[:3]
        if kind not in ("IGO", "NGO", "MNC") or not names[0]:
            continue
        single = sorted((n for n in names if " " not in n and 2 <= len(n) <= 8), key=len)
        identity = IDENTITY.get(code) or (single[0].upper() if single and kind != "MNC"
                                          else names[0].title())
        for name in names:
            if len(name) > 2 and name not in rows:
                rows[name] = (name, identity, kind, code)
    return sorted(rows.values())


def armed_groups(folder: Path, states: set[str]) -> list[tuple[str, str]]:
    rows = {}
    for names, code in entries(folder / "Phoenix.MilNonState.actors.txt"):
        if code[:3] in states:
            for name in names:
                if len(name) > 3:
                    rows.setdefault(name, (name, code[:3]))
    return sorted(rows.values())


def agents(folder: Path) -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for line in (folder / "Phoenix.agents.txt").read_text(encoding="utf-8",
                                                          errors="replace").splitlines():
        body = line.split("#", 1)[0]
        match = re.match(r"\s*([^\[\s][^\[]*?)\s*\[~([A-Z]{3})", body)
        if not match:
            continue
        name, code = _name(match.group(1)), match.group(2)
        sector = SECTORS.get(code) or ("civil society" if code in CIVIL else None)
        if sector and name and "{" not in name:
            rows.setdefault(name, sector)
    for name, sector in EXTRA_AGENTS.items():
        if sector:
            rows[name] = sector
    return sorted(rows.items())


EVENTS = ("AGREE", "DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "DISAPPROVE",
          "ASSAULT", "RETREAT", "SANCTION", "SUPPORT", "CONCEDE", "CONSULT", "AID",
          "INVESTIGATE", "MOBILIZE", "COOPERATE")


def cameo_to_plover(folder: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event (the gold standard's 18 categories, see the module doc)."""
    table: dict[str, str] = {}
    for line in (folder / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d+):\s*([A-Z]+)\s*(?:,\s*([\w -]*))?", line)
        if not match:
            continue
        code, event, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
        if code.startswith("19"):
            event = "FIGHT"
        elif event == "REQUEST":
            event = "DEMAND"
        elif event == "ACCUSE":
            event = "INVESTIGATE" if mode == "investigate" else "DISAPPROVE"
        if event in EVENTS:
            table.setdefault(code, event)
    return table


def _plover(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER event of a CAMEO code: its own row, else its nearest parent's."""
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None


def cameo_verbs(folder: Path) -> list[tuple[str, str, str, str]]:
    """(verb, particle or object word or "", CAMEO code, PLOVER event) from the verb dictionary."""
    table = cameo_to_plover(folder)
    lines = (folder / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if body.startswith("&"):
            current = body.strip()
            synsets[current] = []
        elif body.startswith("+") and current:
            synsets[current].append(_name(body[1:]))
        elif body.startswith("---"):
            break
        elif not body.strip():
            current = None
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    block_code = None
    verbs: list[str] = []
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if header := re.match(r"---\s+(\S+)\s+\[([^\]]+)\]\s+---", body):
            block_code = header.group(2) if header.group(2) != "---" else None
            verbs = []
            continue
        if not body.strip() or block_code is None and not re.search(r"\[\d", body):
            if body.startswith(("-", "~")) or not body.strip():
                pass
        code = re.search(r"\[(\d+)(?::\d+)?\]", body)
        if body.startswith("- "):  # a pattern: "- * WORD ... [code]"
            after = re.match(r"-\s+\*\s+(\(?)([&A-Z_'-]+)", body)
            if not (after and code and verbs):
                continue
            word = after.group(2)
            words = synsets.get(word, []) if word.startswith("&") else [_name(word)]
            event = _plover(code.group(1), table)
            for verb in verbs:
                for w in words:
                    if event and w and " " not in w:
                        rows.setdefault((verb, w), (code.group(1), event))
            continue
        match = re.match(r"\+?([A-Z][A-Z_'-]*)", body)
        if match and not body.startswith(("~", "&", "+")) or match and body.startswith("+"):
            verb = _name(match.group(1))
            verbs.append(verb)
            own = code.group(1) if code else block_code
            if own and (event := _plover(own, table)):
                rows.setdefault((verb, ""), (own, event))
    defaults = {verb: event for (verb, word), (_, event) in rows.items() if not word}
    return sorted((verb, word, code, event) for (verb, word), (code, event) in rows.items()
                  if not word or defaults.get(verb) != event)  # a pattern that changes nothing


def write(name: str, header: str, rows: list[tuple[str, ...]]) -> None:
    lines = [f"# {header}", "# generated by tools/build_lexicons.py; see NOTICE"]
    lines += ["\t".join(row) for row in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(folder: Path) -> None:
    import pycountry

    states = {c.alpha_3 for c in pycountry.countries}
    OUT.mkdir(parents=True, exist_ok=True)
    write("organisations.tsv", "name\tidentity\tkind\tcameo", organisations(folder))
    write("armed_groups.tsv", "name\tstate", armed_groups(folder, states))
    write("agents.tsv", "agent\tsector", agents(folder))
    write("plover_cameo.tsv", "verb\tword\tcameo\tevent", cameo_verbs(folder))
    licence = (folder / "LICENSE-petrarch2.txt").read_text(encoding="utf-8")
    (OUT / "NOTICE").write_text(NOTICE.format(petrarch=licence.strip()), encoding="utf-8")
    for path in sorted(OUT.glob("*.tsv")):
        print(f"{path}: {len(path.read_text().splitlines()) - 2} entries")


if __name__ == "__main__":
    import os

    shared = Path(os.environ.get("REDLINE_SHARED_DATA", ROOT.parent / "shared" / "data"))
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "phoenix")
