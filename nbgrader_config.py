"""nbgrader configuration: this repository is the course directory, ``notebooks/`` its sources.

Plain ``nbgrader`` commands run from the repository root use it; the ``autograder`` CLI builds the
same configuration in code (autograder/course.py) so it can grade into any working directory.
"""
c = get_config()  # noqa: F821 — injected by traitlets

c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "notebooks"
c.CourseDirectory.release_directory = "release"
# Data files, caches and instructor-only material are never copied into student versions.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".data", "mlruns",
                            "mlops_work", "*_work"]  # same as autograder/course.py IGNORED
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ExecutePreprocessor.timeout = 600
c.Execute.timeout = 600
