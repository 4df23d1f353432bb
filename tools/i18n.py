"""Keep i18n/*.ts in step with the code: every tr("...") string of the plugin, in the one context FloodSR.

pylupdate5 would file each string under the class it sits in, while the plugin translates everything
in the context "FloodSR" (floodsr_plugin/i18n.py); so the strings are collected here with ast.
Usage: python tools/i18n.py update   (then lrelease compiles the .ts files to .qm; see `make translations`)
"""

import ast
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("floodsr_plugin", "processing_provider")
CONTEXT = "FloodSR"


def translatable_strings():
    strings = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and _called_name(node) == "tr"):
                    if node.args[0].value not in strings:
                        strings.append(node.args[0].value)
    return strings


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
    return [message.findtext("source") for message in root.iter("message")
            if message.find("translation").get("type") == "unfinished" or not message.findtext("translation")]


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        for ts in sorted((ROOT / "i18n").glob("*.ts")):
            update(ts, translatable_strings())
            missing = untranslated(ts)
            print(f"{ts.name}: {len(missing)} string(s) still to translate")
    else:
        print("\n".join(translatable_strings()))
