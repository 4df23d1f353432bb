# FloodSR for QGIS. Every target sets itself up on a fresh Debian 12 machine.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
SETUP_STAMP := $(VENV)/.floodsr-setup
PLUGIN_LINK := build/plugins/floodsr
QGIS_PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

export QT_QPA_PLATFORM := offscreen
export QGIS_CUSTOM_CONFIG_PATH := $(CURDIR)/.qgis-profile
export XDG_CACHE_HOME := $(CURDIR)/.cache

.PHONY: setup lint test demo bench package deploy qgis-process translations model clean

setup: $(SETUP_STAMP) $(PLUGIN_LINK)

# QGIS imports a plugin by its folder name, and this checkout's folder may be named anything: tests, tools
# and qgis_process import it as `floodsr` through this link.
$(PLUGIN_LINK):
	mkdir -p $(@D)
	ln -sfn "$(CURDIR)" $@

$(SETUP_STAMP): requirements-dev.txt constraints.txt tools/install-system-packages.sh
	bash tools/install-system-packages.sh
	test -x $(PYTHON) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	# The onnxruntime wheel for the offline floodsr:installruntime test.
	$(PYTHON) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: -d build/wheels \
		"$$(grep '^onnxruntime==' requirements-dev.txt)"
	touch $@

# Lint, format and type checks (settings in pyproject.toml); `make test` and so CI run them first.
lint: setup
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy

test: setup lint
	$(PYTHON) -m pytest

demo: setup
	$(PYTHON) tools/demo.py

bench: setup
	$(PYTHON) tools/bench.py

package:
	/usr/bin/python3 tools/package.py floodsr.zip

deploy:
	mkdir -p "$(QGIS_PROFILE_PLUGINS)"
	ln -sfn "$(CURDIR)" "$(QGIS_PROFILE_PLUGINS)/floodsr"
	@echo "Linked $(CURDIR) as $(QGIS_PROFILE_PLUGINS)/floodsr; enable FloodSR in QGIS's Plugin Manager."

qgis-process: setup
	tools/qgis-process $(ARGS)

translations: setup
	command -v lrelease >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qttools5-dev-tools)
	$(PYTHON) tools/i18n.py update
	lrelease -silent i18n/*.ts

# The bundled model, reproduced from scratch: simulate floods (itzi), train, export, install, evaluate.
# Dev-only venvs: the solver needs numpy 2 and the trainer PyTorch, neither of which may enter QGIS's Python.
SOLVER_PYTHON ?= python3.11
FLOOD_CASES ?= 21
model: setup
	test -x .venv-floodgen/bin/python || $(SOLVER_PYTHON) -m venv .venv-floodgen
	.venv-floodgen/bin/pip install --quiet -r tools/floodgen/requirements.txt
	test -x .venv-train/bin/python || $(SOLVER_PYTHON) -m venv .venv-train
	.venv-train/bin/pip install --quiet -r tools/training/requirements.txt
	for worker in 0 1; do OMP_NUM_THREADS=1 .venv-floodgen/bin/python tools/floodgen/generate.py build/floods \
		--cases $(FLOOD_CASES) --worker $$worker --workers 2 & done; wait
	cd tools/training && ../../.venv-train/bin/python train.py ../../build/floods ../../build/model
	$(PYTHON) tools/training/install_model.py build/model/floodsr_small.onnx
	cd tools/training && ../../$(PYTHON) applicability.py ../../resources/models/floodsr_small.onnx --floods ../../build/floods
	$(PYTHON) tools/training/evaluate.py build/floods resources/models/floodsr_small.onnx build/model-eval
	$(PYTHON) tools/training/write_model_card.py build/model-eval/scores.json build/model/training_log.json \
		resources/models/floodsr_small.onnx "$$($(PYTHON) tools/training/time_tile.py resources/models/floodsr_small.onnx)"

clean:
	rm -rf build .cache .qgis-profile floodsr.zip
