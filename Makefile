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

.PHONY: setup lint test test-matrix demo bench package deploy qgis-process translations screenshots floods merewether-flood accuracy model serve loadtest mlflow-env clean \
	container-tools base-image images image-server image-qgis-process image-prometheus pod run-server run-qgis-process \
	test-images

setup: $(SETUP_STAMP) $(PLUGIN_LINK)

# QGIS imports a plugin by its folder name, and this checkout's folder may be named anything: tests, tools
# and qgis_process import it as `floodsr` through this link.
$(PLUGIN_LINK):
	mkdir -p $(@D)
	ln -sfn "$(CURDIR)" $@

# QGIS, GDAL and scipy are built against the system's numpy: pip is held to exactly that version (generated here,
# whatever the Debian release), so it can never replace it.
$(SETUP_STAMP): requirements-dev.txt constraints.txt server/requirements.txt tools/install-system-packages.sh \
		tools/system-packages.txt
	bash tools/install-system-packages.sh
	test -x $(PYTHON) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	/usr/bin/python3 -c 'import numpy; print("numpy==" + numpy.__version__)' > $(VENV)/numpy-constraint.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -c $(VENV)/numpy-constraint.txt \
		-r requirements-dev.txt -r server/requirements.txt
	# The wheels floodsr:installruntime installs, for its offline test.
	$(PYTHON) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: -d build/wheels \
		$$($(PYTHON) -c 'from engine.models.runtime import runtime_requirements; print(*runtime_requirements())')
	touch $@

# Lint, format and type checks (settings in pyproject.toml); `make test` and so CI run them first.
lint: setup
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy

test: setup lint mlflow-env
	$(PYTHON) -m pytest

# A real MLflow tracking server for the model-registry tests, in a venv of its own: mlflow brings about 60
# packages (pandas, pyarrow, scikit-learn, newer cryptography...) that must not shadow Debian's under QGIS.
MLFLOW_VENV := build/mlflow-venv
MLFLOW_STAMP := $(MLFLOW_VENV)/.floodsr-setup
mlflow-env: $(MLFLOW_STAMP)

$(MLFLOW_STAMP): tests/mlflow-requirements.txt
	test -x $(MLFLOW_VENV)/bin/python || /usr/bin/python3 -m venv $(MLFLOW_VENV)
	$(MLFLOW_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/mlflow-requirements.txt
	# An empty, fully migrated tracking database that each test run copies: migrating takes longer than starting.
	rm -f $(MLFLOW_VENV)/empty.db
	MLFLOW_DISABLE_TELEMETRY=true $(MLFLOW_VENV)/bin/mlflow db upgrade sqlite:///$(CURDIR)/$(MLFLOW_VENV)/empty.db
	touch $@

# The HTTP inference server over the engine (server/, README "Serving over HTTP"); settings from FLOODSR_*.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: setup
	$(PYTHON) -m server --host $(HOST) --port $(PORT)

# 50 concurrent clients against a server of capacity 2 on the sample, 127.0.0.1 only: writes docs/benchmarks.md's
# serving section.
loadtest: setup
	nice -n 10 $(PYTHON) tools/loadtest.py

# Container images (deploy/, README "Deployment"): the HTTP server, and headless qgis_process with the plugin
# installed from its zip. No registry is needed: the base image is made from Debian's packages (debootstrap, cached
# in /var/cache/floodsr-images) under the name the Containerfiles' FROM uses. PODMAN's options are those that work
# as root on a machine without systemd and without the right to raise ulimits; a desktop's rootless podman may
# use PODMAN=podman.
PODMAN ?= env CONTAINERS_CONF=$(CURDIR)/deploy/containers.conf podman --runtime runc --cgroup-manager=cgroupfs
PODMAN_BUILD = $(PODMAN) build --pull=never --isolation=chroot --format docker
SERVER_IMAGE ?= localhost/floodsr-server
QGIS_PROCESS_IMAGE ?= localhost/floodsr-qgis-process
PROMETHEUS_IMAGE ?= localhost/floodsr-prometheus
container-tools:
	dpkg -s podman runc catatonit debootstrap >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc catatonit debootstrap)

base-image: container-tools
	PODMAN="$(PODMAN)" bash deploy/base-image.sh

images: image-server image-qgis-process image-prometheus

image-server: base-image
	$(PODMAN_BUILD) -f deploy/server.Containerfile -t $(SERVER_IMAGE) .

image-qgis-process: base-image package
	$(PODMAN_BUILD) -f deploy/qgis-process.Containerfile -t $(QGIS_PROCESS_IMAGE) .

# Prometheus with the scrape configuration and alerting rules of deploy/prometheus/ baked in.
image-prometheus: base-image
	$(PODMAN_BUILD) -f deploy/prometheus.Containerfile -t $(PROMETHEUS_IMAGE) .

# The server and Prometheus as one pod (deploy/floodsr-pod.yaml): http://127.0.0.1:8000 and http://127.0.0.1:9090.
pod: image-server image-prometheus
	$(PODMAN) kube play --replace deploy/floodsr-pod.yaml

# The server on http://$(HOST):$(PORT), settings passed through as FLOODSR_* (e.g. FLOODSR_MAX_JOBS=4 make run-server).
run-server: image-server
	$(PODMAN) run --rm --init -p $(HOST):$(PORT):8000 $(foreach name,$(filter FLOODSR_%,$(.VARIABLES)),-e $(name)) \
		$(SERVER_IMAGE)

# qgis_process in the image with this folder at /data (outputs need a folder the image's user, uid 10001, may
# write): make run-qgis-process ARGS="run floodsr:downscale -- INPUT_DEPTH=/data/... OUTPUT=/data/out/..."
run-qgis-process: image-qgis-process
	$(PODMAN) run --rm --network=none -v "$(CURDIR):/data" -w /data $(QGIS_PROCESS_IMAGE) $(ARGS)

# Builds the images, then tests them (tests/test_images.py): the server answers the sample as the engine does, the
# qgis_process image runs the demo, the pod file starts the server with Prometheus scraping it. The containers the
# tests start are removed; the images stay for reuse.
test-images: setup images
	FLOODSR_TEST_PODMAN="$(PODMAN)" FLOODSR_SERVER_IMAGE=$(SERVER_IMAGE) FLOODSR_QGIS_PROCESS_IMAGE=$(QGIS_PROCESS_IMAGE) \
		FLOODSR_PROMETHEUS_IMAGE=$(PROMETHEUS_IMAGE) $(PYTHON) -m pytest tests/test_images.py

# Every test and the demo on QGIS 3.22 (bookworm), 3.40 LTR (trixie) and 3.44 (sid), each in a cached
# debootstrap root filesystem (needs root). MATRIX_SUITES picks suites; tools/test-matrix.sh lists its settings.
MATRIX_SUITES ?= bookworm trixie sid
test-matrix:
	bash tools/test-matrix.sh $(MATRIX_SUITES)

demo: setup
	$(PYTHON) tools/demo.py

bench: setup
	nice -n 10 $(PYTHON) tools/bench.py --batch

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

# docs/screenshots/*.png from a real QGIS window on a virtual X display (dev only): the map with a result, a run's log,
# the Toolbox dialogs, evaluate's report and the example model in the designer; then, with a French locale, the
# superresolve dialog and its log in French. A fresh profile in build/, this checkout as the plugin.
SCREENSHOT_PROFILE := build/screenshots/profile
screenshots: setup
	command -v xvfb-run >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth)
	rm -rf $(SCREENSHOT_PROFILE)
	for locale in C.UTF-8 fr_FR.UTF-8; do \
		FLOODSR_ROOT="$(CURDIR)" LANG=$$locale LC_ALL=$$locale QT_QPA_PLATFORM=xcb QGIS_CUSTOM_CONFIG_PATH= \
		xvfb-run -a -s "-screen 0 1600x1000x24" \
		qgis --nologo --noversioncheck --noplugins --profiles-path $(SCREENSHOT_PROFILE) --code tools/screenshots.py \
		|| exit 1; done

# Simulated floods (itzi, dev-only venv: the solver needs numpy 2, which may not enter QGIS's Python): every event
# at 2 m (the truth) and at 32 m on the block-mean DEM (the coarse run), held-out terrains first. Cases already in
# build/floods are kept, so an interrupted run resumes.
SOLVER_PYTHON ?= python3.11
FLOOD_CASES ?= 96
TRAINING_CASES ?= 64
floods:
	test -x .venv-floodgen/bin/python || $(SOLVER_PYTHON) -m venv .venv-floodgen
	.venv-floodgen/bin/pip install --quiet -r tools/floodgen/requirements.txt
	for worker in 0 1; do OMP_NUM_THREADS=1 nice -n 10 .venv-floodgen/bin/python tools/floodgen/generate.py build/floods \
		--cases $(FLOOD_CASES) --training-cases $(TRAINING_CASES) --worker $$worker --workers 2 & done; wait

# The ARR Project 15 Merewether flood (tests/data/real/merewether_anuga_1m) simulated at 2 m (the truth) and 16 m
# (a coarse run) into tests/data/simulated/merewether, with its provenance README; seconds on one core.
merewether-flood:
	test -x .venv-floodgen/bin/python || $(SOLVER_PYTHON) -m venv .venv-floodgen
	.venv-floodgen/bin/pip install --quiet -r tools/floodgen/requirements.txt
	OMP_NUM_THREADS=1 nice -n 10 .venv-floodgen/bin/python tools/floodgen/merewether.py

# Every floodsr:downscale method, the spread subgrid_smooth baseline and the default model (as users get it, with
# its guard, and raw) on the held-out floods (coarse-run and block-mean inputs) and on flat levels over the real
# DEMs, scored by floodsr:evaluate; the tables go into README.md and resources/models/MODEL_CARD.md.
# With build/model from `make model`, the untrained FloodSR-subgrid network (which returns its prior, the
# subgrid_smooth estimate per 512 tile) is scored too, to show what training adds.
UNTRAINED_MODEL := $(wildcard build/model/floodsr_subgrid_untrained.onnx)
accuracy: setup floods
	$(PYTHON) tools/benchmark/accuracy.py build/floods build/accuracy \
		$(if $(UNTRAINED_MODEL),--model subgrid_smooth_per_tile=$(UNTRAINED_MODEL))

# The default bundled model, FloodSR-surface (contract version 3, docs/model-contract-v3.md), reproduced from
# scratch: simulate, train, export, install with its sha256 and training range, model card, benchmark. The
# trainer's venv holds PyTorch, which QGIS's Python must not. VOLUME: cell or tile (where the water is kept).
VOLUME ?= cell
SURFACE_STEPS ?= 3000
model: setup floods
	test -x .venv-train/bin/python || $(SOLVER_PYTHON) -m venv .venv-train
	.venv-train/bin/pip install --quiet -r tools/training/requirements.txt
	cd tools/training && OMP_NUM_THREADS=1 nice -n 10 ../../.venv-train/bin/python train_surface.py ../../build/floods \
		../../build/model --volume $(VOLUME) --steps $(SURFACE_STEPS)
	$(PYTHON) tools/training/install_model.py build/model/floodsr_surface.onnx
	cd tools/training && ../../$(PYTHON) applicability.py ../../resources/models/floodsr_surface.onnx --floods ../../build/floods \
		--training-log ../../build/model/training_log.json
	$(PYTHON) tools/training/write_model_card.py build/model/training_log.json resources/models/floodsr_surface.onnx \
		"$$($(PYTHON) tools/training/time_tile.py resources/models/floodsr_surface.onnx)"
	$(MAKE) accuracy

clean:
	rm -rf build .cache .qgis-profile floodsr.zip
