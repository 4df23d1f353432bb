"""Keep i18n/*.ts in step with the code: every user-facing string of the plugin, in the one context FloodSR.

The strings are tr("...") and translatable("...") calls in the plugin, the texts of the example models and the
class labels of the styles (which the plugin translates as it shows them), and the templates of Message(...),
Plural(...) and FloodSRError(...) and its kinds (InputError(...), ...) in the engine, which the plugin translates when
it shows them (engine/messages.py). A Plural's template ("%Ln tile(s)") becomes a numerus message: one form per
plural form of the language, as Qt's lrelease expects.
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
ERRORS_MODULE = ROOT / "engine" / "errors.py"
ERROR_KINDS = {
    node.name for node in ast.parse(ERRORS_MODULE.read_text(encoding="utf-8")).body if isinstance(node, ast.ClassDef)
}
# localised: the plugin's sentences with numbers; __init__: the super().__init__("...") of FloodSRError's own
# subclasses (CancelledError).
TRANSLATING_CALLS = {"tr", "translatable", "localised", "Message", "Plural", "__init__"} | ERROR_KINDS
PLURAL_CALLS = {"Plural"}
# Plural forms per language, as Qt counts them (French: 0 and 1 singular, then plural).
PLURAL_FORMS = {"fr": 2}
CONTEXT = "FloodSR"
# What a graphical model file holds for the user to read: the group, the descriptions of inputs, steps and
# outputs, and the help (but its author and link).
MODEL_TEXT_OPTIONS = {"model_group", "description", "component_description"}
MODEL_UNTRANSLATED_HELP = {"ALG_CREATOR", "HELP_URL", "ALG_VERSION", "EXAMPLES", "SHORT_DESCRIPTION"}


def translatable_strings():
    strings = []
    for call in _translating_calls():
        if _literal_template(call) and call.args[0].value not in strings:
            strings.append(call.args[0].value)
    return strings + [text for text in example_model_strings() + style_labels() if text not in strings]


def style_labels():
    """The class labels of the shipped styles, which the plugin translates as it applies them
    (processing_provider/layer_style.py)."""
    labels = []
    for path in sorted((ROOT / "resources" / "styles").glob("*.qml")):
        for element in ElementTree.parse(path).getroot().iter():
            label = element.get("label") if element.tag in ("item", "paletteEntry") else None
            if label and label not in labels:
                labels.append(label)
    return labels


def example_model_strings():
    """The texts a user reads in the shipped graphical models (group, inputs, steps, outputs, help), which the
    provider translates as it lists them (floodsr_plugin/example_models.py)."""
    strings = []
    for path in sorted((ROOT / "resources" / "models" / "examples").glob("*.model3")):
        for option in ElementTree.parse(path).getroot().iter("Option"):
            name, value = option.get("name", ""), option.get("value", "")
            if name in MODEL_TEXT_OPTIONS and value and value not in strings:
                strings.append(value)
        help_texts = ElementTree.parse(path).getroot().find("./Option[@name='help']")
        strings += [
            option.get("value")
            for option in help_texts
            if option.get("name") not in MODEL_UNTRANSLATED_HELP and option.get("value") not in strings
        ]
    return strings


def plural_strings():
    return {call.args[0].value for call in _translating_calls() if _called_name(call) in PLURAL_CALLS}


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
    """Add new strings as unfinished, keep existing translations, mark strings no longer used as vanished, and
    keep one message per string (catalogues merged from parallel changes may hold a string twice)."""
    tree = ElementTree.parse(ts_path)
    context = next(c for c in tree.getroot().iter("context") if c.findtext("name") == CONTEXT)
    existing = {}
    for message in list(context.iter("message")):
        source = message.findtext("source")
        if source in existing:
            context.remove(message)
        else:
            existing[source] = message
    for source, message in existing.items():
        translation = message.find("translation")
        if source not in strings:
            translation.set("type", "vanished")
        elif translation.get("type") == "vanished":
            del translation.attrib["type"]
    plurals = plural_strings()
    forms = PLURAL_FORMS.get(tree.getroot().get("language", "")[:2], 2)
    for source in strings:
        if source not in existing:
            message = ElementTree.SubElement(context, "message")
            ElementTree.SubElement(message, "source").text = source
            translation = ElementTree.SubElement(message, "translation", type="unfinished")
            if source in plurals:
                message.set("numerus", "yes")
                for _ in range(forms):
                    ElementTree.SubElement(translation, "numerusform")
    ElementTree.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)


def translations(message) -> list:
    """The translated text of a message: its one translation, or each of its plural forms."""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def untranslated(ts_path: Path):
    root = ElementTree.parse(ts_path).getroot()
    return [
        message.findtext("source")
        for message in root.iter("message")
        if message.find("translation").get("type") == "unfinished" or not all(translations(message))
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
