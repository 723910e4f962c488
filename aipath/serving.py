"""The old name of :mod:`aipath.mlops.serving`: importing it gives that very module.

A learner's notebooks in ``my-work/`` were copied before phase 4's services moved to
``aipath.mlops``, and ``aipath workspace`` never overwrites a learner's copy, so their
``from aipath.serving import ...`` must keep working, silently (anything a notebook prints on
stderr fails its check under nbgrader).

``python -m aipath.serving`` runs :func:`aipath.mlops.serving.main` as before.
"""
import sys

from aipath.mlops import serving as _module

if __name__ == "__main__":
    sys.exit(_module.main())
sys.modules[__name__] = _module
