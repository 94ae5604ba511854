"""Complaints: a conflict party's formal allegation, tracked until answered by a finding."""
