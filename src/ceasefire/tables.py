"""Every table of every domain, imported so that `db.Base.metadata` is complete: what the
migrations compare the schema against, and what the tests check them with."""

from __future__ import annotations

from ceasefire.accounts import models as accounts_models
from ceasefire.agreements import models as agreements_models
from ceasefire.alerts import models as alerts_models
from ceasefire.audit import models as audit_models
from ceasefire.complaints import models as complaints_models
from ceasefire.db import Base
from ceasefire.force import models as force_models
from ceasefire.incidents import models as incidents_models
from ceasefire.ingest import models as ingest_models
from ceasefire.jobs import models as jobs_models
from ceasefire.reports import models as reports_models
from ceasefire.verification import models as verification_models

#: The modules that declare tables, one per domain that stores something.
MODEL_MODULES = (
    accounts_models,
    agreements_models,
    alerts_models,
    audit_models,
    complaints_models,
    force_models,
    incidents_models,
    ingest_models,
    jobs_models,
    reports_models,
    verification_models,
)
metadata = Base.metadata
