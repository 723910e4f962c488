"""Instructor pipeline on top of nbgrader: release, validate, grade, feedback, export."""
