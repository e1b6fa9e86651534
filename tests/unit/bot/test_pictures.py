"""The icon arrays (bot/pictures.py) show exactly the finding's figures:
counted in the PNG; every picture renders with its alt text and its sources."""
import io

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from bot.facts import facts
from bot.pictures import PICTURE_IDS, picture_for, png

MARKED = (0x1F, 0x4E, 0x79)  # the colour of a counted person
UNMARKED = (0xC7, 0xD3, 0xDD)
MIN_PIXELS = 100  # a person is about 300 pixels; smaller blobs are anti-aliasing


def _people(image: np.ndarray, colour) -> int:
    """How many separate people are drawn in this colour."""
    close = np.abs(image.astype(int) - np.array(colour)).sum(axis=2) < 40
    labels, _ = ndimage.label(close)
    sizes = np.bincount(labels.ravel())[1:]
    return int((sizes >= MIN_PIXELS).sum())


def _marked_people(image: np.ndarray) -> int:
    return _people(image, MARKED)


def _panels(fid: str):
    """The left (lenalidomide) and right (without) halves of the picture."""
    image = np.array(Image.open(io.BytesIO(png(fid))).convert("RGB"))
    middle = image.shape[1] // 2
    return image[:, :middle], image[:, middle:]


@pytest.mark.parametrize("fid", PICTURE_IDS)
def test_coloured_people_equal_the_findings_figures(fid):
    f = facts().finding(fid)
    left, right = _panels(fid)
    assert _marked_people(left) == f.said("lenalidomide")
    assert _marked_people(right) == f.said("observation")


@pytest.mark.parametrize("fid", PICTURE_IDS)
def test_every_person_is_drawn_once(fid):
    """All 100 people per group are drawn: marked plus unmarked."""
    for panel in _panels(fid):
        assert _people(panel, UNMARKED) + _marked_people(panel) == facts().thresholds.per


def test_alt_text_is_the_findings_own_sentence():
    for fid in PICTURE_IDS:
        assert picture_for(fid).alt.startswith(facts().finding(fid).text().split(" in 100")[0])


@pytest.mark.parametrize("fid", PICTURE_IDS)
def test_every_picture_renders_with_its_finding_as_alt_text(fid):
    data = png(fid)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert "in 100" in picture_for(fid).alt


def test_no_picture_for_findings_without_two_arms():
    with pytest.raises(KeyError, match="stopped"):
        picture_for("stopped")


def test_picture_texts_carry_their_findings_sources():
    picture = picture_for("spm")
    assert picture.alt.sources == {"spm"} and picture.caption.sources == {"spm"}
