"""Engine messages are templates with values: English by default, translated as a whole by the plugin."""

import pytest

from floodsr.engine.errors import CancelledError, FloodSRError
from floodsr.engine.messages import Message
from floodsr.engine.progress import Progress, StepLog

FRENCH = {
    "The {role} raster {path} is rotated. Warp it to a north-up grid (Raster > Projections > Warp) "
    "first.": "Le raster « {role} » {path} est pivoté.",
    "DEM": "MNT",
    "Resampling onto the DEM grid": "Rééchantillonnage sur la grille du MNT",
    "Overlap {overlap} is out of range: use 0 to {maximum} coarse pixels (default {default}).": "Recouvrement {oops}",
}


def to_french(text):
    return FRENCH.get(text, text)


def test_an_error_reads_in_english_and_translates_with_its_nested_role():
    error = FloodSRError(
        "The {role} raster {path} is rotated. Warp it to a north-up grid (Raster > Projections > Warp) first.",
        role=Message("DEM"),
        path="/data/dem.tif",
    )
    assert str(error) == (
        "The DEM raster /data/dem.tif is rotated. Warp it to a north-up grid (Raster > Projections > Warp) first."
    )
    assert error.translated(to_french) == "Le raster « MNT » /data/dem.tif est pivoté."


def test_values_keep_their_format_specs():
    message = Message(
        "Downloading {name} stopped after {received:,} of {expected:,} bytes ({share:.1%}).",
        name="m",
        received=1234567,
        expected=2000000,
        share=0.617,
    )
    assert str(message) == "Downloading m stopped after 1,234,567 of 2,000,000 bytes (61.7%)."


def test_a_faulty_translation_falls_back_to_the_english_sentence():
    error = FloodSRError(
        "Overlap {overlap} is out of range: use 0 to {maximum} coarse pixels (default {default}).",
        overlap=40,
        maximum=15,
        default=8,
    )
    assert error.translated(to_french) == "Overlap 40 is out of range: use 0 to 15 coarse pixels (default 8)."


def test_cancelled_is_an_engine_error_with_a_translatable_message():
    with pytest.raises(FloodSRError, match="Cancelled by the user; no output was written."):
        raise CancelledError()


def test_progress_hands_log_lines_and_stage_names_over_as_translated_text():
    lines, stages = [], []
    progress = Progress(log=lines.append, stage=lambda index, count, name: stages.append(name), translate=to_french)
    progress.log(Message("Resampling onto the DEM grid"))
    progress.log("pip: Successfully installed onnxruntime")
    progress.stage(1, 2, Message("Resampling onto the DEM grid"))
    assert lines == ["Rééchantillonnage sur la grille du MNT", "pip: Successfully installed onnxruntime"]
    assert stages == ["Rééchantillonnage sur la grille du MNT"]


def test_counts_take_the_english_plural_and_numbers_python_formats_outside_qgis():
    from floodsr.engine.messages import Plural

    def tiles(count):
        return str(
            Message("{tiles}, {cell:.2f} m, {share:.1%}", tiles=Plural("%Ln tile(s)", count), cell=2.5, share=0.155)
        )

    assert tiles(1) == "1 tile, 2.50 m, 15.5%"
    assert tiles(0) == "0 tiles, 2.50 m, 15.5%"
    assert tiles(1500) == "1,500 tiles, 2.50 m, 15.5%"
    assert Message("{value!r:>6}", value=1).render() == "     1"  # other formats are left to Python


def test_a_long_tile_loop_says_which_tile_of_how_many_and_the_time_left():
    lines, now = [], [0.0]
    steps = StepLog(Progress(log=lines.append), total=100, every=20.0, clock=lambda: now[0])
    for tile, seconds in ((1, 10.0), (2, 21.0), (3, 30.0), (10, 42.0), (60, 300.0), (100, 500.0)):
        now[0] = seconds
        steps.done(tile)
    assert lines == [
        "Tile 2 of 100, about 17 min left.",  # 10.5 s a tile
        "Tile 10 of 100, about 6 min left.",
        "Tile 60 of 100, about 3 min left.",  # 200 s: the last line before the end
    ]
