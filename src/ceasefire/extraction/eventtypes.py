"""Event triggers: which words signal which event type, and the modality a sentence gives them.

Pure functions over text. `triggers(sentence)` finds the event types a sentence reports, with the
words that triggered them; `classify(snippet)` names the one type a whole snippet is about (the
CASE 2021 task 2 evaluation). The order of `RULES` breaks ties: specific before general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (type, weight, pattern). Patterns are case-insensitive and matched on word boundaries.
_RULE_TABLE: list[tuple[str, float, str]] = [
    (
        "chemical-weapon",
        5,
        r"(?<!tear )gas (?:cylinders?|canisters?)|canisters? that released|released a (?:pungent|toxic|yellow|poisonous) (?:gas|cloud)|toxic cloud|chlorine|choking|foaming at the mouth|struggling to breathe|used as a weapon|"
        r"chemical (?:weapons?|attack|agents?|munitions?)|sarin|chlorine (?:gas|attack|bombs?)|mustard gas|nerve agent|toxic gas",
    ),
    (
        "suicide-bomb",
        5,
        r"\bbomber (?:\S+ ){0,2}detonated|drove (?:a|an) (?:truck|car|vehicle|lorry)(?: bomb| laden with explosives| packed with explosives)? (?:\S+ ){0,3}(?:into|at)|detonated explosives hidden under (?:his|her) clothes|"
        r"explosives strapped to (?:his|her) body|killing himself|killing herself|"
        r"suicide (?:bomb\w*|attack\w*|vest|car bomb\w*)|blew (?:himself|herself|themselves) up|self-detonat\w*",
    ),
    (
        "sexual-violence",
        5,
        r"rap(?:e|ed|es|ing)|sexual(?:ly)? (?:assault\w*|violence|abuse\w*|harass\w*)|gang-?rap\w*|molest\w*",
    ),
    (
        "air-drone-strike",
        4,
        r"(?:jets?|planes?|aircraft) (?:\S+ ){0,2}pounded|carried out (?:an? )?(?:air )?strikes? (?:on|near|in|against)|"
        r"(?:air force|planes?|warplanes?|fighter jets?|drones?|bayraktar\w*(?: tb2)?) (?:[\w-]+ ){0,4}(?:bombed|struck|destroyed|hit|targeted)|"
        r"bomb(?:ing|ed) (?:\w+ ){0,2}(?:positions|neighbou?rhoods|districts)|"
        r"air ?strikes?|airstrikes?|air raids?|drone (?:strikes?|attacks?)|(?:warplanes?|jets?|aircraft|helicopters?|drones?|uavs?|bayraktars?) (?:\w+ )?(?:bomb\w*|struck|strikes?|hit|attack\w*|fired|targeted|shelled)|bombed from the air|aerial (?:bombardment|attack|bombing)|(?:dropped|drop) (?:barrel )?bombs?|barrel bombs?|helicopter gunships?|shot down (?:a |an )?(?:drone|uav)",
    ),
    (
        "grenade",
        4,
        r"crude bombs?|hurled (?:\w+ ){0,2}(?:bombs?|explosives?)|lobbed|"
        r"grenades?|hand-?grenade",
    ),
    (
        "remote-explosive-landmine-ied",
        4,
        r"ran over an? (?:[\w-]+ )?mine|ordnance (?:\S+ ){0,8}went off|(?:car|vehicle|motorbike|motorcycle) (?:\S+ ){0,6}exploded|"
        r"bomb (?:left|planted|hidden)|(?:was|were) set off|car (?:[\w-]+ ){0,4}exploded|pipe bomb (?:exploded|went off)|"
        r"(?:struck|hit|ran over) a (?:land ?)?mine|explosive (?:object|device) (?:went off|exploded|detonated)|"
        r"\bieds?\b|improvised explosive|roadside bomb|landmines?|land mines?|mine explo\w*|stepped on (?:a )?mine|(?:car|truck|motorcycle|parcel) bomb|bomb (?:blast|explosion|exploded|went off)|explosive devices?|detonated|remote(?:ly)?[- ]control\w* (?:bomb|device)|magnetic bomb|sticky bomb",
    ),
    (
        "shelling-artillery-missile-attack",
        4,
        r"shell(?:ed|ing|s)|artillery|mortars?|rockets?|missiles?|howitzer (?:fire|shells?|rounds?)|grad |multiple[- ]launch|bombard(?:ed|ment)|projectiles?|cluster munitions?|smerch",
    ),
    (
        "disrupted-weapons-use",
        4,
        r"rendered safe|made safe|handed in|detonators|destroyed an explosive-laden|explosive-laden (?:boat|drone|vehicle)|before it could reach|"
        r"hand(?:ed|s|ing)? over (?:\w+ ){0,2}(?:weapons|arms)|"
        r"defus\w*|(?:seized|confiscated|recovered|found|discovered|intercepted) (?:a |an |the |\d+ )?(?:\w+ )?(?:weapons?|arms|explosives?|ammunition|bombs?|rifles?|guns?|cache|ieds?|grenades?)|weapons? cache|arms cache|bomb disposal|(?:shot down|intercepted) (?:a |an |the |\d+ )?(?:\w+ )?(?:missiles?|rockets?)|air defen[cs]e\w* (?:intercepted|downed|destroyed)|dismantled (?:a |an )?(?:bomb|explosive)",
    ),
    (
        "demining",
        4,
        r"neutrali[sz]\w* (?:\w+ ){0,3}(?:explosive|mines?|ordnance|objects?|devices?)|explosive objects|"
        r"demin\w*|mine[- ]clearing|mine clearance|cleared (?:of )?(?:mines|unexploded)|sappers? (?:cleared|removed)|unexploded ordnance (?:was |were )?(?:removed|cleared|destroyed)",
    ),
    (
        "excessive-force-against-protesters",
        5,
        r"(?:shot dead|killing|killed|fractures|broken limbs) (?:\S+ ){0,8}(?:march\w*|protest\w*|demonstrat\w*|crowd|rally|striking|students)|(?:march\w*|protest\w*|demonstrat\w*|crowd|rally|students|supporters) (?:\S+ ){0,12}(?:killing|killed|shot dead|fractures|broken limbs)|fired (?:live |rubber )?(?:bullets|rounds|ammunition|tear gas canisters)|"
        r"(?:fired|opened fire|shot) (?:\w+ )?(?:on|at|into) (?:\w+ )?(?:protesters|demonstrators|crowds?|marchers|rally)|(?:protesters|demonstrators) (?:were )?(?:shot|killed) (?:dead )?by (?:police|security|troops|soldiers)|live (?:ammunition|fire|rounds) (?:on|at|against) (?:\w+ )?(?:protesters|demonstrators)|killed (?:\w+ )?(?:protesters|demonstrators)",
    ),
    (
        "protest-with-intervention",
        4,
        r"(?:stopped|blocked|prevented|kettled) (?:the )?(?:\w+ ){0,2}(?:march|protest|rally|demonstrat\w+|marchers|protesters)|"
        r"(?:police|security forces|riot police|officers|troops|authorities) (?:\w+ )?(?:dispersed|broke up|detained|arrested|used tear ?gas|fired tear ?gas|used water cannons?|beat|clashed with|baton-charged|lathi-?charged)|tear ?gas|water cannons?|rubber bullets|(?:protest|rally|demonstration|march|sit-in) was (?:dispersed|broken up|stopped)|dispersed (?:the )?(?:protest|rally|demonstrat\w+|crowd|march)",
    ),
    (
        "violent-demonstration",
        4,
        r"(?:protesters|demonstrators|rioters|students|workers|supporters) (?:\w+ )?(?:torched|set fire|burned|burnt|pelted|threw (?:stones|rocks|petrol bombs|molotov)|stormed|vandali[sz]ed|smashed|ransacked|blocked .{0,20} burning|clashed with police|attacked police)|riot(?:s|ed|ing)?\b|violent (?:protests?|demonstrations?|clashes between protesters)|stone[- ]pelting|molotov",
    ),
    (
        "peaceful-protest",
        3,
        r"gathered (?:at|outside|in front of)|sat on the (?:\w+ )?(?:tracks|road|highway)|lit candles|demanding (?:the|information|justice|their|an?)|waving (?:flags|banners|placards)|"
        r"protest\w*|demonstrat(?:ion|ions|ors|ed|ing)|rall(?:y|ies|ied)|march(?:ed|es)? (?:to|through|in|against|on)|marchers|sit-?ins?|took to the streets|hunger strike|human chain|picket\w*|vigils?|strikes? (?:by|of) (?:workers|teachers|doctors|drivers|employees)|went on strike|boycott\w*|denounc\w* .{0,40}(?:streets|square)",
    ),
    (
        "mob-violence",
        4,
        r"(?:crowd|villagers|residents|fans|clans?|locals)\b (?:\S+ ){0,8}(?:attacked|beat|beating|set (?:him|her|them) (?:on fire|alight)|fought|torched|doused)|fought with (?:sticks|machetes|stones|brickbats|clubs)|(?:beat|beaten) (?:\S+ ){0,4}to death|set (?:him|her|them) (?:on fire|alight)|"
        r"\bmob\b|lynch\w*|vigilantes?|villagers (?:attacked|beat|killed|clashed)|supporters of .{0,40} clashed|(?:two|rival) (?:groups|factions) (?:of \w+ )?clashed|communal (?:clash|violence)|beaten to death by (?:a )?(?:crowd|mob|villagers|locals)|angry (?:crowd|villagers|residents) (?:attacked|beat|set)",
    ),
    (
        "abduction-forced-disappearance",
        5,
        r"led (?:\S+ ){0,6}away|took (?:him|her|them) to an undisclosed|drove (?:him|her|them) away|seized (?:at least )?\d+ (?:farmers|civilians|people|villagers|pupils|students|women|men)|seized a (?:former )?(?:\w+ )?(?:commander|man|woman|boy|girl)|"
        r"carried off|took away|picked up (?:\w+ ){0,3}by (?:men|gunmen|unknown)|took (?:him|her|them) from|(?:took|taken|seized) (?:\S+ ){0,8}from (?:his|her|their) homes?|nothing has been heard|deny (?:that )?(?:he|she|they) (?:is|are|was|were) in custody|no record of (?:holding|detaining)|know nothing about (?:his|her|their) whereabouts|took the \w+ of|"
        r"abduct\w*|kidnapp?\w*|forcibly disappeared|forced disappearance|taken hostage|held hostage|went missing after being|whereabouts (?:remain|are) unknown",
    ),
    (
        "arrests",
        4,
        r"took (?:\S+ ){0,6}into custody|jailed|took (?:him|her|them) to (?:a |the )?(?:\w+ ){0,3}(?:prosecution|police|court)|"
        r"arrest\w*|detain\w*|taken into custody|apprehend\w*|(?:was|were) held by police|remanded|rounded up",
    ),
    (
        "looting-property-destruction",
        4,
        r"uprooted|smashed|carried away|took (?:grain|cattle|livestock|food)|drove away (?:cattle|livestock)|bulldoz\w+|burn(?:ed|t) (?:more than )?(?:\d+ |dozens of |hundreds of )?(?:houses|homes|huts|villages|shops)|broke into (?:shops|homes|houses)|"
        r"loot\w*|vandali\w*|ransack\w*|pillag\w*|set (?:on )?fire to|torched|burn(?:ed|t) down|demolish\w*|razed|destroyed (?:\w+ )?(?:homes?|houses?|shops?|property|crops|vehicles?)|property (?:was )?destroyed|seized (?:\w+ )?(?:land|property|cattle|livestock)|stole|robbed",
    ),
    (
        "non-state-actor-overtakes-territory",
        4,
        r"(?:rebels?|militants?|insurgents?|fighters|separatists|taliban|al-shabaab|jihadists?|militias?|isis|islamic state|armed group) (?:\w+ )?(?:captured|seized|took control of|overran|took over|gained control of|have taken)",
    ),
    (
        "government-regains-territory",
        4,
        r"(?:army|government forces|troops|military|armed forces|soldiers) (?:\w+ )?(?:recaptured|retook|regained|liberated|retaken|took back|wrested back)|recaptur\w*|retook|retaken|regain\w* control|liberat(?:ed|ion of)",
    ),
    (
        "handover-of-territory",
        4,
        r"return(?:ed|s)? (?:\w+ ){0,3}villages|took over the (?:posts|positions|bases?)|"
        r"passed (?:under|to) (?:the )?control|came under the control|(?:was|were) (?:returned|transferred) to the control|"
        r"hand(?:ed|s)? (?:over )?(?:the )?(?:ports?|towns?|city|villages?|district|territory|positions|bases?|camp|posts?)\b (?:\S+ ){0,6}to (?:the|a|its)|(?:was|were|been|being|is|are) (?:formally )?(?:handed over|handed back|returned|ceded|transferred) to|hand(?:ed|s|ing)? over (?:\w+ )?(?:district|region|territory|town|village|control|areas?|lands?)|handover of|returned to (?:the )?(?:control|rule|sovereignty|jurisdiction) of|return(?:ed|s)? (?:\w+ ){0,2}(?:district|region|territor\w+|lands?)|(?:ceded|cede|cedes) |transferred (?:control|to the control)|entered (?:the )?(?:\w+ )?district (?:handed|returned)|(?:army|units|troops) entered (?:the )?\w+ (?:district|region)",
    ),
    (
        "non-violent-transfer-of-territory",
        3,
        r"took over (?:their|the) (?:positions|posts|bases?)|took up positions in (?:them|it|the town)|occupied the (?:empty|abandoned|deserted)|entered \w+ (?:on \w+ )?under an (?:arrangement|agreement|deal)|"
        r"walked into|moved in unopposed|entered (?:\w+ ){0,2}unopposed|without (?:firing a shot|a fight|resistance)|agreed to (?:leave|withdraw from) (?:the )?(?:town|city|village|area)|(?:evacuated|vacated|abandoned) (?:the |their )?(?:centre|center|base|town|positions?|posts?)|"
        r"took (?:over )?control (?:of )?.{0,40} without (?:a )?(?:fight|resistance|clash\w*)|withdrew and (?:\w+ )?took (?:over|control)|peaceful(?:ly)? (?:takeover|transfer)|(?:moved|moved in) into .{0,30} (?:vacated|abandoned|after .{0,20} withdrew)|took (?:over )?(?:the )?(?:positions|bases?) (?:vacated|abandoned)",
    ),
    (
        "headquarters-or-base-established",
        4,
        r"built (?:a |an )?(?:new )?(?:military )?(?:camp|base|outpost)|opened a new (?:\w+ ){0,2}base|turned (?:\S+ ){0,6}into (?:their|a|its) (?:base|headquarters|camp)|"
        r"(?:set up|established|establish|opened|open|built|build|install\w*) (?:a |an |the |new |their |its )?(?:\w+ )?(?:base|headquarters|camp|outpost|observation posts?|checkpoint|command (?:post|cent(?:er|re))|monitoring cent(?:er|re)|ceasefire (?:control|monitoring) cent(?:er|re)|joint cent(?:er|re)|garrison)|new (?:military )?base",
    ),
    (
        "exchange-of-detainees",
        5,
        r"(?:recovered|handed over|transferred|returned) (?:\w+ ){0,3}(?:remains|bodies)|remains of \d+ \w+ (?:\w+ )?(?:handed|returned|transferred)|"
        r"(?:exchange|swap|swapped|exchanged|release|released|return|returned|repatriat\w*) (?:of )?(?:\w+ ){0,3}(?:prisoners|detainees|captives|pows|prisoners of war|bodies|remains|hostages)|prisoner (?:exchange|swap)|all[- ]for[- ]all",
    ),
    (
        "corridor-obstruction",
        5,
        r"(?:blocked|blockade\w*|closed|obstruct\w*|shut) (?:\w+ ){0,3}(?:corridor|road|highway|convoy)|corridor (?:was |remained )?(?:blocked|closed|obstructed|shut)|convoys? (?:was |were )?(?:stopped|turned back|blocked)|blockade",
    ),
    (
        "monitor-movement-restriction",
        5,
        r"freedom of movement (?:was |were )?(?:restricted|denied|limited|blocked)|refused to let (?:the )?(?:\w+ ){0,2}(?:pass|continue|through|proceed|in)|(?:told|ordered) the (?:patrol|monitors|mission|observers) to turn back|signal interference|jamming|"
        r"(?:monitors?|observers?|peacekeepers|inspectors|mission) (?:were |was )?(?:denied|refused|prevented|blocked|barred|restricted|turned back|not allowed)|(?:denied|refused|restricted|blocked) (?:the )?(?:monitors?|observers?|inspectors?)'? (?:access|movement|entry)|access (?:was )?denied to (?:the )?(?:monitors|observers)",
    ),
    (
        "patrol",
        4,
        r"escort\w*|safe passage (?:through|along|on)|(?:column|convoy) of \d+|"
        r"patrol\w*",
    ),
    (
        "ceasefire-violation",
        5,
        r"(?:heard|recorded|saw|reported) (?:\S+ ){0,3}(?:shots|explosions|bursts)|(?:wounded|injured|hurt) by (?:\S+ ){0,2}(?:fire|gunfire)|"
        r"(?:violat\w*|breach\w*|broke|broken) (?:of )?(?:the )?(?:\w+ )?(?:ceasefire|truce|cease-fire)|(?:ceasefire|truce|cease-fire) (?:violations?|breach\w*)",
    ),
    (
        "withdrawal",
        4,
        r"withdr[ae]w\w*\b(?! lines)|pull(?:ed|ing|s)? (?:\w+ )?out|pullout|pull-out|pull(?:ed|ing|s)? back|retreat\w*|evacuat\w* (?:their|its|his|the)? ?(?:troops|forces|units|positions)|leave (?:the )?(?:\w+ )?(?:district|region|territor\w+|lands?)",
    ),
    (
        "deployment",
        4,
        r"(?:saw|spotted|observed) (?:\d+|\w+) (?:\S+ ){0,2}(?:tanks|howitzers|mortars|armou?red \w+|artillery pieces|multiple launch rocket systems)|"
        r"moved (?:\w+ ){0,2}(?:observation posts|positions|troops|forces|units) to|(?:weapons|tanks|howitzers) in violation of (?:the )?withdrawal lines|"
        r"deploy\w*|dispatch\w* (?:\w+ )?(?:troops|peacekeepers|forces|soldiers|units)|(?:sent|send|sending) (?:\w+ ){0,2}(?:troops|peacekeepers|forces|soldiers|reinforcements)|(?:troops|peacekeepers|forces|soldiers) (?:arrived|moved into|were stationed)|station(?:ed|ing) (?:\w+ ){0,2}(?:troops|peacekeepers|forces)|reinforcements|redeploy\w*|massing (?:of )?troops|troop build-?up",
    ),
    (
        "armed-clash",
        3,
        r"exchanged (?:\w+ ){0,2}(?:gun)?fire|traded (?:\S+ ){0,4}fire|gunfights?|"
        r"(?:opened fire|fired) (?:on|at) (?:\w+ ){0,3}positions|"
        r"clash(?:ed|es)?|fighting|fought|gun ?battles?|firefights?|exchanged (?:gun)?fire|exchange of fire|skirmish\w*|battle\w*|engaged|ambush\w*|offensive|counter-?attack\w*|hostilities|combat",
    ),
    (
        "attack",
        3,
        r"attack\w*|shot (?:dead|and killed)|gunned down|gunmen|stabb\w*|(?:was|were) (?:shot|killed|murdered|beaten|hacked)|murder\w*|assassinat\w*|opened fire|killed|behead\w*|executed|hacked to death|beat(?:en)? (?:to death|up)|massacre\w*|assault\w*",
    ),
    (
        "agreement",
        4,
        r"put (?:their|its) signatures? to|reached an understanding|settlement brokered|"
        r"signed (?:a |an |the )?(?:[\w-]+ ){0,4}(?:truce|pact|ceasefire|agreement|deal|accord)|non-aggression pact|ceasefire would (?:begin|start|take effect)|would (?:strictly )?observe|consented to|understandings|"
        r"(?:protocol|declaration|cessation of hostilities|memorandum|ceasefire|truce) (?:was |were |had been )?(?:agreed|signed|mediated)|(?:ceasefire|truce) (?:\w+ ){0,6}took effect|"
        r"sign(?:ed|s|ing)? (?:[\w-]+ ){0,4}(?:agreement|deal|accord|treaty|memorandum|ceasefire|truce|declaration|statement)|(?:agreement|deal|accord|treaty|memorandum|ceasefire|truce) (?:was |has been |were )?(?:signed|reached|agreed|concluded|brokered)|agreed (?:\w+ ){0,4}(?:deal|ceasefire|truce|peace|agreement|to (?:a|an|the) )|(?:reached|struck|clinched|brokered) (?:\w+ ){0,3}(?:deal|agreement|ceasefire|truce|accord)|peace deal|peace agreement|ceasefire agreement|(?:announced|announce) (?:the |a )?(?:\w+ )?(?:deal|agreement|ceasefire|truce)",
    ),
    (
        "diplomatic-meeting",
        4,
        r"\bmet\b|\bmeets?\b(?! (?:the )?(?:demands?|requirements?|criteria|deadline|needs?))|held talks|hold talks|holds talks|talks (?:with|between)|summit|(?:phone|telephone) (?:call|conversation)|(?:spoke|speaks|talked) (?:by phone |on the phone )?(?:with|to) (?:his|her|their) |visit(?:ed|s)? (?:to )?(?:\w+ ){0,2}(?:capital|capital city)|received (?:the |a )?(?:\w+ ){0,3}(?:delegation|minister|president|ambassador|envoy)|negotiat\w*|mediat\w*",
    ),
    (
        "change-to-group-activity",
        2,
        r"unilateral pause|join (?:their|its) ranks|moved (?:\w+ ){0,3}(?:divisions|regiments|brigades|battalions)|"
        r"announced its formation|appointment of a new (?:commander|leader)|end(?:ing|ed|s)? (?:its|their) unilateral ceasefire|armed strike|left (?:their|its) bases|convoy of (?:more than )?\w+ (?:army )?(?:trucks|vehicles)|troop reinforcements?|"
        r"(?:mobili[sz]\w*|curfew|martial law|state of emergency|relocat\w*|(?:joined|merged|split from|defected)|(?:group|movement|militia) (?:announced|declared|formed|disbanded)|(?:closed|reopened) (?:the )?(?:border|checkpoint|crossing)|suspend\w* (?:\w+ ){0,2}(?:operations|activities|talks|patrols)|(?:started|began|launched) (?:\w+ ){0,2}(?:recruit\w*|training|exercises|drills)|military (?:exercises|drills)|recruit\w*|training camp)",
    ),
    (
        "organized-crime",
        4,
        r"drug (?:traffick\w*|smuggl\w*|cartel|dealers?|lords?)|cartel|smuggl\w*|traffick\w*|gang (?:members?|leader|war)|organi[sz]ed crime|extortion|narcotics|mafia|money laundering|contraband",
    ),
    (
        "natural-disaster",
        5,
        r"earthquake|flood(?:s|ing|ed)?\b|landslides?|cyclone|hurricane|typhoon|tsunami|drought|wildfires?|forest fires?|volcan\w*|storms?\b|avalanche|mudslide|heavy rain",
    ),
    (
        "man-made-disaster",
        4,
        r"(?:building|bridge|dam|mine) collaps\w*|collapsed|(?:gas|factory|boiler|chemical|fireworks) (?:explosion|blast|leak)|(?:train|bus|plane|boat|ferry) (?:crash|accident|derail\w*|capsiz\w*)|derail\w*|capsiz\w*|stampede|fire (?:broke out|gutted|engulfed)|industrial accident|oil spill|(?:road|traffic) accident",
    ),
    (
        "other",
        2,
        r"(?:refugees|displaced people|displaced persons|residents|people) (?:have |had )?(?:returned|come back|came back)",
    ),
    (
        "statement",
        1,
        r"said|stated|declared|announced|warned|called (?:on|for)|condemn\w*|accus\w*|denied|urged|statement|told reporters|press conference",
    ),
]

RULES: list[tuple[str, float, re.Pattern[str]]] = [
    (etype, weight, re.compile(rf"\b(?:{pattern})", re.I)) for etype, weight, pattern in _RULE_TABLE
]
_ORDER = {etype: i for i, (etype, _, _) in enumerate(_RULE_TABLE)}

_NEGATION = re.compile(
    r"\b(?:denied|deny|denies|rejected (?:claims|reports)|refuted|no (?:truth|evidence)|did not|didn't|was not|were not|has not|have not|never)\b",
    re.I,
)
_MODAL_AFTER = re.compile(
    r"^[\w-]+(?:\s+[\w-]+)?\s+(?:(?P<must>must|shall|are to|is to|have to|has to)|will|would|"
    r"are due to|is due to|are set to|is set to|are expected to|is expected to)\b",
    re.I,
)
_NONE_OF = re.compile(r"\b(?:no|zero|not a single|not one)\s+(?:[\w-]+\s+){0,2}$", re.I)
_OBLIGATION = re.compile(
    r"\b(?:must|shall|have to|has to|had to|are obliged|is obliged|obliged to|required to|obligated to|is to|are to|bound to|due to (?!the\b)\w+|a (?:schedule|timetable|deadline) (?:for|to))\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|would|plans? to|planned|planning|is set to|are set to|expected to|intends? to|to be (?:\w+ed)|agreed to|going to|scheduled|upcoming|prepar(?:es|ing) to|about to|aims? to|seeks? to|to discuss)\b",
    re.I,
)
_ALLEGED = re.compile(
    r"\b(?:alleg\w*|accus\w*|claim\w*|reportedly|purportedly|unconfirmed|according to (?:\w+ )?(?:reports|sources|claims)|blamed)\b",
    re.I,
)


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int  # character offsets within the text given
    end: int
    weight: float


# A trigger right after these words names what is being ended, not something that happened
# ("to halt the fighting", "to end more than a month of fighting").
_ENDED = re.compile(
    r"\b(?:end|ends|ended|ending|halt|halted|halting|stop|stopped|stopping|cease|after|since|"
    r"during|amid|of|closing|without|no)\b(?:\s+\w+){0,5}\s*$",
    re.I,
)


# A trigger right after these words is the background of the news, not the news: "amid
# protests", "following the fighting", "despite the ceasefire".
_BACKGROUND = re.compile(
    r"\b(?:amid|amidst|following|despite|ahead of|in the wake of)\b(?:\s+[\w-]+){0,4}\s*$",
    re.I,
)
# What a bulletin compares with: the counts of the period before.
_PREVIOUS_PERIOD = re.compile(
    r"\b(?:previous|preceding|last) (?:reporting period|24 hours|day|week)\b[^.;]*\bhad\b[^.;]*$",
    re.I,
)
# A noun of fighting after a past participle and "in" or "during" is how something came about
# ("areas seized in the fighting", "killed during the war"), not fighting that is reported.
_COME_ABOUT = re.compile(
    r"\b(?:seized|captured|taken|lost|won|gained|killed|wounded|injured|displaced|destroyed|"
    r"damaged|died|occupied|freed|liberated)\s+(?:in|during)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def background(etype: str, text: str, start: int) -> bool:
    """Whether the trigger at `start` names the background of the sentence rather than an
    event it reports (what fighting is ended, what a meeting follows, how areas were won)."""
    before = text[max(0, start - 50) : start]
    if _PREVIOUS_PERIOD.search(text[max(0, start - 80) : start]):
        return True  # "in the previous reporting period it had recorded 58 violations"
    if etype in {"armed-clash", "attack"} and (_ENDED.search(before) or _COME_ABOUT.search(before)):
        return True
    return bool(_BACKGROUND.search(before))


def triggers(text: str) -> list[Trigger]:
    """Every event type signalled in `text`, with its first live trigger (one per type)."""
    found: dict[str, Trigger] = {}
    for etype, weight, pattern in RULES:
        if etype in found or etype == "statement":
            continue
        for m in pattern.finditer(text):
            if background(etype, text, m.start()):
                continue
            if any(t.start < m.end() and m.start() < t.end for t in found.values()):
                continue  # the same words read as a type written before (more specific)
            found[etype] = Trigger(etype, m.start(), m.end(), weight)
            break
    return sorted(found.values(), key=lambda t: t.start)


def scores(text: str) -> dict[str, float]:
    """How strongly `text` signals each event type (weight times matches, dampened), the
    background of the news left out (`background`)."""
    out: dict[str, float] = {}
    for etype, weight, pattern in RULES:
        n = sum(1 for m in pattern.finditer(text) if not background(etype, text, m.start()))
        if n:
            out[etype] = weight * (1 + 0.25 * min(n - 1, 4))
    return out


# When two types both match, the first of a pair wins whatever the weights: the more specific
# reading of the same words (a protest dispersed by police is a protest with intervention).
_OVERRIDES: list[tuple[str, str]] = [
    ("excessive-force-against-protesters", "protest-with-intervention"),
    ("excessive-force-against-protesters", "peaceful-protest"),
    ("excessive-force-against-protesters", "attack"),
    ("protest-with-intervention", "peaceful-protest"),
    ("protest-with-intervention", "arrests"),
    ("violent-demonstration", "peaceful-protest"),
    ("violent-demonstration", "looting-property-destruction"),
    ("violent-demonstration", "protest-with-intervention"),
    ("suicide-bomb", "remote-explosive-landmine-ied"),
    ("suicide-bomb", "attack"),
    ("air-drone-strike", "shelling-artillery-missile-attack"),
    ("grenade", "attack"),
    ("remote-explosive-landmine-ied", "attack"),
    ("shelling-artillery-missile-attack", "attack"),
    ("shelling-artillery-missile-attack", "armed-clash"),
    ("air-drone-strike", "attack"),
    ("chemical-weapon", "attack"),
    ("chemical-weapon", "shelling-artillery-missile-attack"),
    ("chemical-weapon", "air-drone-strike"),
    ("disrupted-weapons-use", "remote-explosive-landmine-ied"),
    ("disrupted-weapons-use", "shelling-artillery-missile-attack"),
    ("disrupted-weapons-use", "grenade"),
    ("disrupted-weapons-use", "arrests"),
    ("sexual-violence", "attack"),
    ("sexual-violence", "abduction-forced-disappearance"),
    ("abduction-forced-disappearance", "attack"),
    ("mob-violence", "attack"),
    ("mob-violence", "armed-clash"),
    ("mob-violence", "looting-property-destruction"),
    ("mob-violence", "organized-crime"),
    ("non-violent-transfer-of-territory", "diplomatic-meeting"),
    ("non-violent-transfer-of-territory", "agreement"),
    ("handover-of-territory", "agreement"),
    ("air-drone-strike", "excessive-force-against-protesters"),
    ("mob-violence", "abduction-forced-disappearance"),
    ("mob-violence", "violent-demonstration"),
    ("excessive-force-against-protesters", "chemical-weapon"),
    ("excessive-force-against-protesters", "violent-demonstration"),
    ("excessive-force-against-protesters", "arrests"),
    ("suicide-bomb", "natural-disaster"),
    ("ceasefire-violation", "armed-clash"),
    ("ceasefire-violation", "shelling-artillery-missile-attack"),
    ("ceasefire-violation", "agreement"),
    ("exchange-of-detainees", "agreement"),
    ("exchange-of-detainees", "arrests"),
    ("government-regains-territory", "armed-clash"),
    ("non-state-actor-overtakes-territory", "armed-clash"),
    ("non-state-actor-overtakes-territory", "attack"),
    ("handover-of-territory", "withdrawal"),
    ("non-violent-transfer-of-territory", "withdrawal"),
    ("demining", "remote-explosive-landmine-ied"),
    ("demining", "disrupted-weapons-use"),
    ("corridor-obstruction", "peaceful-protest"),
    ("monitor-movement-restriction", "patrol"),
    ("monitor-movement-restriction", "deployment"),
    ("agreement", "diplomatic-meeting"),
    ("armed-clash", "attack"),
]


_TAKE = re.compile(
    r"\b(?:captured|seized|took control of|taken control of|took over|took back|retook|retaken|recaptured|"
    r"overran|stormed|drove|driven|pushing|pushed|dislodged|routing|routed|raised (?:the|their|"
    r"its|the national) flag over|(?:back|now) (?:in )?control|restored state authority)\b",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(?:rebels?|militants?|militi\w+|insurgents?|fighters|jihadists?|separatists?|guerrillas?|"
    r"al-shabaab|houthis?|taliban|islamic state|isis|is|jnim|iswap|hts|rsf|m23|csp|group)\b",
    re.I,
)
_STATE = re.compile(
    r"\b(?:army|troops|soldiers|government|military|armed forces|security forces|federal|"
    r"national guard|marines|police)\b",
    re.I,
)
_PROTESTING = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|march(?:es|ers|ing)?\b|rall(?:y|ies)|supporters of|"
    r"students angry|chanting)",
    re.I,
)
_DESTROYING = re.compile(
    r"\b(?:looted|stormed|vandali[sz]ed|pelted|threw stones|hurled stones|set (?:\S+ ){0,4}"
    r"(?:on )?fire|set fire|burned (?:cars|tyres|tires|a|the|police)|barricades|broke into|tore up|"
    r"beat the)\b",
    re.I,
)
_LEADING = 90  # how far before the verb of taking its doer is looked for, in characters


def territory(text: str) -> str | None:
    """Who takes a place by force, read from the words before the verb of taking: government
    forces regain territory, anyone else overtakes it (None: no taking, or no doer named)."""
    for m in _TAKE.finditer(text):
        before = text[max(0, m.start() - _LEADING) : m.start()]
        after = text[m.end() : m.end() + 60]
        if not re.search(
            r"\b(?:town|city|village|district|base|camp|post|locality|province|"
            r"[A-Z][a-z]+|headquarters|buildings|control)\b",
            after,
        ):
            continue  # nothing taken: a place, a base, control
        if _NON_STATE.search(before):
            return "non-state-actor-overtakes-territory"
        if _STATE.search(before):
            return "government-regains-territory"
    return None


def classify(text: str) -> str:
    """The one event type a snippet is about (`other` when nothing signals one)."""
    found = scores(text)
    taken = territory(text)
    if taken and "abduction-forced-disappearance" not in found and ("armed-clash" in found or "attack" in found or not found
                  or set(found) <= {"statement", "armed-clash", "attack", taken,
                                    "government-regains-territory",
                                    "non-state-actor-overtakes-territory"}):  # fmt: skip
        found.pop("government-regains-territory", None)
        found.pop("non-state-actor-overtakes-territory", None)
        found[taken] = 6.0
    if (
        _PROTESTING.search(text)
        and _DESTROYING.search(text)
        and "excessive-force-against-protesters" not in found
    ):
        found["violent-demonstration"] = 6.0
    if (
        _PROTESTING.search(text)
        and "arrests" in found
        and "excessive-force-against-protesters" not in found
    ):
        found["protest-with-intervention"] = max(found.get("protest-with-intervention", 0), 5.0)
    if not found:
        return "other"
    for winner, loser in _OVERRIDES:
        if winner in found and loser in found:
            del found[loser]
    if len(found) > 1:
        found.pop("statement", None)
    return max(found, key=lambda t: (found[t], -_ORDER[t]))


def modality(sentence: str, trigger_start: int | None = None) -> str:
    """`denied`, `obligation`, `planned`, `alleged` or `happened`, from the words of the sentence.

    Only the words before the trigger (and a few after) count, so "they must withdraw" is an
    obligation while "after they withdrew, talks will resume" stays `happened` for the withdrawal.
    """
    window = sentence if trigger_start is None else sentence[: trigger_start + 1]
    if trigger_start is not None and _NONE_OF.search(
        sentence[max(0, trigger_start - 40) : trigger_start]
    ):
        return "denied"  # "no ceasefire violations were recorded"
    if _NEGATION.search(window):
        return "denied"
    if _OBLIGATION.search(window):
        return "obligation"
    if _ALLEGED.search(window):
        return "alleged"
    near = window[-60:] if trigger_start is not None else window
    if _PLANNED.search(near):
        return "planned"
    if trigger_start is not None:  # "the next patrols would go", "the patrols are to cover"
        after = _MODAL_AFTER.match(sentence[trigger_start:])
        if after:
            return "obligation" if after.group("must") else "planned"
    return "happened"
