"""The words of the code's vocabularies as the interface shows them: each enum value a page or
the daily report shows, and each incident type's label, marked for the catalogues (`N_`) and
translated when shown (`term`, `incident_type_label`). A test holds these lists to the enums."""

from __future__ import annotations

from ceasefire.i18n import N_, _

#: values of the enums people read (roles, statuses, findings, verdicts, precisions, channels, ...)
TERMS: frozenset[str] = frozenset(
    {
        N_("admin"),
        N_("co-head"),
        N_("monitor"),
        N_("liaison"),
        N_("fulfils"),
        N_("breaches"),
        N_("complies"),
        N_("figure"),
        N_("notice"),
        N_("candidate"),
        N_("open"),
        N_("merged"),
        N_("dismissed"),
        N_("pending"),
        N_("confirmed"),
        N_("rejected"),
        N_("disputed"),
        N_("not-confirmed"),
        N_("inconclusive"),
        N_("unanimity"),
        N_("majority"),
        N_("received"),
        N_("under-review"),
        N_("answered"),
        N_("withdrawn"),
        N_("not-in-force"),
        N_("fulfilled"),
        N_("fulfilled-late"),
        N_("overdue"),
        N_("in-force"),
        N_("no-report"),
        N_("breached"),
        N_("expired"),
        N_("exact"),
        N_("day"),
        N_("week"),
        N_("month"),
        N_("near"),
        N_("district"),
        N_("region"),
        N_("complaint"),
        N_("sensor"),
        N_("bulletin"),
        N_("news"),
        N_("import"),
        N_("queued"),
        N_("running"),
        N_("retrying"),
        N_("succeeded"),
        N_("failed"),
        N_("proposed"),
        N_("attached"),
        N_("observation-post"),
        N_("base"),
        N_("patrol"),
        N_("convoy"),
        N_("deadline-near"),
        N_("limit-breached"),
        N_("dispute-waiting"),
        N_("complaint-unanswered"),
        N_("finding-published"),
        N_("watched-area"),
        N_("divergence"),
        # the kinds of the force's records (`force.csvfiles.Kind`)
        N_("strength"),
        N_("posts"),
        N_("patrols"),
        N_("convoys"),
        N_("totals"),
        # an alert group's state in the inbox (Alertmanager's words)
        N_("firing"),
        N_("resolved"),
    }
)

#: the incident taxonomy's labels (`taxonomy.incident_types`)
INCIDENT_TYPE_LABELS: frozenset[str] = frozenset(
    {
        N_("Armed clash"),
        N_("Government regains territory"),
        N_("Non-state actor overtakes territory"),
        N_("Chemical weapon"),
        N_("Air/drone strike"),
        N_("Suicide bomb"),
        N_("Shelling/artillery/missile attack"),
        N_("Remote explosive/landmine/IED"),
        N_("Grenade"),
        N_("Sexual violence"),
        N_("Attack"),
        N_("Abduction/forced disappearance"),
        N_("Peaceful protest"),
        N_("Protest with intervention"),
        N_("Excessive force against protesters"),
        N_("Violent demonstration"),
        N_("Mob violence"),
        N_("Agreement"),
        N_("Arrests"),
        N_("Change to group/activity"),
        N_("Disrupted weapons use"),
        N_("Headquarters or base established"),
        N_("Looting/property destruction"),
        N_("Non-violent transfer of territory"),
        N_("Other"),
        N_("Unspecified ceasefire violation"),
        N_("Withdrawal of forces"),
        N_("Handover of territory"),
        N_("Deployment of forces"),
        N_("Patrol"),
        N_("Exchange of detainees"),
        N_("Obstruction of a corridor"),
        N_("Restriction of monitors' movement"),
        N_("Demining"),
        N_("Diplomatic meeting"),
        N_("Statement"),
    }
)

#: what each role may do (`accounts.roles.ROLE_HELP`)
ROLE_HELP_TEXTS: frozenset[str] = frozenset(
    {
        N_("manages users and tokens; sees everything a monitor sees (monitoring party)"),
        N_("decides disputed findings for their party; assesses like a monitor"),
        N_("takes in reports, edits incidents, records their own party's assessments"),
        N_(
            "a conflict party's liaison: files complaints, sees only its own complaints "
            "and published findings"
        ),
    }
)


def term(value: object) -> str:
    """An enum value in the reader's language (anything else as it is stored)."""
    text = str(value)
    return _(text) if text in TERMS else text


def label(text: str) -> str:
    """A vocabulary's label (an incident type's, a role's help) in the reader's language."""
    return _(text) if text in INCIDENT_TYPE_LABELS or text in ROLE_HELP_TEXTS else text
