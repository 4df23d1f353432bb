# FloodSR for QGIS. Every target sets itself up on a fresh Debian 12 machine.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
SETUP_STAMP := $(VENV)/.floodsr-setup
QGIS_PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

export QT_QPA_PLATFORM := offscreen
export QGIS_CUSTOM_CONFIG_PATH := $(CURDIR)/.qgis-profile
export XDG_CACHE_HOME := $(CURDIR)/.cache

.PHONY: setup test demo bench package deploy qgis-process translations clean

setup: $(SETUP_STAMP)

$(SETUP_STAMP): requirements-dev.txt constraints.txt tools/install-system-packages.sh
	bash tools/install-system-packages.sh
	test -x $(PYTHON) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	# The onnxruntime wheel for the offline floodsr:installruntime test.
	$(PYTHON) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: -d build/wheels \
		"$$(grep '^onnxruntime==' requirements-dev.txt)"
	touch $@

test: setup
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

clean:
	rm -rf build .cache .qgis-profile floodsr.zip
