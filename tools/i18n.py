"""Keep i18n/*.ts in step with the code: every user-facing string of the plugin, in the one context FloodSR.

The strings are tr("...") and translatable("...") calls in the plugin and the templates of Message(...) and
FloodSRError(...) in the engine, which the plugin translates when it shows them (engine/messages.py).
pylupdate5 knows neither the engine's templates nor the one context "FloodSR" the plugin translates in
(floodsr_plugin/i18n.py), so they are collected here with ast.
Usage: python tools/i18n.py update   (then lrelease compiles the .ts files to .qm; see `make translations`)
        python tools/i18n.py         (lists the strings, and any text built in place)
"""

import ast
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("floodsr_plugin", "processing_provider", "engine")
# __init__: the super().__init__("...") of FloodSRError's own subclasses (CancelledError)
ERROR_KINDS = {"InputError", "ModelError", "OutputError", "DownloadError"}  # FloodSRError's kinds (engine/errors.py)
TRANSLATING_CALLS = {"tr", "translatable", "Message", "FloodSRError", "__init__"} | ERROR_KINDS
CONTEXT = "FloodSR"


def translatable_strings():
    strings = []
    for call in _translating_calls():
        if _literal_template(call) and call.args[0].value not in strings:
            strings.append(call.args[0].value)
    return strings


def computed_templates():
    """file:line of each translating call whose text is built in place (an f-string, a concatenation, a .format()),
    so that no catalogue can hold it. Names are let through: they hand on a string marked elsewhere."""
    return [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, call in _translating_calls(with_paths=True)
        if isinstance(call.args[0], (ast.JoinedStr, ast.BinOp, ast.Call))
    ]


def _translating_calls(with_paths=False):
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and _called_name(node) in TRANSLATING_CALLS and node.args:
                    yield (path, node) if with_paths else node


def _literal_template(call: ast.Call) -> bool:
    return isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)


def _called_name(call: ast.Call):
    function = call.func
    return function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)


def update(ts_path: Path, strings):
    """Add new strings as unfinished, keep existing translations, mark strings no longer used as vanished."""
    tree = ElementTree.parse(ts_path)
    context = next(c for c in tree.getroot().iter("context") if c.findtext("name") == CONTEXT)
    existing = {message.findtext("source"): message for message in context.iter("message")}
    for source, message in existing.items():
        translation = message.find("translation")
        if source not in strings:
            translation.set("type", "vanished")
        elif translation.get("type") == "vanished":
            del translation.attrib["type"]
    for source in strings:
        if source not in existing:
            message = ElementTree.SubElement(context, "message")
            ElementTree.SubElement(message, "source").text = source
            ElementTree.SubElement(message, "translation", type="unfinished")
    ElementTree.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)


def untranslated(ts_path: Path):
    root = ElementTree.parse(ts_path).getroot()
    return [
        message.findtext("source")
        for message in root.iter("message")
        if message.find("translation").get("type") == "unfinished" or not message.findtext("translation")
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        for ts in sorted((ROOT / "i18n").glob("*.ts")):
            update(ts, translatable_strings())
            missing = untranslated(ts)
            print(f"{ts.name}: {len(missing)} string(s) still to translate")
    else:
        print("\n".join(translatable_strings()))
        for place in computed_templates():
            print(f"built in place, so not translatable: {place}", file=sys.stderr)
