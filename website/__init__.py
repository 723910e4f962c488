"""The course website: the notebooks as a Jupyter Book (Sphinx + MyST-NB), built offline.

    python -m website.build [--out build/site] [--workers 2]      (or `make site`)
    -> build/site/_build/html/index.html

Pipeline, one module per step:

- :mod:`website.execute` runs each *source* notebook in the fast profile (nbclient, 2 at a time),
  cached in ``.site-cache/executed/`` by a hash of its content and of the helper package it imports;
- :mod:`website.student` makes the *student* versions with nbgrader (``autograder.release``, cached
  in ``.site-cache/student/``) and gives each the executed source's outputs, except in solution and
  check cells;
- :mod:`website.plan` holds the five phases and the timeline the landing page shows;
- :mod:`website.book` writes the book (``_config.yml``, ``_toc.yml``, landing page, one page per
  notebook in roadmap order) and runs Jupyter Book 1; MathJax is served from the site itself.
"""
