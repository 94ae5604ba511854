"""Background work: the jobs table, the huey queue that runs it, and the kinds of job."""
