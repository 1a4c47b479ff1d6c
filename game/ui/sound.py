"""Optional, subtle sounds synthesised at start-up (no sound files, so nothing to license).

If the audio device cannot be opened the game is simply silent.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pygame

RATE = 22050


def _tone(freqs: list[float], ms: int, volume: float) -> np.ndarray:
    t = np.arange(int(RATE * ms / 1000)) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    envelope = np.minimum(1, t / 0.005) * np.exp(-t * 18)
    return (wave * envelope * volume * 32767).astype(np.int16)


def no_sound_device() -> bool:
    """Linux without a sound card or sound server: opening audio would only make ALSA print a dozen
    'ALSA lib ... cannot find card' lines into the player's terminal, and the game would be silent anyway."""
    if not sys.platform.startswith("linux") or os.environ.get("SDL_AUDIODRIVER"):
        return False
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.environ.get("PULSE_SERVER") or (runtime and any(
            os.path.exists(os.path.join(runtime, name)) for name in ("pulse/native", "pipewire-0"))):
        return False
    try:
        with open("/proc/asound/cards", encoding="utf-8", errors="replace") as f:
            cards = f.read()
    except OSError:
        return True
    return "no soundcards" in cards or not cards.strip()


class Sounds:
    def __init__(self, enabled: bool, init: bool = True):
        self.enabled = enabled
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        if not init or no_sound_device():
            return
        try:
            pygame.mixer.init(RATE, -16, 1, 512)
            channels = pygame.mixer.get_init()[2]
            for name, (freqs, ms, vol) in {"click": ([880], 40, 0.12), "turn": ([523, 659], 160, 0.10),
                                            "alert": ([392, 311], 220, 0.12)}.items():
                mono = _tone(freqs, ms, vol)
                data = mono if channels == 1 else np.repeat(mono[:, None], channels, axis=1)
                self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(data))
        except (pygame.error, ValueError, TypeError):
            self._sounds = {}

    def play(self, name: str) -> None:
        if self.enabled and name in self._sounds:
            self._sounds[name].play()
