"""Synthetic 2 m terrains with the features that steer floods: valleys, channels, levees, streets and buildings.

Plain numpy; each generator takes a numpy Generator and a size in cells and returns elevations in metres.
"""

import numpy as np

CELL = 2.0


def fractal_noise(rng, size, amplitude, slope=2.2):
    """Gaussian noise with a power-law spectrum (rough on small scales, smooth on large), std = amplitude."""
    freq_y = np.fft.fftfreq(size)[:, None]
    freq_x = np.fft.rfftfreq(size)[None, :]
    radius = np.sqrt(freq_y**2 + freq_x**2)
    radius[0, 0] = 1.0
    spectrum = (rng.standard_normal(radius.shape) + 1j * rng.standard_normal(radius.shape)) / radius ** (slope / 2)
    spectrum[0, 0] = 0
    field = np.fft.irfft2(spectrum, s=(size, size))
    return amplitude * field / field.std()


def _meander(rng, size):
    """Column of a channel centre line for every row: a sum of random sinusoids around the middle."""
    rows = np.arange(size)
    centre = size / 2 + rng.uniform(-0.15, 0.15) * size
    for _ in range(3):
        wavelength = rng.uniform(150, 600)
        centre = centre + rng.uniform(5, 40) * np.sin(2 * np.pi * rows / wavelength + rng.uniform(0, 2 * np.pi))
    return centre


def valley(rng, size):
    """A valley falling north to south, with an incised meandering channel and rough floodplain."""
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    centre = _meander(rng, size)[:, None]
    distance = np.abs(cols - centre) * CELL
    down_valley = rng.uniform(0.002, 0.01) * (size - rows) * CELL
    side_slope = rng.uniform(0.02, 0.12)
    floor_half_width = rng.uniform(20, 120)
    sides = side_slope * np.maximum(distance - floor_half_width, 0)
    channel_depth, channel_half_width = rng.uniform(1.0, 3.0), rng.uniform(3, 10)
    channel = -channel_depth * np.exp(-((distance / channel_half_width) ** 2))
    return 200 + down_valley + sides + channel + fractal_noise(rng, size, rng.uniform(0.1, 0.5))


def leveed_floodplain(rng, size):
    """A nearly flat plain with a leveed channel (levees 1-2.5 m, with a breach) and low back-swamps."""
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    centre = _meander(rng, size)[:, None]
    distance = np.abs(cols - centre) * CELL
    plain = rng.uniform(0.0005, 0.003) * (size - rows) * CELL + rng.uniform(-0.002, 0.002) * cols * CELL
    levee_height, levee_offset = rng.uniform(1.0, 2.5), rng.uniform(12, 30)
    levee = levee_height * np.exp(-(((distance - levee_offset) / 6) ** 2))
    breach_row = rng.integers(size // 4, 3 * size // 4)
    levee[max(0, breach_row - 8) : breach_row + 8] *= rng.uniform(0.0, 0.3)
    channel = -rng.uniform(2, 4) * np.exp(-((distance / rng.uniform(5, 10)) ** 2))
    swamps = -np.clip(fractal_noise(rng, size, 1.0, slope=3.0), 0, None) * rng.uniform(0.3, 1.0)
    return 50 + plain + levee + channel + swamps + fractal_noise(rng, size, rng.uniform(0.05, 0.2))


def urban(rng, size):
    """A gently sloping town: a street grid lower than the plots, and buildings raised 3 m on the plots."""
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    ground = rng.uniform(0.005, 0.03) * (size - rows) * CELL + rng.uniform(-0.01, 0.01) * cols * CELL
    ground += fractal_noise(rng, size, rng.uniform(0.3, 1.0), slope=3.0)
    block = rng.integers(30, 60)
    street = rng.integers(5, 9)
    plot = ((rows % block) >= street) & ((cols % block) >= street)
    kerb = np.where(plot, 0.15, -0.1)
    buildings = np.zeros((size, size))
    for _ in range(int(size * size / block**2 * rng.uniform(1.0, 2.5))):
        r, c = rng.integers(0, size, 2)
        h, w = rng.integers(5, 16, 2)
        buildings[r : r + h, c : c + w] = 3.0
    return 30 + ground + kerb + buildings * plot


def hillslope(rng, size):
    """A hillside draining to a valley floor along the south edge, cut by gullies: for rain floods."""
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    slope = rng.uniform(0.03, 0.12) * (size - rows) * CELL * np.clip(1.2 - rows / size, 0.05, 1.0)
    gullies = np.zeros((size, size))
    for _ in range(rng.integers(3, 8)):
        centre = rng.uniform(0, size) + rng.uniform(-20, 20) * np.sin(rows / rng.uniform(40, 120))
        gullies -= rng.uniform(0.5, 2.0) * np.exp(-(((cols - centre) * CELL / rng.uniform(4, 12)) ** 2))
    return 300 + slope + gullies + fractal_noise(rng, size, rng.uniform(0.2, 0.8))


# "town" and "urban" are the same generator: towns to train on, and held-out urban terrains (each draw its own town)
FAMILIES = {
    "valley": valley,
    "leveed_floodplain": leveed_floodplain,
    "urban": urban,
    "town": urban,
    "hillslope": hillslope,
}
