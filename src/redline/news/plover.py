"""The PLOVER event ontology: the 18 categories and the words that signal each.

The lexicons are our own, written from the PLOVER and CAMEO category definitions (what each
category covers), not taken from any coder's dictionaries.
"""

from __future__ import annotations

# The 18 PLOVER event categories.
EVENTS = ("AGREE", "DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "DISAPPROVE",
          "ASSAULT", "RETREAT", "SANCTION", "SUPPORT", "CONCEDE", "CONSULT", "AID",
          "INVESTIGATE", "MOBILIZE", "COOPERATE")


def _table(spec: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for event, words in spec.items():
        for word in words.split():
            out[word.replace("_", " ")] = event
    return out


# Verb lemmas -> category.
VERBS = _table({
    "AGREE": "agree offer promise pledge consent commit guarantee vow accept sign reach "
             "settle approve ratify undertake",
    "CONSULT": "meet visit host telephone phone discuss negotiate talk consult confer mediate "
               "arrive travel fly tour receive invite convene",
    "SUPPORT": "praise support defend back endorse welcome commend applaud hail thank "
               "congratulate recognize recognise side vouch laud",
    "COOPERATE": "cooperate collaborate extradite coordinate exchange ally partner share "
                 "integrate",
    "AID": "donate provide grant supply deliver evacuate shelter fund finance airlift "
           "rescue feed treat",
    "DEMAND": "demand insist urge press push request ask seek appeal pressure pressurize "
              "pressurise require plead lobby petition",
    "DISAPPROVE": "accuse condemn criticize criticise denounce complain blame sue indict "
                  "charge deplore censure slam reproach rebuke decry allege castigate",
    "REJECT": "reject refuse decline deny dismiss rebuff renege veto spurn repudiate resist "
              "oppose boycott snub disown turn_down",
    "THREATEN": "threaten warn menace ultimatum",
    "PROTEST": "demonstrate protest rally riot march picket strike",
    "COERCE": "arrest detain deport ban confiscate seize prevent raid censor restrict "
              "repress suppress jail imprison disperse evict bar outlaw curb block "
              "crack_down round_up intern muzzle harass blow_up blockade burn destroy "
              "demolish expropriate",
    "ASSAULT": "kill wound torture beat abuse kidnap assassinate abduct execute massacre rape "
               "hijack stab lynch murder behead",
    "FIGHT": "attack shell bomb invade fight clash capture bombard storm ambush shoot strafe "
             "overrun occupy besiege rocket raze violate fire",
    "MOBILIZE": "mobilize mobilise deploy alert mass reinforce patrol",
    "RETREAT": "withdraw retreat surrender resign release free demobilize demobilise disarm "
               "evacuate pull_out step_down compensate repatriate return abdicate",
    "SANCTION": "sanction embargo suspend halt cut freeze expel recall sever cancel reduce "
                "prohibit deny_entry downgrade postpone terminate",
    "CONCEDE": "concede lift ease shorten relax yield compromise pardon relent reverse "
               "soften amnesty allow legalize drop",
    "INVESTIGATE": "investigate probe inspect monitor examine review audit inquire dispatch "
                   "survey verify",
})

# Nouns that carry the event when the verb is light ("staged a hunger strike").
NOUNS = _table({
    "PROTEST": "demonstration protest rally riot march strike sit-in boycott picket "
               "demonstrators protesters rioters",
    "THREATEN": "ultimatum threat warning",
    "COERCE": "curfew crackdown arrests blackout censorship hostage hostages shields "
              "blockade",
    "ASSAULT": "torture killing murder assassination abduction kidnapping massacre beating",
    "MOBILIZE": "patrols patrol alert reinforcements deployment mobilization",
    "RETREAT": "ceasefire cease-fire truce withdrawal compensation surrender resignation",
    "AID": "aid assistance relief asylum food medicine supplies loan grant",
    "CONSULT": "talks talk meeting summit mediation visit negotiations negotiation "
               "consultations consultation discussions discussion",
    "COOPERATE": "exercises games manoeuvres maneuvers cooperation partnership",
    "FIGHT": "offensive invasion attack fire shelling bombardment airstrike airstrikes "
             "battle fighting artillery incursion",
    "INVESTIGATE": "investigation inquiry hearing probe inspection inspectors mission",
    "SANCTION": "sanctions embargo boycott",
    "DISAPPROVE": "complaint criticism accusation lawsuit",
    "AGREE": "agreement accord deal consensus formula concessions",
    "DEMAND": "demand demands appeal call",
    "SUPPORT": "backing support endorsement solidarity",
})

# Verbs whose meaning comes from their object or complement ("launch an offensive").
LIGHT = frozenset("stage launch begin hold mount impose issue lodge conduct carry continue "
                  "start make give take declare open complete end set use remain be have "
                  "go call put file keep enter resume undertake voice express".split())
# Verbs that frame a complement but say nothing themselves ("decided to allow").
FRAMES = frozenset("decide try plan move vote announce attempt seek begin start continue "
                   "resume intend aim order prepare hope expect want help".split())
# Verbs of speech that report an event (their complement is the event).
REPORTING = frozenset("say tell report quote state add announce confirm claim note "
                      "write indicate explain reiterate declare believe according".split())
# A stated intention to do one of these is a threat; to do anything else, an agreement.
HOSTILE = frozenset(("FIGHT", "COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "PROTEST",
                     "THREATEN"))
# Verbs of stopping: stopping cooperation is a sanction, stopping hostility a concession.
STOPPING = frozenset("end halt suspend cancel stop break cut freeze terminate call_off "
                     "break_off lift".split())
COOPERATIVE = frozenset(("CONSULT", "AID", "COOPERATE", "AGREE", "SUPPORT"))
# Weapons of crowd control: firing these at people is coercion, not battle.
CROWD_CONTROL = frozenset("gas teargas bullet bullets cannon cannons baton batons grenade "
                          "grenades spray".split())
# Envoys: pulling them out or sending them home is a diplomatic sanction.
ENVOYS = frozenset("ambassador ambassadors envoy envoys diplomat diplomats mission "
                   "embassy".split())
# Verbs of carrying something somewhere: carrying aid is giving it.
CARRYING = frozenset("fly airlift ship send truck deliver rush dispatch carry".split())
# Goods that, carried to people, are aid ("shipped fuel and food to the city").
GOODS = frozenset("food fuel medicine medicines supplies water tent tents blanket blankets "
                  "vaccine vaccines grain wheat rice flour".split())
# Money lent or given: offering, approving or granting it is aid ("approved a loan").
FUNDS = frozenset("loan loans grant grants credit credits aid assistance funding financing "
                  "bailout".split())
FUNDING = frozenset("offer approve give provide extend grant pledge disburse "
                    "release".split())
# What striking something hits in war, unless it is a deal ("struck a deal").
DEALS = frozenset("deal agreement accord bargain compromise".split())
# Armed units moved somewhere: a mobilisation ("moved two brigades to the border").
UNITS = frozenset("troop troops brigade brigades battalion battalions soldier soldiers force "
                  "forces unit units warship warships tank tanks division divisions "
                  "reinforcement reinforcements".split())
MOVING_UNITS = frozenset("move deploy send dispatch station mass redeploy rush".split())
# Drills done together are shows of force, not cooperation.
DRILLS = frozenset("exercise exercises drill drills manoeuvre manoeuvres maneuver "
                   "maneuvers".split())
# People held: setting them free is a concession (CAMEO 0841, PLOVER CONCEDE), not a retreat.
HELD = frozenset("prisoner prisoners detainee detainees hostage hostages captive captives "
                 "fisherman fishermen sailor sailors crew soldier soldiers officer officers "
                 "worker workers activist activists journalist journalists people "
                 "civilians protester protesters national nationals citizen citizens "
                 "engineer engineers migrant migrants".split())
# Wanted people: handing them over to the authorities is cooperation (extradition).
WANTED = frozenset("suspect suspects fugitive fugitives trafficker traffickers "
                   "smuggler smugglers criminal criminals".split())
# Verbs of handing something over: yielding it (CONCEDE) unless it is a wanted person.
HANDING = frozenset("hand_over hand_back turn_over give_up give_back".split())
# Blocking these with a crowd is a protest; security forces blocking them coerce.
ROADS = frozenset("road roads avenue avenues street streets highway highways motorway "
                  "bridge bridges square junction crossing crossings port railway "
                  "railways".split())
CROWDS = frozenset("protester protesters demonstrator demonstrators farmer farmers "
                   "driver drivers worker workers student students resident residents "
                   "villager villagers trucker truckers taxi miner miners crowd crowds "
                   "hundreds thousands dozens activist activists fisherman "
                   "fishermen".split())
# Money pledged: "pledged 50 million euros" is aid, whatever the currency's name.
CURRENCY_UNITS = frozenset("million billion".split())

# Verbs that take their meaning from what is exchanged ("exchanged fire", "traded insults").
EXCHANGING = frozenset("exchange trade swap".split())
# Verbs of going somewhere: going for talks is consulting.
MOVING = frozenset("return travel arrive go fly come head leave".split())
# Who kills in battle (fighting) rather than in an attack on people (assault).
MILITARY = frozenset("aircraft gunship gunships helicopter helicopters tank tanks artillery "
                     "jet jets plane planes warplane warplanes explosion mine minefield shell "
                     "shells shelling missile missiles rocket rockets airstrike airstrikes "
                     "fighting battle clashes".split())
# Verbs that, negated ("would not accept"), are rejections.
ACCEPTING = frozenset("accept agree allow meet attend give comply recognize recognise "
                      "negotiate resign participate join sign cooperate release "
                      "lift".split())
