"""The learner's command, ``aipath`` (console script ``aipath.learner.cli:main``): it runs outside the
notebooks and none of them imports it.

- ``aipath.learner.cli``        — ``aipath workspace | progress | plan``
- ``aipath.learner.workspace``  — copies the student notebooks a learner lacks into ``my-work/``
- ``aipath.learner.progress``   — runs the visible checks of changed notebooks; which exercises pass
- ``aipath.learner.study_plan`` — the course timeline as data; the pace ``aipath progress --start`` reports
- ``aipath.learner.notebook_progress`` — one notebook's check results, shared by the two above
- ``aipath/learner/lab_config/`` — JupyterLab settings ``make lab`` puts on ``JUPYTER_CONFIG_PATH``
"""
