"""Scoring the methods against reference summaries and headlines (ROUGE)."""
