"""Joint verification: each monitoring party's assessments, the finding, co-heads' decisions."""
