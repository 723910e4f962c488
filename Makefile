# The course's commands. `make lab` and `make test` each do all set-up on a fresh machine.
# MIRROR: offline dataset mirrors for tests and CI; FASHION_MNIST: Debian dataset-fashion-mnist.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MIRROR ?= ../shared/data
FASHION_MNIST ?= /usr/share/datasets/fashion-mnist
export AIPATH_DATA_DIR ?= $(CURDIR)/.data
WORKSPACE ?= my-work
LAB_ARGS ?=
PYTEST_ARGS ?=
TEST_PATHS ?= tests notebooks
PROGRESS_PATHS ?= $(WORKSPACE)
PROGRESS_ARGS ?=
SITE_OUT ?= build/site

.PHONY: install lab instructor workspace progress test data site release validate bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e ".[torch,lab,grader,dev,mlops,site]"
	touch $@

install: $(VENV)/.installed          ## create .venv with the course, torch, JupyterLab, nbgrader, test tools

workspace: install                    ## copy the student notebooks you lack from release/ into $(WORKSPACE)/ (never overwrites)
	$(VENV)/bin/aipath workspace --release release --to $(WORKSPACE)

# The learner's lab: root at the workspace; aipath/learner/lab_config turns nbgrader's instructor UI off.
lab: workspace                        ## open your workspace ($(WORKSPACE)/<phase>/) in JupyterLab
	JUPYTER_CONFIG_PATH=$(CURDIR)/aipath/learner/lab_config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH} \
	  $(VENV)/bin/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=$(abspath $(WORKSPACE)) \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

instructor: install                   ## JupyterLab at the repository root, nbgrader's Formgrader and Create Assignment on
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

progress: workspace                   ## which exercises of your notebooks in $(WORKSPACE)/ pass, per phase ($(WORKSPACE)/progress.png)
	$(VENV)/bin/aipath progress $(PROGRESS_PATHS) --png $(WORKSPACE)/progress.png --cache $(WORKSPACE)/.progress-cache.json $(PROGRESS_ARGS)

data: install                         ## lay out the offline mirrors (if present) in $(AIPATH_DATA_DIR)
	@if [ -d "$(MIRROR)" ]; then \
	  $(PY) -m aipath.mirror $(MIRROR) --root $(AIPATH_DATA_DIR) \
	    $$( [ -d "$(FASHION_MNIST)" ] && echo --fashion-mnist $(FASHION_MNIST) ); \
	else echo "no mirror at $(MIRROR): notebooks will download their data"; fi

test: install data                    ## the whole test suite: unit, notebooks (nbmake, fast profile), grading
	AIPATH_PROFILE=fast MPLBACKEND=Agg OMP_NUM_THREADS=1 $(PY) -m pytest -n 2 --dist loadgroup --nbmake --nbmake-timeout=600 $(TEST_PATHS) $(PYTEST_ARGS)

site: install data                    ## the course website, offline: $(SITE_OUT)/_build/html/index.html
	AIPATH_PROFILE=fast OMP_NUM_THREADS=1 $(PY) -m website.build --out $(SITE_OUT) --workers 2

release: install                      ## regenerate the student versions in release/ and aipath/saved.py
	$(VENV)/bin/python -m autograder.saved
	$(VENV)/bin/autograder release

validate: install                     ## sources pass, student versions fail, mutants are caught
	$(VENV)/bin/autograder validate --mutants

bench: install data                   ## benchmarks: notebook times, grading throughput
	AIPATH_PROFILE=fast MPLBACKEND=Agg $(PY) benchmarks/bench_notebooks.py
	$(PY) benchmarks/bench_grading.py

clean:
	rm -rf $(VENV) .data gradebook.db submitted autograded feedback .site-cache build/site test-artifacts
